/// A workflow execution by id, whose operations name signals, queries, updates and result types
/// explicitly; ``WorkflowHandle`` is the typed form.
public struct UntypedWorkflowHandle: Sendable {
    let client: TemporalClient

    /// The workflow id.
    public let id: String

    /// The run the handle targets; `nil` targets the latest run with this id.
    public let runID: String?

    /// The run whose history ``result(followRuns:resultTypes:callOptions:)`` starts reading
    /// (the run a start call created); `nil` starts from the latest run.
    public let resultRunID: String?

    /// The first run of the chain the handle belongs to; cancel and terminate only reach runs of
    /// that chain when it is set.
    public let firstExecutionRunID: String?

    init(client: TemporalClient, id: String, runID: String?, resultRunID: String?, firstExecutionRunID: String?) {
        self.client = client
        self.id = id
        self.runID = runID
        self.resultRunID = resultRunID
        self.firstExecutionRunID = firstExecutionRunID
    }

    var workflowService: TemporalClient.WorkflowService { client.workflowService }
}
