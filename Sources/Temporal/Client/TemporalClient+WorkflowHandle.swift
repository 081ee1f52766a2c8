public import Foundation

extension TemporalClient {
    /// Starts a workflow; returns at once with a handle.
    ///
    /// - Throws: ``WorkflowAlreadyStartedError`` when the id is taken and the id policies forbid
    ///   another run.
    public func startWorkflow<Workflow: WorkflowDefinition>(
        type: Workflow.Type = Workflow.self,
        options: WorkflowOptions,
        input: Workflow.Input
    ) async throws -> WorkflowHandle<Workflow> {
        WorkflowHandle(untypedHandle: try await startWorkflow(name: Workflow.name, options: options, input: input))
    }

    /// Starts a workflow that takes no input.
    public func startWorkflow<Workflow: WorkflowDefinition>(
        type: Workflow.Type = Workflow.self,
        options: WorkflowOptions
    ) async throws -> WorkflowHandle<Workflow> where Workflow.Input == Void {
        try await startWorkflow(type: type, options: options, input: ())
    }

    /// Sends a signal to the workflow with `options.id`, starting it with `input` when no run is
    /// open; returns a handle on the run that got the signal.
    public func signalWithStartWorkflow<Workflow: WorkflowDefinition, Signal: WorkflowSignalDefinition>(
        type: Workflow.Type = Workflow.self,
        input: Workflow.Input,
        options: WorkflowOptions,
        signalType: Signal.Type = Signal.self,
        signalInput: Signal.Input
    ) async throws -> WorkflowHandle<Workflow> {
        WorkflowHandle(
            untypedHandle: try await signalWithStartWorkflow(
                name: Workflow.name, input: input, options: options, signalName: Signal.name, signalInput: signalInput))
    }

    /// Signal-with-start for a signal that carries no input.
    public func signalWithStartWorkflow<Workflow: WorkflowDefinition, Signal: WorkflowSignalDefinition>(
        type: Workflow.Type = Workflow.self,
        input: Workflow.Input,
        options: WorkflowOptions,
        signalType: Signal.Type = Signal.self
    ) async throws -> WorkflowHandle<Workflow> where Signal.Input == Void {
        try await signalWithStartWorkflow(
            type: type, input: input, options: options, signalType: signalType, signalInput: ())
    }

    /// Signal-with-start for a workflow that takes no input.
    public func signalWithStartWorkflow<Workflow: WorkflowDefinition, Signal: WorkflowSignalDefinition>(
        type: Workflow.Type = Workflow.self,
        options: WorkflowOptions,
        signalType: Signal.Type = Signal.self,
        signalInput: Signal.Input
    ) async throws -> WorkflowHandle<Workflow> where Workflow.Input == Void {
        try await signalWithStartWorkflow(
            type: type, input: (), options: options, signalType: signalType, signalInput: signalInput)
    }

    /// Starts a workflow and waits for its output.
    public func executeWorkflow<Workflow: WorkflowDefinition>(
        type: Workflow.Type = Workflow.self,
        options: WorkflowOptions,
        input: Workflow.Input
    ) async throws -> Workflow.Output {
        try await startWorkflow(type: type, options: options, input: input).result()
    }

    /// Starts a workflow that takes no input and waits for its output.
    public func executeWorkflow<Workflow: WorkflowDefinition>(
        type: Workflow.Type = Workflow.self,
        options: WorkflowOptions
    ) async throws -> Workflow.Output where Workflow.Input == Void {
        try await startWorkflow(type: type, options: options, input: ()).result()
    }

    /// Starts a workflow without output and waits for it to finish.
    public func executeWorkflow<Workflow: WorkflowDefinition>(
        type: Workflow.Type = Workflow.self,
        options: WorkflowOptions,
        input: Workflow.Input
    ) async throws where Workflow.Output == Void {
        try await startWorkflow(type: type, options: options, input: input).result()
    }

    /// A handle on an existing workflow (its latest run unless `runID` is given).
    public func workflowHandle<Workflow: WorkflowDefinition>(
        type: Workflow.Type = Workflow.self,
        id: String,
        runID: String? = nil,
        firstExecutionRunID: String? = nil
    ) -> WorkflowHandle<Workflow> {
        WorkflowHandle(untypedHandle: untypedWorkflowHandle(id: id, runID: runID, firstExecutionRunID: firstExecutionRunID))
    }

    /// Sends an update to the workflow with `options.id`, starting that workflow with `input`
    /// first when no run is open, and returns a handle on the update once it reached
    /// `waitForStage`.
    public func startUpdateWithStartWorkflow<Workflow: WorkflowDefinition, Update: WorkflowUpdateDefinition>(
        type: Workflow.Type = Workflow.self,
        input: Workflow.Input,
        options: WorkflowOptions,
        updateType: Update.Type = Update.self,
        updateInput: Update.Input,
        updateID: String = UUID().uuidString,
        waitForStage: WorkflowUpdateStage
    ) async throws -> WorkflowUpdateHandle<Update> {
        WorkflowUpdateHandle(
            untypedHandle: try await startUpdateWithStartWorkflow(
                name: Workflow.name, input: input, options: options, updateName: Update.name, updateInput: updateInput,
                updateID: updateID, waitForStage: waitForStage))
    }

    /// Update-with-start for an update that takes no input.
    public func startUpdateWithStartWorkflow<Workflow: WorkflowDefinition, Update: WorkflowUpdateDefinition>(
        type: Workflow.Type = Workflow.self,
        input: Workflow.Input,
        options: WorkflowOptions,
        updateType: Update.Type = Update.self,
        updateID: String = UUID().uuidString,
        waitForStage: WorkflowUpdateStage
    ) async throws -> WorkflowUpdateHandle<Update> where Update.Input == Void {
        try await startUpdateWithStartWorkflow(
            type: type, input: input, options: options, updateType: updateType, updateInput: (), updateID: updateID,
            waitForStage: waitForStage)
    }

    /// Update-with-start for a workflow that takes no input.
    public func startUpdateWithStartWorkflow<Workflow: WorkflowDefinition, Update: WorkflowUpdateDefinition>(
        type: Workflow.Type = Workflow.self,
        options: WorkflowOptions,
        updateType: Update.Type = Update.self,
        updateInput: Update.Input,
        updateID: String = UUID().uuidString,
        waitForStage: WorkflowUpdateStage
    ) async throws -> WorkflowUpdateHandle<Update> where Workflow.Input == Void {
        try await startUpdateWithStartWorkflow(
            type: type, input: (), options: options, updateType: updateType, updateInput: updateInput,
            updateID: updateID, waitForStage: waitForStage)
    }

    /// Update-with-start that waits for the update's result.
    public func executeUpdateWithStartWorkflow<Workflow: WorkflowDefinition, Update: WorkflowUpdateDefinition>(
        type: Workflow.Type = Workflow.self,
        input: Workflow.Input,
        options: WorkflowOptions,
        updateType: Update.Type = Update.self,
        updateInput: Update.Input,
        updateID: String = UUID().uuidString
    ) async throws -> Update.Output {
        try await startUpdateWithStartWorkflow(
            type: type, input: input, options: options, updateType: updateType, updateInput: updateInput,
            updateID: updateID, waitForStage: .completed
        ).result()
    }

    /// Update-with-start that waits for the result of an update that takes no input.
    public func executeUpdateWithStartWorkflow<Workflow: WorkflowDefinition, Update: WorkflowUpdateDefinition>(
        type: Workflow.Type = Workflow.self,
        input: Workflow.Input,
        options: WorkflowOptions,
        updateType: Update.Type = Update.self,
        updateID: String = UUID().uuidString
    ) async throws -> Update.Output where Update.Input == Void {
        try await executeUpdateWithStartWorkflow(
            type: type, input: input, options: options, updateType: updateType, updateInput: (), updateID: updateID)
    }

    /// Update-with-start that waits for the update's result, for a workflow that takes no input.
    public func executeUpdateWithStartWorkflow<Workflow: WorkflowDefinition, Update: WorkflowUpdateDefinition>(
        type: Workflow.Type = Workflow.self,
        options: WorkflowOptions,
        updateType: Update.Type = Update.self,
        updateInput: Update.Input,
        updateID: String = UUID().uuidString
    ) async throws -> Update.Output where Workflow.Input == Void {
        try await executeUpdateWithStartWorkflow(
            type: type, input: (), options: options, updateType: updateType, updateInput: updateInput,
            updateID: updateID)
    }
}
