/// A cancellation request about to be sent to another workflow.
public struct CancelExternalWorkflowInput: Sendable {
    /// The requesting run.
    public var info: WorkflowInfo
    /// The target's workflow id.
    public var id: String
    /// The target's run id; nil for its current run.
    public var runId: String?

    public init(info: WorkflowInfo, id: String, runId: String? = nil) {
        self.info = info
        self.id = id
        self.runId = runId
    }
}
