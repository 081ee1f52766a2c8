/// A started child workflow, typed by its definition.
public struct ChildWorkflowHandle<Workflow: WorkflowDefinition>: Sendable {
    private let untypedWorkflowHandle: UntypedChildWorkflowHandle

    public var id: String { untypedWorkflowHandle.id }
    public var firstExecutionRunID: String { untypedWorkflowHandle.firstExecutionRunID }

    init(untypedWorkflowHandle: UntypedChildWorkflowHandle) {
        self.untypedWorkflowHandle = untypedWorkflowHandle
    }

    /// Waits for the child to close; its failure arrives as a ``ChildWorkflowError``.
    public func result() async throws -> Workflow.Output {
        try await untypedWorkflowHandle.result(resultType: Workflow.Output.self)
    }

    public func signalWorkflow<Signal: WorkflowSignalDefinition>(signalType: Signal.Type, input: Signal.Input) async throws {
        try await untypedWorkflowHandle.signalWorkflow(signalName: Signal.name, input: input)
    }

    public func signalWorkflow<Signal: WorkflowSignalDefinition>(signalType: Signal.Type) async throws where Signal.Input == Void {
        try await signalWorkflow(signalType: signalType, input: ())
    }
}
