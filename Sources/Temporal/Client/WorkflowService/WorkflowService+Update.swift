public import GRPCCore
public import Foundation

extension TemporalClient.WorkflowService {
    /// Sends an update by name and waits for its result.
    ///
    /// - Throws: ``WorkflowUpdateFailedError`` when the workflow rejected or failed the update.
    public func executeWorkflowUpdate<each Input: Sendable, each Result: Sendable>(
        workflowID: String,
        runID: String? = nil,
        firstExecutionRunID: String? = nil,
        updateID: String = UUID().uuidString,
        updateName: String,
        headers: [String: Api.Common.V1.Payload] = [:],
        input: repeat each Input,
        resultTypes: repeat (each Result).Type,
        callOptions: CallOptions? = nil
    ) async throws -> (repeat each Result) {
        let started = try await sendUpdate(
            workflowID: workflowID, runID: runID, firstExecutionRunID: firstExecutionRunID, updateID: updateID,
            updateName: updateName, waitForStage: .completed, headers: headers,
            input: try await dataConverter.convertValuesToPayloads(repeat each input), callOptions: callOptions)
        let outcome: Api.Update.V1.Outcome
        if let known = started.outcome {
            outcome = known
        } else {
            outcome = try await pollUpdateOutcome(workflowID: workflowID, runID: runID, updateID: updateID, callOptions: callOptions)
        }
        return try await updateResult(outcome, as: repeat each resultTypes)
    }

    /// Sends an update declared on a workflow definition and waits for its result.
    public func executeWorkflowUpdate<Update: WorkflowUpdateDefinition>(
        workflowID: String,
        runID: String? = nil,
        firstExecutionRunID: String? = nil,
        updateType: Update.Type = Update.self,
        updateID: String = UUID().uuidString,
        headers: [String: Api.Common.V1.Payload] = [:],
        input: Update.Input,
        callOptions: CallOptions? = nil
    ) async throws -> Update.Output {
        try await executeWorkflowUpdate(
            workflowID: workflowID, runID: runID, firstExecutionRunID: firstExecutionRunID, updateID: updateID,
            updateName: Update.name, headers: headers, input: input, resultTypes: Update.Output.self,
            callOptions: callOptions)
    }

    /// Sends an update by name and returns its id once it reached `waitForStage`; read the result
    /// with ``workflowUpdateResult(workflowID:runID:updateID:resultTypes:callOptions:)``.
    public func startWorkflowUpdate<each Input: Sendable>(
        workflowID: String,
        runID: String? = nil,
        firstExecutionRunID: String? = nil,
        updateID: String = UUID().uuidString,
        updateName: String,
        waitForStage: WorkflowUpdateStage,
        headers: [String: Api.Common.V1.Payload] = [:],
        input: repeat each Input,
        callOptions: CallOptions? = nil
    ) async throws -> String {
        try await sendUpdate(
            workflowID: workflowID, runID: runID, firstExecutionRunID: firstExecutionRunID, updateID: updateID,
            updateName: updateName, waitForStage: waitForStage, headers: headers,
            input: try await dataConverter.convertValuesToPayloads(repeat each input), callOptions: callOptions
        ).updateID
    }

    /// Sends an update declared on a workflow definition and returns its id once it reached
    /// `waitForStage`.
    public func startWorkflowUpdate<Update: WorkflowUpdateDefinition>(
        workflowID: String,
        runID: String? = nil,
        firstExecutionRunID: String? = nil,
        updateType: Update.Type = Update.self,
        updateID: String = UUID().uuidString,
        waitForStage: WorkflowUpdateStage,
        headers: [String: Api.Common.V1.Payload] = [:],
        input: Update.Input,
        callOptions: CallOptions? = nil
    ) async throws -> String {
        try await startWorkflowUpdate(
            workflowID: workflowID, runID: runID, firstExecutionRunID: firstExecutionRunID, updateID: updateID,
            updateName: Update.name, waitForStage: waitForStage, headers: headers, input: input,
            callOptions: callOptions)
    }

    /// Waits for an update (sent earlier, by anyone) to finish and decodes its result.
    ///
    /// - Throws: ``WorkflowUpdateFailedError`` when the workflow rejected or failed the update.
    public func workflowUpdateResult<each Result: Sendable>(
        workflowID: String,
        runID: String? = nil,
        updateID: String,
        resultTypes: repeat (each Result).Type,
        callOptions: CallOptions? = nil
    ) async throws -> (repeat each Result) {
        let outcome = try await pollUpdateOutcome(workflowID: workflowID, runID: runID, updateID: updateID, callOptions: callOptions)
        return try await updateResult(outcome, as: repeat each resultTypes)
    }

    /// Waits for an update declared on a workflow definition and decodes its result.
    public func workflowUpdateResult<Update: WorkflowUpdateDefinition>(
        workflowID: String,
        runID: String? = nil,
        updateType: Update.Type = Update.self,
        updateID: String = UUID().uuidString,
        callOptions: CallOptions? = nil
    ) async throws -> Update.Output {
        try await workflowUpdateResult(
            workflowID: workflowID, runID: runID, updateID: updateID, resultTypes: Update.Output.self,
            callOptions: callOptions)
    }

    /// Sends UpdateWorkflowExecution until the server reports `waitForStage` reached; returns the
    /// outcome when the response already carries one.
    func sendUpdate(
        workflowID: String,
        runID: String?,
        firstExecutionRunID: String?,
        updateID: String,
        updateName: String,
        waitForStage: WorkflowUpdateStage,
        headers: [String: Api.Common.V1.Payload],
        input: [Api.Common.V1.Payload],
        callOptions: CallOptions?
    ) async throws -> (updateID: String, outcome: Api.Update.V1.Outcome?) {
        let request = try await updateRequest(
            workflowID: workflowID, runID: runID, firstExecutionRunID: firstExecutionRunID, updateID: updateID,
            updateName: updateName, waitForStage: waitForStage, headers: headers, input: input)
        let wanted = Api.Enums.V1.UpdateWorkflowExecutionLifecycleStage(waitForStage)
        while true {
            let response = try await withUpdateDeadline(callOptions) { options in
                try await service.updateWorkflowExecution(request, options: options)
            }
            if response.hasOutcome { return (updateID, response.outcome) }
            if response.stage.rawValue >= wanted.rawValue { return (updateID, nil) }
        }
    }

    /// The UpdateWorkflowExecution request for one update.
    func updateRequest(
        workflowID: String,
        runID: String?,
        firstExecutionRunID: String?,
        updateID: String,
        updateName: String,
        waitForStage: WorkflowUpdateStage,
        headers: [String: Api.Common.V1.Payload],
        input: [Api.Common.V1.Payload]
    ) async throws -> Api.Workflowservice.V1.UpdateWorkflowExecutionRequest {
        var request = Api.Workflowservice.V1.UpdateWorkflowExecutionRequest.with {
            $0.namespace = namespace
            $0.workflowExecution = execution(workflowID, runID)
            $0.firstExecutionRunID = firstExecutionRunID ?? ""
            $0.waitPolicy = .with { $0.lifecycleStage = .init(waitForStage) }
            $0.request = .with {
                $0.meta = .with {
                    $0.updateID = updateID
                    $0.identity = identity
                }
                $0.input = .with {
                    $0.name = updateName
                    if !input.isEmpty { $0.args = .with { $0.payloads = input } }
                }
            }
        }
        if !headers.isEmpty { request.request.input.header = try await dataConverter.encodeHeader(headers) }
        return request
    }

    /// Long-polls PollWorkflowExecutionUpdate until the update has an outcome.
    func pollUpdateOutcome(
        workflowID: String, runID: String?, updateID: String, callOptions: CallOptions?
    ) async throws -> Api.Update.V1.Outcome {
        let request = Api.Workflowservice.V1.PollWorkflowExecutionUpdateRequest.with {
            $0.namespace = namespace
            $0.updateRef = .with {
                $0.workflowExecution = execution(workflowID, runID)
                $0.updateID = updateID
            }
            $0.identity = identity
            $0.waitPolicy = .with { $0.lifecycleStage = .completed }
        }
        while true {
            let response = try await withUpdateDeadline(callOptions) { options in
                try await service.pollWorkflowExecutionUpdate(request, options: options)
            }
            if response.hasOutcome { return response.outcome }
        }
    }

    /// An update's result: the success payloads decoded, or the failure thrown as
    /// ``WorkflowUpdateFailedError``.
    func updateResult<each Result: Sendable>(
        _ outcome: Api.Update.V1.Outcome, as resultTypes: repeat (each Result).Type
    ) async throws -> (repeat each Result) {
        switch outcome.value {
        case .success(let payloads):
            return try await dataConverter.convertPayloadsToValues(payloads.payloads, as: repeat each resultTypes)
        case .failure(let failure):
            throw WorkflowUpdateFailedError(cause: await dataConverter.convertFailure(failure))
        case nil:
            throw WorkflowUpdateFailedError(cause: ApplicationError(message: "The update ended without an outcome"))
        }
    }

    /// Runs one update call. Without caller options it uses the long-poll deadline and asks again
    /// when that passes; a caller's own deadline, or cancellation, ends the wait with
    /// ``WorkflowUpdateRPCTimeoutOrCanceledError``.
    private func withUpdateDeadline<Response>(
        _ callOptions: CallOptions?, _ call: (CallOptions) async throws -> Response
    ) async throws -> Response {
        while true {
            do {
                return try await call(callOptions ?? .longPoll)
            } catch let error as RPCError where error.code == .deadlineExceeded || error.code == .cancelled {
                if error.code == .deadlineExceeded, callOptions?.timeout == nil, !Task.isCancelled { continue }
                throw WorkflowUpdateRPCTimeoutOrCanceledError(cause: error)
            } catch is CancellationError {
                throw WorkflowUpdateRPCTimeoutOrCanceledError()
            }
        }
    }
}
