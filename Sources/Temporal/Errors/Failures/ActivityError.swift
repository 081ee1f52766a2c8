public import TernAPI

/// What a workflow sees when an activity it scheduled failed for good; ``cause`` holds the
/// reason (an ``ApplicationError``, ``TimeoutError``, ``CanceledError``, …).
public struct ActivityError: TemporalFailureError {
    public var message: String

    public var cause: (any Error)?

    public var stackTrace: String

    /// The ID of the activity's scheduled event.
    public var scheduledEventID: Int

    /// The ID of the activity's started event.
    public var startedEventID: Int

    /// The activity's ID.
    public var activityID: String

    /// The activity's type name.
    public var activityType: String

    /// The identity of the worker that ran the last attempt.
    public var identity: String

    /// Why retrying stopped.
    public var retryState: Api.Enums.V1.RetryState

    /// Creates the error.
    ///
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - cause: The underlying failure.
    ///   - stackTrace: Where it happened, if known.
    ///   - scheduledEventID: The ID of the activity's scheduled event.
    ///   - startedEventID: The ID of the activity's started event.
    ///   - activityID: The activity's ID.
    ///   - activityType: The activity's type name.
    ///   - identity: The identity of the worker that ran the last attempt.
    ///   - retryState: Why retrying stopped.
    public init(
        message: String,
        cause: (any Error)? = nil,
        stackTrace: String,
        scheduledEventID: Int,
        startedEventID: Int,
        activityID: String,
        activityType: String,
        identity: String,
        retryState: Api.Enums.V1.RetryState
    ) {
        self.message = message
        self.cause = cause
        self.stackTrace = stackTrace
        self.scheduledEventID = scheduledEventID
        self.startedEventID = startedEventID
        self.activityID = activityID
        self.activityType = activityType
        self.identity = identity
        self.retryState = retryState
    }
}
