/// Thrown by an asynchronously completed activity's handle when the server reports that the
/// activity was cancelled, paused or reset.
public struct AsyncActivityCanceledError: TemporalError {
    public var message: String = "Activity cancelled"

    public var cause: (any Error)? = nil

    public var stackTrace: String = ""

    /// What happened to the activity.
    public var details: ActivityCancellationDetails

    /// Creates the error from the reported cancellation details.
    public init(details: ActivityCancellationDetails) {
        self.details = details
    }
}
