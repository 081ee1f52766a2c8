import TernAPI

extension NamespaceReplicationConfig {
    init(proto: Api.Replication.V1.NamespaceReplicationConfig) {
        self.init(
            activeClusterName: proto.activeClusterName.isEmpty ? nil : proto.activeClusterName,
            clusters: proto.clusters.map(\.clusterName),
            state: proto.state)
    }
}

extension Api.Replication.V1.NamespaceReplicationConfig {
    init(_ config: NamespaceReplicationConfig) {
        self.init()
        activeClusterName = config.activeClusterName ?? ""
        clusters = config.clusters.map { name in .with { $0.clusterName = name } }
        state = config.state
    }
}
