extension TemporalClientTracingInterceptor {
    /// Names of the span attributes the client tracing interceptor sets (the `temporal.` names
    /// Temporal's SDKs use, so dashboards can mix spans from clients in several languages).
    enum AttributeKey {
        static let workflowType = "temporal.workflow.type"
        static let workflowID = "temporal.workflow.id"
        static let runID = "temporal.workflow.run-id"
        static let firstExecutionRunID = "temporal.workflow.run-id-first-execution"
        static let resultRunID = "temporal.workflow.run-id-result"
        static let taskQueue = "temporal.workflow.task-queue"
        static let signalName = "temporal.workflow.signal-name"
        static let queryName = "temporal.workflow.query-name"
        static let queryRejectCondition = "temporal.workflow.query-reject-condition"
        static let updateID = "temporal.workflow.update-id"
        static let updateName = "temporal.workflow.update-name"
        static let terminationReason = "temporal.workflow.termination-reason"
        static let historyEventCount = "temporal.workflow.event-history.count"
        static let historyWaitNewEvent = "temporal.workflow.event-history.wait-new-event"
        static let historyFilterType = "temporal.workflow.event-history.filter-type"
        static let listQuery = "temporal.workflow.list-query"
        static let listLimit = "temporal.workflow.list-limit"
        static let countQuery = "temporal.workflow.count-query"
        static let count = "temporal.workflow.count"
        static let scheduleID = "temporal.schedule.id"
        static let scheduleNote = "temporal.schedule.patch.note"
        static let scheduleListQuery = "temporal.schedule.list.query"
        static let activityID = "temporal.activity.id"
    }
}
