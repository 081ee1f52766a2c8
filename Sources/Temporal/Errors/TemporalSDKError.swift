/// An internal error raised by the SDK itself (not by user code), for example when the server
/// answers with something the SDK cannot use.
package struct TemporalSDKError: TemporalError {
    package var message: String
    package var cause: (any Error)?
    package var stackTrace: String
    /// Whether retrying the operation cannot help.
    package let nonRetryable: Bool

    package init(
        _ message: String,
        cause: (any Error)? = nil,
        stackTrace: String = "",
        nonRetryable: Bool = false
    ) {
        self.message = message
        self.cause = cause
        self.stackTrace = stackTrace
        self.nonRetryable = nonRetryable
    }
}
