public import GRPCCore
import TernAPI

extension TemporalClient.OperatorService {
    /// Adds custom search attributes to a namespace (the client's when `namespace` is nil).
    public func addSearchAttributes<each Value>(
        namespace: String? = nil, _ attributes: repeat SearchAttributeKey<each Value>, callOptions: CallOptions? = nil
    ) async throws {
        var keys: [AnySearchAttributeKey] = []
        for attribute in repeat each attributes { keys.append(AnySearchAttributeKey(attribute)) }
        try await addSearchAttributes(namespace: namespace, keys, callOptions: callOptions)
    }

    public func addSearchAttributes(
        namespace: String? = nil, _ attributes: [AnySearchAttributeKey], callOptions: CallOptions? = nil
    ) async throws {
        _ = try await service.addSearchAttributes(
            .with {
                $0.namespace = namespace ?? configuration.namespace
                for attribute in attributes { $0.searchAttributes[attribute.name] = attribute.type }
            }, options: callOptions ?? .defaults)
    }

    /// Removes custom search attributes from a namespace (the client's when `namespace` is nil).
    public func removeSearchAttributes<each Value>(
        namespace: String? = nil, _ attributes: repeat SearchAttributeKey<each Value>, callOptions: CallOptions? = nil
    ) async throws {
        var keys: [AnySearchAttributeKey] = []
        for attribute in repeat each attributes { keys.append(AnySearchAttributeKey(attribute)) }
        try await removeSearchAttributes(namespace: namespace, keys, callOptions: callOptions)
    }

    public func removeSearchAttributes(
        namespace: String? = nil, _ attributes: [AnySearchAttributeKey], callOptions: CallOptions? = nil
    ) async throws {
        _ = try await service.removeSearchAttributes(
            .with {
                $0.namespace = namespace ?? configuration.namespace
                $0.searchAttributes = attributes.map(\.name)
            }, options: callOptions ?? .defaults)
    }

    /// A namespace's search attributes (the client's when `namespace` is nil).
    public func listSearchAttributes(namespace: String? = nil, callOptions: CallOptions? = nil) async throws
        -> SearchAttributeKeyCollection
    {
        let response = try await service.listSearchAttributes(
            .with { $0.namespace = namespace ?? configuration.namespace }, options: callOptions ?? .defaults)
        return SearchAttributeKeyCollection(
            customAttributes: response.customAttributes, systemAttributes: response.systemAttributes,
            storageSchema: response.storageSchema)
    }
}
