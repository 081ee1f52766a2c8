extension ScheduleInfo {
    /// A workflow a schedule started.
    public struct ActionExecution: Hashable, Sendable {
        /// The workflow id (the action's id with the fire time appended).
        public var workflowId: String

        /// The id of the workflow's first run.
        public var firstExecutionRunId: String

        package init(workflowId: String, firstExecutionRunId: String) {
            self.workflowId = workflowId
            self.firstExecutionRunId = firstExecutionRunId
        }
    }
}
