public import TernAPI

/// A timeout, as a Temporal failure: an activity, child workflow or workflow exceeded one of its
/// timeouts.
public struct TimeoutError: TemporalFailureError {
    public var message: String

    public var cause: (any Error)?

    public var stackTrace: String

    /// Which timeout fired (start-to-close, schedule-to-start, schedule-to-close or heartbeat).
    public var type: Api.Enums.V1.TimeoutType

    /// The details of the activity's last heartbeat, for resuming work on the next attempt.
    public var lastHeartbeatDetails: [Api.Common.V1.Payload]

    /// Creates the error.
    ///
    /// - Parameters:
    ///   - message: What timed out.
    ///   - type: Which timeout fired.
    ///   - cause: The underlying error, if any.
    ///   - stackTrace: Where it happened, if known.
    ///   - lastHeartbeatDetails: The last heartbeat's details.
    public init(
        message: String,
        type: Api.Enums.V1.TimeoutType,
        cause: (any Error)? = nil,
        stackTrace: String = "",
        lastHeartbeatDetails: [Api.Common.V1.Payload] = []
    ) {
        self.message = message
        self.type = type
        self.cause = cause
        self.stackTrace = stackTrace
        self.lastHeartbeatDetails = lastHeartbeatDetails
    }
}
