public import GRPCCore
import TernAPI

extension TemporalClient.NamespaceService {
    /// Deletes a namespace and everything in it. The server renames it at once (freeing the name)
    /// and removes its executions in the background, after `delay` if given (its default
    /// otherwise). Returns the name the namespace has while that runs.
    @discardableResult
    public func deleteNamespace(
        namespace: NamespaceReference,
        delay: Duration? = nil,
        callOptions: CallOptions? = nil
    ) async throws -> String {
        let response = try await operatorService.deleteNamespace(
            .with {
                switch namespace {
                case .name(let name): $0.namespace = name
                case .id(let id): $0.namespaceID = id
                }
                if let delay { $0.namespaceDeleteDelay = .init(duration: delay) }
            }, options: callOptions ?? .defaults)
        return response.deletedNamespace
    }
}
