/// A namespace as it stands after an UpdateNamespace call.
public struct NamespaceUpdatedDescription: Hashable, Sendable {
    /// Its name, id, state, owner and metadata, with the update applied.
    public var info: NamespaceInfo

    /// Its settings, with the update applied.
    public var config: NamespaceConfig

    /// Its clusters, with the update applied.
    public var replicationConfig: NamespaceReplicationConfig

    /// The version its current active cluster took over at.
    public var failoverVersion: Int

    /// Whether it is replicated across clusters.
    public var isGlobalNamespace: Bool
}
