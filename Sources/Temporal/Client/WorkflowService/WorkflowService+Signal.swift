public import GRPCCore
import Foundation

extension TemporalClient.WorkflowService {
    /// Sends a signal by name to a workflow (its latest run unless `runID` is given).
    public func signalWorkflow<each Input: Sendable>(
        workflowID: String,
        runID: String? = nil,
        signalName: String,
        headers: [String: Api.Common.V1.Payload] = [:],
        input: repeat each Input,
        callOptions: CallOptions? = nil
    ) async throws {
        let payloads = try await dataConverter.convertValuesToPayloads(repeat each input)
        var request = Api.Workflowservice.V1.SignalWorkflowExecutionRequest.with {
            $0.namespace = namespace
            $0.workflowExecution = execution(workflowID, runID)
            $0.signalName = signalName
            if !payloads.isEmpty { $0.input = .with { $0.payloads = payloads } }
            $0.identity = identity
            $0.requestID = UUID().uuidString
        }
        if !headers.isEmpty { request.header = try await dataConverter.encodeHeader(headers) }
        _ = try await service.signalWorkflowExecution(request, options: callOptions ?? .defaults)
    }

    /// Sends a signal declared on a workflow definition.
    public func signalWorkflow<Signal: WorkflowSignalDefinition>(
        workflowID: String,
        runID: String? = nil,
        signalType: Signal.Type = Signal.self,
        headers: [String: Api.Common.V1.Payload] = [:],
        input: Signal.Input,
        callOptions: CallOptions? = nil
    ) async throws {
        try await signalWorkflow(
            workflowID: workflowID, runID: runID, signalName: Signal.name, headers: headers, input: input,
            callOptions: callOptions)
    }

    /// Sends a signal that carries no input.
    public func signalWorkflow<Signal: WorkflowSignalDefinition>(
        workflowID: String,
        runID: String? = nil,
        signalType: Signal.Type = Signal.self,
        headers: [String: Api.Common.V1.Payload] = [:],
        callOptions: CallOptions? = nil
    ) async throws where Signal.Input == Void {
        try await signalWorkflow(
            workflowID: workflowID, runID: runID, signalName: Signal.name, headers: headers, input: (),
            callOptions: callOptions)
    }
}
