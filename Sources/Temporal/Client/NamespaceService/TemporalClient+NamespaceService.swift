import TernAPI

extension TemporalClient {
    /// The namespace API: registering, describing, listing, updating, deprecating and deleting
    /// namespaces (any namespace, not only the client's).
    public struct NamespaceService: Sendable {
        package let configuration: TemporalClient.Configuration
        let service: WorkflowServiceConnection.Service
        /// DeleteNamespace is an operator call, not a WorkflowService one.
        let operatorService: any Temporal_Api_Operatorservice_V1_OperatorService.ClientProtocol
    }

    /// The namespace API on this client's connection.
    public var namespaceService: NamespaceService {
        NamespaceService(
            configuration: configuration, service: connection.service, operatorService: connection.operatorService)
    }
}
