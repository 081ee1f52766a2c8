import Foundation

extension WorkflowState {
    /// Whether the run has work under way that a time-skipping clock must wait for before it
    /// jumps: a workflow task (scheduled or started), an activity attempt that is queued or
    /// running (not one waiting out its retry back-off, nor a paused one), a child workflow being
    /// started, or a signal or cancel request to another workflow being delivered.
    ///
    /// Timers, retry back-offs and timeouts are not work in flight: they are what the clock
    /// jumps to.
    public func hasWorkInFlight(at now: Date) -> Bool {
        guard execution.status == .running else { return false }
        if hasWorkflowTask { return true }
        let attemptUnderWay = activities.values.contains { activity in
            !activity.paused && (activity.started || activity.currentAttemptScheduledTime.date <= now)
        }
        if attemptUnderWay { return true }
        if children.values.contains(where: { $0.startedEventID == 0 }) { return true }
        return !externalRequests.isEmpty
    }
}
