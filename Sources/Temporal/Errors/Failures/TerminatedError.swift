public import TernAPI

/// A termination, as a Temporal failure: the workflow was terminated (by a client or by a
/// parent close policy).
public struct TerminatedError: TemporalFailureError {
    public var message: String

    public var cause: (any Error)?

    public var stackTrace: String

    /// Extra payloads carried with the termination.
    public var details: [Api.Common.V1.Payload]

    /// Creates the error.
    ///
    /// - Parameters:
    ///   - message: Why the workflow was terminated.
    ///   - cause: The underlying error, if any.
    ///   - stackTrace: Where it happened, if known.
    ///   - details: Extra payloads to carry.
    public init(
        message: String,
        cause: (any Error)? = nil,
        stackTrace: String = "",
        details: [Api.Common.V1.Payload]
    ) {
        self.message = message
        self.cause = cause
        self.stackTrace = stackTrace
        self.details = details
    }
}
