/// The clusters a namespace lives on and which one takes its writes.
public struct NamespaceReplicationConfig: Hashable, Sendable {
    /// The cluster that currently takes writes, if the server named one.
    public var activeClusterName: String?

    /// Every cluster that holds a replica.
    public var clusters: [String]

    /// Whether replication is running normally or handing over.
    public var state: Api.Enums.V1.ReplicationState

    /// Replication settings to send in an update.
    public init(
        activeClusterName: String? = nil,
        clusters: [String],
        state: Api.Enums.V1.ReplicationState
    ) {
        self.activeClusterName = activeClusterName
        self.clusters = clusters
        self.state = state
    }
}
