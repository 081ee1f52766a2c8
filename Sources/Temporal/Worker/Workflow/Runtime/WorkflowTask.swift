/// What the worker hands a workflow run for one workflow task: the events it has not seen yet
/// (the whole history for a run it has no state for), update requests and queries.
struct WorkflowTaskInput: Sendable {
    var events: [Api.History.V1.HistoryEvent]
    /// The id of the task's WORKFLOW_TASK_STARTED event (0 for a legacy query task).
    var startedEventID: Int64
    var messages: [Api.`Protocol`.V1.Message] = []
    /// Queries answered in this task's completion, by query id.
    var queries: [String: Api.Query.V1.WorkflowQuery] = [:]
    /// A legacy query task: the query is answered on its own, nothing else happens.
    var legacyQuery: Api.Query.V1.WorkflowQuery?
}

/// What one workflow task produced.
struct WorkflowTaskOutput: Sendable {
    var commands: [Api.Command.V1.Command] = []
    var messages: [Api.`Protocol`.V1.Message] = []
    var queryResults: [String: Api.Query.V1.WorkflowQueryResult] = [:]
    /// The answer to a legacy query task.
    var legacyQueryResult: Result<Api.Common.V1.Payloads, any Error>?
    /// The run finished (completed, failed, cancelled or continued as new) with this task.
    var closesRun = false
}
