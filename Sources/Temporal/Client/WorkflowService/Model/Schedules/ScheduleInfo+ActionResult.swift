public import Foundation

extension ScheduleInfo {
    /// One action a schedule took.
    public struct ActionResult: Hashable, Sendable {
        /// When the action was due (before jitter).
        public var scheduledAt: Date

        /// When it was taken.
        public var startedAt: Date

        /// The workflow it started.
        public var action: ActionExecution

        /// The workflow's last known status, when the server reports it.
        public var status: Api.Enums.V1.WorkflowExecutionStatus?

        package init(
            scheduledAt: Date,
            startedAt: Date,
            action: ActionExecution,
            status: Api.Enums.V1.WorkflowExecutionStatus?
        ) {
            self.scheduledAt = scheduledAt
            self.startedAt = startedAt
            self.action = action
            self.status = status
        }
    }
}
