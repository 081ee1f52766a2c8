public import Foundation

/// What a schedule has done and will do.
public struct ScheduleInfo: Hashable, Sendable {
    /// The number of actions taken.
    public var numActions: Int

    /// The number of actions missed because they were later than the catch-up window.
    public var numActionsMissedCatchupWindow: Int

    /// The number of actions skipped under the overlap policy.
    public var numActionsSkippedOverlap: Int

    /// The number of buffered actions dropped because the buffer was full.
    public var numActionsBufferDropped: Int

    /// The number of actions waiting in the buffer.
    public var numActionsInBuffer: Int

    /// The workflows the schedule started that are still running.
    public var runningActions: [ActionExecution]

    /// The most recent actions, oldest first.
    public var recentActions: [ActionResult]

    /// The next times the schedule fires.
    public var nextActionTimes: [Date]

    /// When the schedule was created.
    public var createdAt: Date

    /// When the schedule was last updated, if ever.
    public var lastUpdatedAt: Date?

    package init(
        numActions: Int,
        numActionsMissedCatchupWindow: Int,
        numActionsSkippedOverlap: Int,
        numActionsBufferDropped: Int,
        numActionsInBuffer: Int,
        runningActions: [ActionExecution],
        recentActions: [ActionResult],
        nextActionTimes: [Date],
        createdAt: Date,
        lastUpdatedAt: Date?
    ) {
        self.numActions = numActions
        self.numActionsMissedCatchupWindow = numActionsMissedCatchupWindow
        self.numActionsSkippedOverlap = numActionsSkippedOverlap
        self.numActionsBufferDropped = numActionsBufferDropped
        self.numActionsInBuffer = numActionsInBuffer
        self.runningActions = runningActions
        self.recentActions = recentActions
        self.nextActionTimes = nextActionTimes
        self.createdAt = createdAt
        self.lastUpdatedAt = lastUpdatedAt
    }
}
