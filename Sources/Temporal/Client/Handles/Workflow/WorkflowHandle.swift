/// A workflow execution typed by its definition: wait for its result, signal, query, update,
/// describe, read the history of, cancel or terminate it.
public struct WorkflowHandle<Workflow: WorkflowDefinition>: Sendable {
    /// The same execution without its type.
    package let untypedHandle: UntypedWorkflowHandle

    /// The workflow id.
    public var id: String { untypedHandle.id }

    /// The run the handle targets; `nil` targets the latest run with this id.
    public var runID: String? { untypedHandle.runID }

    /// The run whose history ``result(followRuns:callOptions:)`` starts reading.
    public var resultRunID: String? { untypedHandle.resultRunID }

    /// The first run of the chain the handle belongs to.
    public var firstExecutionRunID: String? { untypedHandle.firstExecutionRunID }

    package init(untypedHandle: UntypedWorkflowHandle) { self.untypedHandle = untypedHandle }
}
