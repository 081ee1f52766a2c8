public import TernAPI

/// What a parent workflow sees when a child workflow did not complete successfully; ``cause``
/// holds the reason.
public struct ChildWorkflowError: TemporalFailureError {
    public var message: String

    public var cause: (any Error)?

    public var stackTrace: String

    /// The child's namespace.
    public var namespace: String

    /// The child's workflow ID.
    public var workflowID: String

    /// The child's run ID.
    public var runID: String

    /// The child's workflow type name.
    public var workflowName: String

    /// Why retrying stopped.
    public var retryState: Api.Enums.V1.RetryState

    /// Creates the error.
    ///
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - cause: The underlying failure.
    ///   - stackTrace: Where it happened, if known.
    ///   - namespace: The child's namespace.
    ///   - workflowID: The child's workflow ID.
    ///   - runID: The child's run ID.
    ///   - workflowName: The child's workflow type name.
    ///   - retryState: Why retrying stopped.
    public init(
        message: String,
        cause: (any Error)? = nil,
        stackTrace: String,
        namespace: String,
        workflowID: String,
        runID: String,
        workflowName: String,
        retryState: Api.Enums.V1.RetryState
    ) {
        self.message = message
        self.cause = cause
        self.stackTrace = stackTrace
        self.namespace = namespace
        self.workflowID = workflowID
        self.runID = runID
        self.workflowName = workflowName
        self.retryState = retryState
    }
}
