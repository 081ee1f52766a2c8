/// A signal a workflow accepts: a one-way message that may change the workflow's state.
public protocol WorkflowSignalDefinition<Workflow>: Sendable {
    associatedtype Input: Sendable
    associatedtype Workflow: WorkflowDefinition

    /// The signal name on the wire (defaults to the Swift type name).
    static var name: String { get }
    /// A description shown by `__temporal_workflow_metadata`.
    static var description: String? { get }
    /// What happens if the workflow finishes while this handler still runs.
    static var unfinishedPolicy: HandlerUnfinishedPolicy { get }

    /// Handles one delivery of the signal. `workflow` shares its stored state with the running workflow.
    func run(workflow: Workflow, context: WorkflowContext<Workflow>, input: Input) async throws
}

extension WorkflowSignalDefinition {
    public static var name: String { String(describing: self) }
    public static var description: String? { nil }
    public static var unfinishedPolicy: HandlerUnfinishedPolicy { .warnAndAbandon }
}
