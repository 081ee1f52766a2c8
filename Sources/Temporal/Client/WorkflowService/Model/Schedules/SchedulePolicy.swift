/// How a schedule treats overlapping runs, missed times and failed runs.
public struct SchedulePolicy: Hashable, Sendable {
    /// What to do when an action is due while the previous run is still open.
    public var overlap: ScheduleOverlapPolicy

    /// How late a missed action may still be taken (after the server was down, say).
    public var catchupWindow: Duration

    /// Whether a failed or timed-out run pauses the schedule.
    public var pauseOnFailure: Bool

    /// Creates a policy; the defaults skip overlapping actions and catch up for a year.
    public init(
        overlap: ScheduleOverlapPolicy = .skip,
        catchupWindow: Duration = .seconds(365 * 24 * 60 * 60),
        pauseOnFailure: Bool = false
    ) {
        self.overlap = overlap
        self.catchupWindow = catchupWindow
        self.pauseOnFailure = pauseOnFailure
    }
}
