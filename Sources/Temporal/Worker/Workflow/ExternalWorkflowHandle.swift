/// Another workflow, typed by its definition: signal it or ask it to cancel.
public struct ExternalWorkflowHandle<Workflow: WorkflowDefinition>: Sendable {
    private let untypedHandle: UntypedExternalWorkflowHandle

    public var id: String { untypedHandle.id }
    public var runId: String? { untypedHandle.runId }

    init(untypedHandle: UntypedExternalWorkflowHandle) { self.untypedHandle = untypedHandle }

    public func signal<Signal: WorkflowSignalDefinition>(signalType: Signal.Type, input: Signal.Input) async throws {
        try await untypedHandle.signal(signalName: Signal.name, input: input)
    }

    public func signal<Signal: WorkflowSignalDefinition>(signalType: Signal.Type) async throws where Signal.Input == Void {
        try await signal(signalType: signalType, input: ())
    }

    public func cancel() async throws { try await untypedHandle.cancel() }
}
