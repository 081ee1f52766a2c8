/// Thrown when creating a schedule whose ID is already in use.
public struct ScheduleAlreadyRunningError: TemporalError {
    public var message: String = "Schedule already running"

    public var cause: (any Error)?

    public var stackTrace: String

    /// Creates the error.
    public init(
        cause: (any Error)? = nil,
        stackTrace: String = ""
    ) {
        self.cause = cause
        self.stackTrace = stackTrace
    }
}
