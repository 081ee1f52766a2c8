/// An update sent to a workflow, by id, whose result type is named when it is read;
/// ``WorkflowUpdateHandle`` is the typed form.
public struct UntypedWorkflowUpdateHandle: Sendable {
    let client: TemporalClient

    /// The update id.
    public let id: String

    /// The id of the workflow the update was sent to.
    public let workflowID: String

    /// The run the update was sent to; `nil` means the latest run.
    public let workflowRunID: String?

    /// The outcome when the call that sent the update already returned it.
    let knownOutcome: Api.Update.V1.Outcome?

    init(
        client: TemporalClient, id: String, workflowID: String, workflowRunID: String?,
        knownOutcome: Api.Update.V1.Outcome? = nil
    ) {
        self.client = client
        self.id = id
        self.workflowID = workflowID
        self.workflowRunID = workflowRunID
        self.knownOutcome = knownOutcome
    }
}
