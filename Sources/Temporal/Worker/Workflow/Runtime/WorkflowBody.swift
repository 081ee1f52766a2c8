/// A registered workflow type, with its static type erased: what the runtime needs to start a run
/// and to deliver signals, queries and updates to it.
protocol WorkflowBody: AnyObject {
    var workflowName: String { get }
    /// Creates the workflow value and starts `run` (as a task on the run's executor).
    func start(arguments: [Api.Common.V1.Payload], headers: [String: Api.Common.V1.Payload], instance: WorkflowInstance) throws
    /// Starts a signal handler; false when the workflow has none of that name.
    func signal(
        _ name: String, arguments: [Api.Common.V1.Payload], headers: [String: Api.Common.V1.Payload], instance: WorkflowInstance
    ) -> Bool
    /// Answers a query (`id` is empty for a legacy query) from the current state.
    func query(_ query: Api.Query.V1.WorkflowQuery, id: String, instance: WorkflowInstance) throws -> Api.Common.V1.Payload
    /// Validates an update (`validate`), then, once accepted, runs it; nil when there is no handler.
    func update(_ name: String) -> UpdateHandler?
    var signalNames: [String] { get }
    var queryNames: [String] { get }
    var updateNames: [String] { get }
    /// `__temporal_workflow_metadata`: the handlers and their descriptions.
    var metadata: Api.Sdk.V1.WorkflowMetadata { get }
}

/// One update handler of a running workflow.
struct UpdateHandler: Sendable {
    var validate: @Sendable (Api.Update.V1.Request, WorkflowInstance) throws -> Void
    /// Runs the accepted update; resolves with the result payload.
    var run: @Sendable (Api.Update.V1.Request, WorkflowInstance) async throws -> Api.Common.V1.Payload?
    var unfinishedPolicy: HandlerUnfinishedPolicy
}
