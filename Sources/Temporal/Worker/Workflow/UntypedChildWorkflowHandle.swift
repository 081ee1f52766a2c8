/// A started child workflow, by name.
public struct UntypedChildWorkflowHandle: Sendable {
    public let id: String
    public let firstExecutionRunID: String
    private let child: ChildWorkflowMachine
    private let instance: WorkflowInstance

    init(child: ChildWorkflowMachine, instance: WorkflowInstance) {
        self.id = child.workflowID
        self.firstExecutionRunID = child.runID
        self.child = child
        self.instance = instance
    }

    /// Waits for the child to close; cancelling the wait cancels the child (per its cancellation type).
    public func result<Result: Sendable>(resultType: Result.Type = Result.self) async throws -> Result {
        let payload = try await instance.childResult(child)
        return try instance.payloadConverter.value(from: payload, as: Result.self)
    }

    public func signalWorkflow<each Input: Sendable>(signalName: String, input: repeat each Input) async throws {
        try await InterceptorChain.run(
            instance.interceptors.workflowOutbound,
            input: SignalChildWorkflowInput(id: id, name: signalName, headers: [:], input: repeat each input),
            call: { interceptor, input, next in try await interceptor.signalWorkflow(input: input, next: next) },
            operation: { [instance] input in
                let arguments = try instance.payloadConverter.payloads(forEach: repeat each input.input)
                try await instance.signalExternal(
                    namespace: instance.namespace, workflowID: input.id, runID: nil, signalName: input.name, arguments: arguments,
                    headers: input.headers, childWorkflowOnly: true)
            })
    }
}
