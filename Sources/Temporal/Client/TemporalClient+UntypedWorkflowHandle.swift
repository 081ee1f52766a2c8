public import GRPCCore
public import Foundation

extension TemporalClient {
    /// Starts a workflow by type name (one written in another language, say); returns at once
    /// with a handle.
    ///
    /// - Throws: ``WorkflowAlreadyStartedError`` when the id is taken and the id policies forbid
    ///   another run.
    public func startWorkflow<each Input: Sendable>(
        name: String,
        options: WorkflowOptions,
        input: repeat each Input
    ) async throws -> UntypedWorkflowHandle {
        try await intercepted(StartWorkflowInput(name: name, options: options, headers: [:], input: repeat each input)) {
            try await $0.startWorkflow(input: $1, next: $2)
        } rpc: { call in
            let runID = try await workflowService.startWorkflow(
                name: call.name, options: call.options, headers: call.headers,
                input: try await dataConverter.convertValuesToPayloads(repeat each call.input),
                callOptions: call.callOptions ?? call.options.callOptions)
            return startedHandle(id: call.options.id, runID: runID)
        }
    }

    /// Starts a workflow by type name that takes no input.
    public func startWorkflow(name: String, options: WorkflowOptions) async throws -> UntypedWorkflowHandle {
        try await startWorkflow(name: name, options: options, input: ())
    }

    /// Sends a signal to the workflow with `options.id`, starting it (by type name, with `input`)
    /// when no run is open; returns a handle on the run that got the signal.
    public func signalWithStartWorkflow<each Input: Sendable, each SignalInput: Sendable>(
        name: String,
        input: repeat each Input,
        options: WorkflowOptions,
        signalName: String,
        signalInput: repeat each SignalInput
    ) async throws -> UntypedWorkflowHandle {
        let start = SignalWithStartWorkflowInput(
            name: name, options: options, headers: [:], input: repeat each input, signalName: signalName,
            signalInput: Self.values(repeat each signalInput))
        return try await intercepted(start) {
            try await $0.signalWithStartWorkflow(input: $1, next: $2)
        } rpc: { call in
            let runID = try await workflowService.signalWithStartWorkflow(
                name: call.name, options: call.options, headers: call.headers,
                input: try await dataConverter.convertValuesToPayloads(repeat each call.input),
                signalName: call.signalName,
                signalInput: try await dataConverter.convertAnyValuesToPayloads(call.signalInput),
                callOptions: call.callOptions ?? call.options.callOptions)
            return startedHandle(id: call.options.id, runID: runID)
        }
    }

    /// Starts a workflow by type name and waits for its result, decoded as `resultTypes`.
    public func executeWorkflow<each Input: Sendable, each Result: Sendable>(
        name: String,
        options: WorkflowOptions,
        input: repeat each Input,
        resultTypes: repeat (each Result).Type
    ) async throws -> (repeat each Result) {
        try await startWorkflow(name: name, options: options, input: repeat each input)
            .result(resultTypes: repeat each resultTypes)
    }

    /// Starts a workflow by type name that takes no input and waits for its result.
    public func executeWorkflow<each Result: Sendable>(
        name: String,
        options: WorkflowOptions,
        resultTypes: repeat (each Result).Type
    ) async throws -> (repeat each Result) {
        try await startWorkflow(name: name, options: options, input: ())
            .result(resultTypes: repeat each resultTypes)
    }

    /// Starts a workflow by type name and waits for it to finish, ignoring any result.
    public func executeWorkflow<each Input: Sendable>(
        name: String,
        options: WorkflowOptions,
        input: repeat each Input
    ) async throws {
        try await startWorkflow(name: name, options: options, input: repeat each input).result()
    }

    /// A handle on an existing workflow by id (its latest run unless `runID` is given).
    public func untypedWorkflowHandle(
        id: String,
        runID: String? = nil,
        firstExecutionRunID: String? = nil
    ) -> UntypedWorkflowHandle {
        UntypedWorkflowHandle(client: self, id: id, runID: runID, resultRunID: nil, firstExecutionRunID: firstExecutionRunID)
    }

    /// Sends an update to the workflow with `options.id`, starting that workflow (by type name,
    /// with `input`) first when no run is open, and returns a handle on the update once it reached
    /// `waitForStage`. The options' id conflict policy decides what an open run means: `.fail`
    /// throws, `.useExisting` sends the update to it.
    public func startUpdateWithStartWorkflow<each WorkflowInput: Sendable, each UpdateInput: Sendable>(
        name: String,
        input: repeat each WorkflowInput,
        options: WorkflowOptions,
        updateName: String,
        updateInput: repeat each UpdateInput,
        updateID: String = UUID().uuidString,
        waitForStage: WorkflowUpdateStage,
        callOptions: CallOptions? = nil
    ) async throws -> UntypedWorkflowUpdateHandle {
        let request = StartUpdateWithStartWorkflowInput(
            name: name, input: repeat each input, options: options, headers: [:], updateName: updateName,
            updateInput: Self.values(repeat each updateInput), updateID: updateID, updateHeaders: [:],
            waitForStage: waitForStage, callOptions: callOptions)
        return try await intercepted(request) {
            try await $0.startUpdateWithStartWorkflow(input: $1, next: $2)
        } rpc: { call in
            let started = try await workflowService.startUpdateWithStartWorkflow(
                name: call.name, options: call.options, headers: call.headers,
                input: try await dataConverter.convertValuesToPayloads(repeat each call.input),
                updateID: call.updateID, updateName: call.updateName, updateHeaders: call.updateHeaders,
                updateInput: try await dataConverter.convertAnyValuesToPayloads(call.updateInput),
                waitForStage: call.waitForStage, callOptions: call.callOptions)
            return UntypedWorkflowUpdateHandle(
                client: self, id: call.updateID, workflowID: call.options.id, workflowRunID: nil,
                knownOutcome: started.outcome)
        }
    }

    /// Update-with-start that waits for the update's result, decoded as `resultTypes`.
    public func executeUpdateWithStartWorkflow<
        each WorkflowInput: Sendable,
        each UpdateInput: Sendable,
        each Result: Sendable
    >(
        name: String,
        input: repeat each WorkflowInput,
        options: WorkflowOptions,
        updateName: String,
        updateInput: repeat each UpdateInput,
        updateID: String = UUID().uuidString,
        resultTypes: repeat (each Result).Type,
        callOptions: CallOptions? = nil
    ) async throws -> (repeat each Result) {
        try await startUpdateWithStartWorkflow(
            name: name, input: repeat each input, options: options, updateName: updateName,
            updateInput: repeat each updateInput, updateID: updateID, waitForStage: .completed, callOptions: callOptions
        ).result(resultTypes: repeat each resultTypes, callOptions: callOptions)
    }

    /// A handle on the run a start call created.
    private func startedHandle(id: String, runID: String) -> UntypedWorkflowHandle {
        UntypedWorkflowHandle(client: self, id: id, runID: nil, resultRunID: runID, firstExecutionRunID: runID)
    }

    /// A pack of arguments as a list, for inputs that already carry the workflow's arguments as
    /// their one pack.
    private static func values<each Value: Sendable>(_ values: repeat each Value) -> [any Sendable] {
        var list: [any Sendable] = []
        for value in repeat each values { list.append(value) }
        return list
    }
}
