/// Child workflows, other workflows, memo and continue-as-new.
extension WorkflowContext {
    // MARK: External workflows

    public func getExternalWorkflowHandle<ExternalW: WorkflowDefinition>(
        _ type: ExternalW.Type,
        id: String,
        runId: String? = nil
    ) -> ExternalWorkflowHandle<ExternalW> {
        ExternalWorkflowHandle(untypedHandle: getExternalWorkflowHandle(id: id, runId: runId))
    }

    public func getExternalWorkflowHandle(id: String, runId: String? = nil) -> UntypedExternalWorkflowHandle {
        UntypedExternalWorkflowHandle(id: id, runId: runId, instance: instance)
    }

    // MARK: Child workflows

    public func startChildWorkflow<ChildWorkflow: WorkflowDefinition>(
        _ workflowType: ChildWorkflow.Type = ChildWorkflow.self,
        options: ChildWorkflowOptions = .init(),
        input: ChildWorkflow.Input
    ) async throws -> ChildWorkflowHandle<ChildWorkflow> {
        ChildWorkflowHandle(untypedWorkflowHandle: try await startChildWorkflow(name: ChildWorkflow.name, options: options, inputs: input))
    }

    public func startChildWorkflow<each Input: Sendable>(
        name: String,
        options: ChildWorkflowOptions = .init(),
        inputs: repeat each Input
    ) async throws -> UntypedChildWorkflowHandle {
        try await InterceptorChain.run(
            instance.interceptors.workflowOutbound,
            input: StartChildWorkflowInput(info: info, name: name, options: options, headers: [:], input: repeat each inputs),
            call: { interceptor, input, next in try await interceptor.startChildWorkflow(input: input, next: next) },
            operation: { [instance] input in
                let arguments = try instance.payloadConverter.payloads(forEach: repeat each input.input)
                let child = try await instance.startChild(
                    type: input.name, options: input.options, arguments: arguments, headers: input.headers)
                return UntypedChildWorkflowHandle(child: child, instance: instance)
            })
    }

    public func executeChildWorkflow<ChildWorkflow: WorkflowDefinition>(
        _ workflowType: ChildWorkflow.Type = ChildWorkflow.self,
        options: ChildWorkflowOptions = .init(),
        input: ChildWorkflow.Input
    ) async throws -> ChildWorkflow.Output {
        try await startChildWorkflow(workflowType, options: options, input: input).result()
    }

    public func executeChildWorkflow<each Input: Sendable, Result: Sendable>(
        name: String,
        options: ChildWorkflowOptions = .init(),
        inputs: repeat each Input,
        resultType: Result.Type = Result.self
    ) async throws -> Result {
        try await startChildWorkflow(name: name, options: options, inputs: repeat each inputs).result(resultType: resultType)
    }

    // MARK: Memo

    public func getMemoValue<Value>(for key: String, as valueType: Value.Type = Value.self) async throws -> Value? {
        guard let payload = instance.memo.fields[key], !payload.metadata.isEmpty else { return nil }
        return try instance.payloadConverter.convertPayload(payload, as: Value.self)
    }

    /// Adds or replaces memo fields; a `nil` value removes the field.
    public func upsertMemo(_ memo: [String: (any Sendable)?]) async throws {
        var fields: [String: Api.Common.V1.Payload] = [:]
        for (key, value) in memo {
            fields[key] = try value.map { try instance.payloadConverter.convertValue($0) } ?? Api.Common.V1.Payload()
        }
        instance.upsertMemo(fields)
    }

    // MARK: Continue-as-new

    public func makeContinueAsNewError<each Input: Sendable>(
        options: ContinueAsNewOptions,
        input: repeat each Input
    ) async throws -> ContinueAsNewError {
        try await makeContinueAsNewError(workflowName: info.workflowName, options: options, arguments: repeat each input)
    }

    public func makeContinueAsNewError<OtherW: WorkflowDefinition, each Input: Sendable>(
        workflowType: OtherW.Type,
        options: ContinueAsNewOptions = .init(),
        input: repeat each Input
    ) async throws -> ContinueAsNewError {
        try await makeContinueAsNewError(workflowName: OtherW.name, options: options, arguments: repeat each input)
    }

    public func makeContinueAsNewError<each Input: Sendable>(
        workflowName: String,
        options: ContinueAsNewOptions = .init(),
        input: repeat each Input
    ) async throws -> ContinueAsNewError {
        try await makeContinueAsNewError(workflowName: workflowName, options: options, arguments: repeat each input)
    }

    private func makeContinueAsNewError<each Input: Sendable>(
        workflowName: String, options: ContinueAsNewOptions, arguments: repeat each Input
    ) async throws -> ContinueAsNewError {
        try await InterceptorChain.run(
            instance.interceptors.workflowOutbound,
            input: MakeContinueAsNewErrorInput(
                info: info, workflowName: workflowName, options: options, headers: [:], input: repeat each arguments),
            call: { interceptor, input, next in try await interceptor.makeContinueAsNewError(input: input, next: next) },
            operation: { [instance] input in
                let payloads = try instance.payloadConverter.payloads(forEach: repeat each input.input)
                return try ContinueAsNewError(
                    workflowName: input.workflowName, options: input.options, input: payloads, headers: input.headers,
                    payloadConverter: instance.payloadConverter)
            })
    }
}
