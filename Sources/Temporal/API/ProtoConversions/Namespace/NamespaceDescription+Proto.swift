import TernAPI

extension NamespaceDescription {
    init(proto: Api.Workflowservice.V1.DescribeNamespaceResponse) {
        self.init(
            info: NamespaceInfo(proto: proto.namespaceInfo),
            config: NamespaceConfig(proto: proto.config),
            replicationConfig: NamespaceReplicationConfig(proto: proto.replicationConfig),
            isGlobalNamespace: proto.isGlobalNamespace,
            failoverVersion: Int(proto.failoverVersion),
            failoverHistory: proto.failoverHistory.map(NamespaceFailoverStatus.init(proto:)))
    }
}
