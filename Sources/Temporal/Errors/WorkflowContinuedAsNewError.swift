/// Thrown while waiting for a workflow's result when the run continued as new and the caller
/// asked not to follow runs.
public struct WorkflowContinuedAsNewError: TemporalError {
    public var message: String = "Workflow was continued as new."

    public var cause: (any Error)? = nil

    public var stackTrace: String

    /// The run ID of the execution the workflow continued as.
    public var newRunID: String

    /// Creates the error.
    ///
    /// - Parameters:
    ///   - stackTrace: Where it happened, if known.
    ///   - newRunID: The run ID of the new execution.
    public init(
        stackTrace: String = "",
        newRunID: String
    ) {
        self.stackTrace = stackTrace
        self.newRunID = newRunID
    }
}
