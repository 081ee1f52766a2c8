public import TernAPI

/// A cancellation, as a Temporal failure: what an activity, child workflow, timer or workflow
/// reports when it was cancelled.
public struct CanceledError: TemporalFailureError {
    public var message: String

    public var cause: (any Error)?

    public var stackTrace: String

    /// Extra payloads carried with the cancellation.
    public var details: [Api.Common.V1.Payload]

    /// Creates the error.
    ///
    /// - Parameters:
    ///   - message: What was cancelled.
    ///   - cause: The underlying error, if any.
    ///   - stackTrace: Where it happened, if known.
    ///   - details: Extra payloads to carry.
    public init(
        message: String,
        cause: (any Error)? = nil,
        stackTrace: String = "",
        details: [Api.Common.V1.Payload] = []
    ) {
        self.message = message
        self.cause = cause
        self.stackTrace = stackTrace
        self.details = details
    }
}
