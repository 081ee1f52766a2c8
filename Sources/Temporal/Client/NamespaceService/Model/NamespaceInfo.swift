/// Who a namespace is and what state it is in.
public struct NamespaceInfo: Hashable, Sendable {
    /// The name clients address it by.
    public var name: String

    /// The id the server gave it at registration. Unlike the name, it never changes (deleting a
    /// namespace renames it).
    public var id: String

    /// Its lifecycle state (`nil` if the server sent one this SDK does not know).
    public var state: Self.State?

    /// The free-text description, if one was set.
    public var description: String?

    /// The owner's email address, if one was set.
    public var ownerEmail: String?

    /// Application-defined key-value metadata.
    public var data: [String: String]

    /// Which optional server features the namespace offers.
    public var capabilities: Self.Capabilities

    /// Whether schedules can be created in it.
    public var supportsSchedules: Bool
}

extension NamespaceInfo {
    /// Where a namespace is in its lifecycle.
    public enum State: Hashable, Sendable {
        /// In normal use.
        case registered

        /// Still readable, but new workflows are refused.
        case deprecated

        /// Being removed, or removed.
        case deleted
    }
}

extension NamespaceInfo {
    /// Optional server features, as the namespace reports them.
    public struct Capabilities: Hashable, Sendable {
        /// Whether a start request may hand its first workflow task straight back to the caller's worker.
        public var eagerWorkflowStart: Bool

        /// Whether a workflow update can be awaited until it completes.
        public var syncUpdate: Bool

        /// Whether a workflow update can return as soon as it is accepted.
        public var asyncUpdate: Bool
    }
}
