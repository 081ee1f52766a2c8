/// Identifies the update whose handler is running.
public struct WorkflowUpdateInfo: Sendable {
    /// The update's ID.
    public var id: String

    /// The update's name.
    public var name: String

    /// Creates update information.
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
