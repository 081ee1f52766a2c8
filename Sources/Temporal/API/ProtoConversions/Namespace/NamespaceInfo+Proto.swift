import TernAPI

extension NamespaceInfo {
    /// Empty description and owner read as not set.
    init(proto: Api.Namespace.V1.NamespaceInfo) {
        self.init(
            name: proto.name,
            id: proto.id,
            state: State(proto: proto.state),
            description: proto.description_p.isEmpty ? nil : proto.description_p,
            ownerEmail: proto.ownerEmail.isEmpty ? nil : proto.ownerEmail,
            data: proto.data,
            capabilities: Capabilities(proto: proto.capabilities),
            supportsSchedules: proto.supportsSchedules)
    }
}

extension NamespaceInfo.State {
    /// `nil` for unspecified and for states newer than this SDK.
    init?(proto: Api.Enums.V1.NamespaceState) {
        switch proto {
        case .registered: self = .registered
        case .deprecated: self = .deprecated
        case .deleted: self = .deleted
        default: return nil
        }
    }
}

extension NamespaceInfo.Capabilities {
    init(proto: Api.Namespace.V1.NamespaceInfo.Capabilities) {
        self.init(eagerWorkflowStart: proto.eagerWorkflowStart, syncUpdate: proto.syncUpdate, asyncUpdate: proto.asyncUpdate)
    }
}

extension Api.Enums.V1.NamespaceState {
    init(_ state: NamespaceInfo.State) {
        switch state {
        case .registered: self = .registered
        case .deprecated: self = .deprecated
        case .deleted: self = .deleted
        }
    }
}
