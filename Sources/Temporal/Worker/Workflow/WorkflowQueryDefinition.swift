/// A query a workflow answers: a read-only look at its state that is never recorded in history.
public protocol WorkflowQueryDefinition<Workflow>: Sendable {
    associatedtype Input: Sendable
    associatedtype Output: Sendable
    associatedtype Workflow: WorkflowDefinition

    /// The query name on the wire (defaults to the Swift type name).
    static var name: String { get }
    /// A description shown by `__temporal_workflow_metadata`.
    static var description: String? { get }

    /// Answers the query from the workflow's current state.
    func run(workflow: Workflow, view: WorkflowContextView, input: Input) throws -> Output
}

extension WorkflowQueryDefinition {
    public static var name: String { String(describing: self) }
    public static var description: String? { nil }
}
