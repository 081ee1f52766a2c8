public import GRPCCore
import TernAPI

extension TemporalClient.NamespaceService {
    /// Creates a namespace. Only the name and retention are required; a `nil` argument leaves
    /// the server's default. Fails with `.alreadyExists` if the name is taken.
    public func registerNamespace(
        name: String,
        workflowExecutionRetentionPeriod: Duration,
        description: String? = nil,
        ownerEmail: String? = nil,
        clusters: [String]? = nil,
        activeClusterName: String? = nil,
        data: [String: String]? = nil,
        securityToken: String? = nil,
        isGlobalNamespace: Bool? = nil,
        historyArchivalState: NamespaceArchivalState? = nil,
        visibilityArchivalState: NamespaceArchivalState? = nil,
        callOptions: CallOptions? = nil
    ) async throws {
        var request = Api.Workflowservice.V1.RegisterNamespaceRequest()
        request.namespace = name
        request.workflowExecutionRetentionPeriod = .init(duration: workflowExecutionRetentionPeriod)
        request.description_p = description ?? ""
        request.ownerEmail = ownerEmail ?? ""
        request.clusters = (clusters ?? []).map { cluster in .with { $0.clusterName = cluster } }
        request.activeClusterName = activeClusterName ?? ""
        request.data = data ?? [:]
        request.securityToken = securityToken ?? ""
        request.isGlobalNamespace = isGlobalNamespace ?? false
        let history = Api.Enums.V1.ArchivalState.wire(historyArchivalState)
        request.historyArchivalState = history.state
        request.historyArchivalUri = history.uri
        let visibility = Api.Enums.V1.ArchivalState.wire(visibilityArchivalState)
        request.visibilityArchivalState = visibility.state
        request.visibilityArchivalUri = visibility.uri
        _ = try await service.registerNamespace(request, options: callOptions ?? .defaults)
    }
}
