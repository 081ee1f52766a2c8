/// Thrown into a workflow's pending operations when the worker evicts the run from its cache.
public struct WorkflowRemovedFromCacheError: TemporalError {
    public var message: String

    public var cause: (any Error)? = nil

    public var stackTrace: String

    /// Creates the error.
    public init(
        cause: (any Error)? = nil,
        stackTrace: String = ""
    ) {
        self.message = "Workflow removed from cache"
        self.cause = cause
        self.stackTrace = stackTrace
    }
}
