import TernAPI

extension NamespaceUpdatedDescription {
    init(proto: Api.Workflowservice.V1.UpdateNamespaceResponse) {
        self.init(
            info: NamespaceInfo(proto: proto.namespaceInfo),
            config: NamespaceConfig(proto: proto.config),
            replicationConfig: NamespaceReplicationConfig(proto: proto.replicationConfig),
            failoverVersion: Int(proto.failoverVersion),
            isGlobalNamespace: proto.isGlobalNamespace)
    }
}
