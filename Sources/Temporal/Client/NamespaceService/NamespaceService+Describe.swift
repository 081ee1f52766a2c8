public import GRPCCore
import TernAPI

extension TemporalClient.NamespaceService {
    /// A namespace's info, settings and replication, by name or id. Fails with `.notFound` if
    /// there is no such namespace.
    public func describeNamespace(
        namespace: NamespaceReference,
        callOptions: CallOptions? = nil
    ) async throws -> NamespaceDescription {
        let response = try await service.describeNamespace(
            .with {
                switch namespace {
                case .name(let name): $0.namespace = name
                case .id(let id): $0.id = id
                }
            }, options: callOptions ?? .defaults)
        return NamespaceDescription(proto: response)
    }
}
