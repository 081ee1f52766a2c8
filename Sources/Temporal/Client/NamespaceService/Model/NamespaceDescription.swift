/// Everything the server reports about a namespace: what DescribeNamespace and ListNamespaces return.
public struct NamespaceDescription: Hashable, Sendable {
    /// Its name, id, state, owner and metadata.
    public var info: NamespaceInfo

    /// Its retention, archival and other settings.
    public var config: NamespaceConfig

    /// Which clusters hold it and which one is active.
    public var replicationConfig: NamespaceReplicationConfig

    /// Whether it is replicated across clusters rather than local to one.
    public var isGlobalNamespace: Bool

    /// The version its current active cluster took over at.
    public var failoverVersion: Int

    /// Its past failovers, as the server lists them.
    public var failoverHistory: [NamespaceFailoverStatus]
}
