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
        try await InterceptorChain.run(
            instance.interceptors.workflowOutbound,
            input: SignalExternalWorkflowInput(
                info: instance.workflowInfo, id: id, runId: runId, name: signalName, headers: [:], input: repeat each input),
            call: { interceptor, input, next in try await interceptor.signalExternalWorkflow(input: input, next: next) },
            operation: { [instance] input in
                let arguments = try instance.payloadConverter.payloads(forEach: repeat each input.input)
                try await instance.signalExternal(
                    namespace: instance.namespace, workflowID: input.id, runID: input.runId, signalName: input.name,
                    arguments: arguments, headers: input.headers, childWorkflowOnly: false)
            })
    }

    public func cancel() async throws {
        try await InterceptorChain.run(
            instance.interceptors.workflowOutbound, input: CancelExternalWorkflowInput(info: instance.workflowInfo, id: id, runId: runId),
            call: { interceptor, input, next in try await interceptor.cancelExternalWorkflow(input: input, next: next) },
            operation: { [instance] input in
                try await instance.cancelExternal(
                    namespace: instance.namespace, workflowID: input.id, runID: input.runId, childWorkflowOnly: false)
            })
    }
}
