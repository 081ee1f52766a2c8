/// An update a workflow accepts: a request that may change state and returns a result to the caller.
public protocol WorkflowUpdateDefinition<Workflow>: Sendable {
    associatedtype Input: Sendable
    associatedtype Output: Sendable
    associatedtype Workflow: WorkflowDefinition

    /// The update name on the wire (defaults to the Swift type name).
    static var name: String { get }
    /// A description shown by `__temporal_workflow_metadata`.
    static var description: String? { get }
    /// What happens if the workflow finishes while this handler still runs.
    static var unfinishedPolicy: HandlerUnfinishedPolicy { get }

    /// Rejects an update before it is accepted (nothing is written to history). Must not change state.
    func validateInput(workflow: Workflow, _ input: Input) throws

    /// Runs an accepted update.
    func run(workflow: Workflow, context: WorkflowContext<Workflow>, input: Input) async throws -> Output
}

extension WorkflowUpdateDefinition {
    public static var name: String { String(describing: self) }
    public static var description: String? { nil }
    public static var unfinishedPolicy: HandlerUnfinishedPolicy { .warnAndAbandon }
    public func validateInput(workflow: Workflow, _ input: Input) throws {}
}
