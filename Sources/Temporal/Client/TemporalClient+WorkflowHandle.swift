import Foundation
import GRPCCore

extension TemporalClient {
    /// Starts a workflow; returns at once with a handle.
    public func startWorkflow<Workflow: WorkflowDefinition>(
        type: Workflow.Type = Workflow.self,
        options: WorkflowOptions,
        input: Workflow.Input
    ) async throws -> WorkflowHandle<Workflow> {
        WorkflowHandle(untypedHandle: try await startWorkflow(name: Workflow.name, options: options, input: input))
    }

    public func startWorkflow<Workflow: WorkflowDefinition>(
        type: Workflow.Type = Workflow.self,
        options: WorkflowOptions
    ) async throws -> WorkflowHandle<Workflow> where Workflow.Input == Void {
        try await startWorkflow(type: type, options: options, input: ())
    }

    /// Starts a workflow by type name (one written in another language, say).
    public func startWorkflow<each Input: Sendable>(
        name: String,
        options: WorkflowOptions,
        input: repeat each Input
    ) async throws -> UntypedWorkflowHandle {
        let payloads = try await dataConverter.encodedPayloads(dataConverter.payloadConverter.payloads(forEach: repeat each input))
        var request = try options.startRequest(workflowName: name, namespace: configuration.namespace, identity: configuration.identity,
                                               payloadConverter: dataConverter.payloadConverter)
        if !payloads.isEmpty { request.input = .with { $0.payloads = payloads } }
        do {
            let response = try await service.startWorkflowExecution(request, options: options.callOptions ?? .defaults)
            return UntypedWorkflowHandle(client: self, id: options.id, runID: nil, resultRunID: response.runID, firstExecutionRunID: response.runID)
        } catch let error as RPCError where error.code == .alreadyExists {
            throw WorkflowAlreadyStartedError(workflowID: options.id, runID: nil, workflowName: name)
        }
    }

    /// Starts a workflow and waits for its result.
    public func executeWorkflow<Workflow: WorkflowDefinition>(
        type: Workflow.Type = Workflow.self,
        options: WorkflowOptions,
        input: Workflow.Input
    ) async throws -> Workflow.Output {
        try await startWorkflow(type: type, options: options, input: input).result()
    }

    public func executeWorkflow<Workflow: WorkflowDefinition>(
        type: Workflow.Type = Workflow.self,
        options: WorkflowOptions
    ) async throws -> Workflow.Output where Workflow.Input == Void {
        try await executeWorkflow(type: type, options: options, input: ())
    }

    /// A handle on an existing workflow (its latest run unless `runID` is given).
    public func workflowHandle<Workflow: WorkflowDefinition>(
        type: Workflow.Type = Workflow.self,
        id: String,
        runID: String? = nil
    ) -> WorkflowHandle<Workflow> {
        WorkflowHandle(untypedHandle: untypedWorkflowHandle(id: id, runID: runID))
    }

    public func untypedWorkflowHandle(id: String, runID: String? = nil) -> UntypedWorkflowHandle {
        UntypedWorkflowHandle(client: self, id: id, runID: runID, resultRunID: runID, firstExecutionRunID: nil)
    }
}
