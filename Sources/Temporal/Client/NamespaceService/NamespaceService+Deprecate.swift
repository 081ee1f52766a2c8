public import GRPCCore
import TernAPI

extension TemporalClient.NamespaceService {
    /// Marks a namespace deprecated: it stays readable, but the server refuses new workflows in it.
    ///
    /// Sent as an UpdateNamespace that sets the state, not the DeprecateNamespace RPC, which
    /// Temporal's API marks deprecated in favour of this.
    public func deprecateNamespace(
        namespace: String,
        securityToken: String? = nil,
        callOptions: CallOptions? = nil
    ) async throws {
        var request = Api.Workflowservice.V1.UpdateNamespaceRequest()
        request.namespace = namespace
        request.updateInfo.state = .deprecated
        request.securityToken = securityToken ?? ""
        _ = try await service.updateNamespace(request, options: callOptions ?? .defaults)
    }
}
