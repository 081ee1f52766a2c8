public import GRPCCore
import TernAPI

extension TemporalClient.NamespaceService {
    /// Changes a namespace and returns it as it now stands. Only what is passed changes: a `nil`
    /// argument (or a `nil` field inside `updateInfo` or `config`) keeps the current value, and
    /// `updateInfo.data` is merged into the existing data. `deleteBadBinary` unmarks a binary
    /// checksum; `promoteNamespace` turns a local namespace into a global one.
    public func updateNamespace(
        namespace: String,
        updateInfo: NamespaceUpdateInfo? = nil,
        config: NamespaceConfig? = nil,
        replicationConfig: NamespaceReplicationConfig? = nil,
        securityToken: String? = nil,
        deleteBadBinary: String? = nil,
        promoteNamespace: Bool? = nil,
        callOptions: CallOptions? = nil
    ) async throws -> NamespaceUpdatedDescription {
        var request = Api.Workflowservice.V1.UpdateNamespaceRequest()
        request.namespace = namespace
        // Unset messages rather than empty ones: the server reads presence as "change this".
        if let updateInfo { request.updateInfo = .init(updateInfo) }
        if let config { request.config = .init(config) }
        if let replicationConfig { request.replicationConfig = .init(replicationConfig) }
        request.securityToken = securityToken ?? ""
        request.deleteBadBinary = deleteBadBinary ?? ""
        request.promoteNamespace = promoteNamespace ?? false
        let response = try await service.updateNamespace(request, options: callOptions ?? .defaults)
        return NamespaceUpdatedDescription(proto: response)
    }
}
