public import TernAPI

/// Thrown when the server rejects a query because of the workflow's status (see the query's
/// reject condition).
public struct WorkflowQueryRejectedError: TemporalError {
    public var message: String

    public var cause: (any Error)? = nil

    public var stackTrace: String

    /// The status of the workflow when the query was rejected.
    public var workflowExecutionStatus: Api.Enums.V1.WorkflowExecutionStatus

    /// Creates the error.
    ///
    /// - Parameters:
    ///   - stackTrace: Where it happened, if known.
    ///   - workflowExecutionStatus: The workflow's status.
    public init(
        stackTrace: String = "",
        workflowExecutionStatus: Api.Enums.V1.WorkflowExecutionStatus
    ) {
        self.message = "Workflow query rejected \(workflowExecutionStatus)"
        self.stackTrace = stackTrace
        self.workflowExecutionStatus = workflowExecutionStatus
    }
}
