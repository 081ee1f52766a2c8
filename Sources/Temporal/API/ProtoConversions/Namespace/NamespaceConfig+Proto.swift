import SwiftProtobuf
import TernAPI

extension NamespaceConfig {
    init(proto: Api.Namespace.V1.NamespaceConfig) {
        self.init(
            workflowExecutionRetentionTtl: proto.hasWorkflowExecutionRetentionTtl
                ? Duration(protobufDuration: proto.workflowExecutionRetentionTtl) : nil,
            badBinaries: proto.hasBadBinaries ? NamespaceBadBinaries(proto: proto.badBinaries) : nil,
            historyArchivalState: NamespaceArchivalState(
                proto: proto.historyArchivalState, uri: proto.historyArchivalUri),
            visibilityArchivalState: NamespaceArchivalState(
                proto: proto.visibilityArchivalState, uri: proto.visibilityArchivalUri),
            customSearchAttributeAliases: proto.customSearchAttributeAliases)
    }
}

extension Api.Namespace.V1.NamespaceConfig {
    /// The update form of `config`: `nil` fields stay unset so the server keeps their values.
    init(_ config: NamespaceConfig) {
        self.init()
        if let retention = config.workflowExecutionRetentionTtl {
            workflowExecutionRetentionTtl = Google_Protobuf_Duration(duration: retention)
        }
        if let badBinaries = config.badBinaries { self.badBinaries = .init(badBinaries) }
        let history = Api.Enums.V1.ArchivalState.wire(config.historyArchivalState)
        historyArchivalState = history.state
        historyArchivalUri = history.uri
        let visibility = Api.Enums.V1.ArchivalState.wire(config.visibilityArchivalState)
        visibilityArchivalState = visibility.state
        visibilityArchivalUri = visibility.uri
        customSearchAttributeAliases = config.customSearchAttributeAliases ?? [:]
    }
}
