/// Why a running activity was cancelled.
public enum ActivityCancellationReason: Sendable {
    /// The reason is not known.
    case unknown
    /// The server no longer knows the activity (it completed, timed out, or its workflow closed).
    case goneFromServer
    /// The workflow asked to cancel it.
    case serverRequest
    /// It ran past its timeout.
    case timeout
    /// The worker is shutting down.
    case workerShutdown
    /// Recording a heartbeat failed.
    case heartbeatRecordFailure(any Error)
    /// It was paused by an operator.
    case paused
    /// It was reset by an operator.
    case reset
}
