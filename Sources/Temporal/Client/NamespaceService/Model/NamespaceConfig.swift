/// A namespace's settings: retention, bad binaries, archival and search attribute aliases.
/// In an update, a `nil` field leaves the namespace's current value alone.
public struct NamespaceConfig: Hashable, Sendable {
    /// How long closed workflow executions are kept before the server deletes them.
    public var workflowExecutionRetentionTtl: Duration?

    /// Worker builds whose workflow task completions the namespace rejects.
    public var badBinaries: NamespaceBadBinaries?

    /// Whether, and where, closed workflow histories are archived.
    public var historyArchivalState: NamespaceArchivalState?

    /// Whether, and where, visibility records are archived.
    public var visibilityArchivalState: NamespaceArchivalState?

    /// Friendly names for custom search attributes, by the server's field name.
    public var customSearchAttributeAliases: [String: String]?

    /// A configuration with the given settings; the others stay unset.
    public init(
        workflowExecutionRetentionTtl: Duration? = nil,
        badBinaries: NamespaceBadBinaries? = nil,
        historyArchivalState: NamespaceArchivalState? = nil,
        visibilityArchivalState: NamespaceArchivalState? = nil,
        customSearchAttributeAliases: [String: String]? = nil
    ) {
        self.workflowExecutionRetentionTtl = workflowExecutionRetentionTtl
        self.badBinaries = badBinaries
        self.historyArchivalState = historyArchivalState
        self.visibilityArchivalState = visibilityArchivalState
        self.customSearchAttributeAliases = customSearchAttributeAliases
    }
}
