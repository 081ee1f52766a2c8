public import Foundation

/// A listed schedule's recent and upcoming actions.
public struct ScheduleListInfo: Hashable, Sendable {
    /// The most recent actions.
    public var recentActions: [ScheduleInfo.ActionResult]

    /// The next times the schedule fires.
    public var nextActionTimes: [Date]

    package init(recentActions: [ScheduleInfo.ActionResult] = [], nextActionTimes: [Date] = []) {
        self.recentActions = recentActions
        self.nextActionTimes = nextActionTimes
    }
}
