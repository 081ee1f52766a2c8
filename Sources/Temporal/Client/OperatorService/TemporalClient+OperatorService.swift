public import GRPCCore
import TernAPI

extension TemporalClient {
    /// The operator API: a namespace's custom search attributes.
    public struct OperatorService: Sendable {
        package let configuration: TemporalClient.Configuration
        let service: any Temporal_Api_Operatorservice_V1_OperatorService.ClientProtocol
    }

    /// The operator API on this client's connection.
    public var operatorService: OperatorService {
        OperatorService(configuration: configuration, service: connection.operatorService)
    }

    public func listSearchAttributes(namespace: String? = nil, callOptions: CallOptions? = nil) async throws
        -> SearchAttributeKeyCollection
    {
        try await operatorService.listSearchAttributes(namespace: namespace, callOptions: callOptions)
    }

    public func addSearchAttributes<each Value>(
        namespace: String? = nil, _ attributes: repeat SearchAttributeKey<each Value>, callOptions: CallOptions? = nil
    ) async throws {
        try await operatorService.addSearchAttributes(namespace: namespace, repeat each attributes, callOptions: callOptions)
    }

    public func removeSearchAttributes<each Value>(
        namespace: String? = nil, _ attributes: repeat SearchAttributeKey<each Value>, callOptions: CallOptions? = nil
    ) async throws {
        try await operatorService.removeSearchAttributes(namespace: namespace, repeat each attributes, callOptions: callOptions)
    }
}
