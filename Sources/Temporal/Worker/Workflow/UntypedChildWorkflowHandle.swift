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
        let arguments = try instance.payloadConverter.payloads(forEach: repeat each input)
        try await instance.signalExternal(
            namespace: instance.namespace, workflowID: id, runID: nil, signalName: signalName, arguments: arguments,
            childWorkflowOnly: true)
    }
}
