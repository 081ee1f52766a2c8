public import Foundation

/// A past time range whose missed actions a schedule should take now, as if it had been running.
public struct ScheduleBackfill: Hashable, Sendable {
    /// The start of the range.
    public var startAt: Date

    /// The end of the range.
    public var endAt: Date

    /// The overlap rule for these actions; `nil` uses the schedule's.
    public var overlap: ScheduleOverlapPolicy?

    /// Creates a backfill of the range from `startAt` to `endAt`.
    public init(startAt: Date, endAt: Date, overlap: ScheduleOverlapPolicy? = nil) {
        self.startAt = startAt
        self.endAt = endAt
        self.overlap = overlap
    }
}
