import TernAPI

extension Api.Common.V1.Priority {
    /// The wire form of `priority`; unset fields become the proto defaults.
    package init(_ priority: Priority) {
        self.init()
        priorityKey = Int32(clamping: priority.priorityKey ?? 0)
        fairnessKey = priority.fairnessKey ?? ""
        fairnessWeight = priority.fairnessWeight ?? 0
    }
}

extension Priority {
    /// The priority a wire `Priority` describes; proto defaults read as unset.
    package init(proto: Api.Common.V1.Priority) {
        self.init(
            priorityKey: proto.priorityKey == 0 ? nil : Int(proto.priorityKey),
            fairnessKey: proto.fairnessKey.isEmpty ? nil : proto.fairnessKey,
            fairnessWeight: proto.fairnessWeight == 0 ? nil : proto.fairnessWeight
        )
    }
}
