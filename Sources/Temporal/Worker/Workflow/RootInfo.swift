/// The top-level workflow of a tree of child workflows.
public struct RootInfo: Sendable {
    /// The root workflow's ID.
    public var workflowID: String

    /// The root workflow's run ID.
    public var runID: String

    /// Creates root workflow information.
    public init(workflowID: String, runID: String) {
        self.workflowID = workflowID
        self.runID = runID
    }
}
