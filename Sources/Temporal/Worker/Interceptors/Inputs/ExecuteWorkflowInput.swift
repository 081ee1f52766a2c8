/// What starts a workflow's `run`: the run's info, the headers the starter sent, and the decoded input.
public struct ExecuteWorkflowInput<Workflow: WorkflowDefinition>: Sendable {
    /// The run being started.
    public var info: WorkflowInfo
    /// Headers sent with the start request (tracing context, for example).
    public var headers: [String: Api.Common.V1.Payload]
    /// The decoded input.
    public var input: Workflow.Input

    public init(
        info: WorkflowInfo,
        headers: [String: Api.Common.V1.Payload],
        input: Workflow.Input
    ) {
        self.info = info
        self.headers = headers
        self.input = input
    }
}
