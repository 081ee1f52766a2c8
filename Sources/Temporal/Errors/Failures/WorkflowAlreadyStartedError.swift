/// Thrown when starting a workflow (or child workflow) whose ID is already in use and the ID
/// policies forbid another run.
public struct WorkflowAlreadyStartedError: TemporalFailureError {
    public var message: String = "Workflow execution already started"

    public var cause: (any Error)?

    public var stackTrace: String

    /// The workflow ID in use.
    public var workflowID: String

    /// The run ID of the existing execution, when the server reports it.
    public var runID: String?

    /// The workflow type name that was being started.
    public var workflowName: String

    /// Creates the error.
    ///
    /// - Parameters:
    ///   - cause: The underlying error, if any.
    ///   - stackTrace: Where it happened, if known.
    ///   - workflowID: The workflow ID in use.
    ///   - runID: The run ID of the existing execution.
    ///   - workflowName: The workflow type name.
    public init(
        cause: (any Error)? = nil,
        stackTrace: String = "",
        workflowID: String,
        runID: String?,
        workflowName: String
    ) {
        self.cause = cause
        self.stackTrace = stackTrace
        self.workflowID = workflowID
        self.runID = runID
        self.workflowName = workflowName
    }
}
