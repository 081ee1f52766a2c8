/// Another workflow, by id: signal it or ask it to cancel. Both wait until the server delivered
/// the request, and throw if the workflow does not exist.
public struct UntypedExternalWorkflowHandle: Sendable {
    public let id: String
    public let runId: String?
    private let instance: WorkflowInstance

    init(id: String, runId: String?, instance: WorkflowInstance) {
        self.id = id
        self.runId = runId
        self.instance = instance
    }

    public func signal<each Input: Sendable>(signalName: String, input: repeat each Input) async throws {
        let arguments = try instance.payloadConverter.payloads(forEach: repeat each input)
        try await instance.signalExternal(
            namespace: instance.namespace, workflowID: id, runID: runId, signalName: signalName, arguments: arguments,
            childWorkflowOnly: false)
    }

    public func cancel() async throws {
        try await instance.cancelExternal(namespace: instance.namespace, workflowID: id, runID: runId, childWorkflowOnly: false)
    }
}
