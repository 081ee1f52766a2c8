import GRPCCore
import Foundation

extension TemporalClient.WorkflowService {
    /// Sends an update to the workflow with `options.id`, starting that workflow first when no run
    /// is open (one ExecuteMultiOperation call), and waits until the update reached
    /// `waitForStage`. Returns the run that got the update, and the outcome when already known.
    func startUpdateWithStartWorkflow(
        name: String,
        options: WorkflowOptions,
        headers: [String: Api.Common.V1.Payload],
        input: [Api.Common.V1.Payload],
        updateID: String,
        updateName: String,
        updateHeaders: [String: Api.Common.V1.Payload],
        updateInput: [Api.Common.V1.Payload],
        waitForStage: WorkflowUpdateStage,
        callOptions: CallOptions?
    ) async throws -> (runID: String, outcome: Api.Update.V1.Outcome?) {
        var start = try await startRequest(name: name, options: options, headers: headers)
        if !input.isEmpty { start.input = .with { $0.payloads = input } }
        let update = try await updateRequest(
            workflowID: options.id, runID: nil, firstExecutionRunID: nil, updateID: updateID, updateName: updateName,
            waitForStage: waitForStage, headers: updateHeaders, input: updateInput)
        let request = Api.Workflowservice.V1.ExecuteMultiOperationRequest.with {
            $0.namespace = namespace
            $0.operations = [.with { $0.startWorkflow = start }, .with { $0.updateWorkflow = update }]
        }
        let wanted = Api.Enums.V1.UpdateWorkflowExecutionLifecycleStage(waitForStage)
        // The same start request id and update id make a repeated call find the same run and update.
        while true {
            let response: Api.Workflowservice.V1.ExecuteMultiOperationResponse
            do {
                response = try await service.executeMultiOperation(request, options: callOptions ?? .longPoll)
            } catch let error as RPCError where error.code == .deadlineExceeded && callOptions?.timeout == nil {
                continue
            } catch let error as RPCError where error.code == .alreadyExists {
                throw WorkflowAlreadyStartedError(cause: error, workflowID: options.id, runID: nil, workflowName: name)
            }
            var runID = ""
            var updateResponse: Api.Workflowservice.V1.UpdateWorkflowExecutionResponse?
            for operation in response.responses {
                switch operation.response {
                case .startWorkflow(let started): runID = started.runID
                case .updateWorkflow(let updated): updateResponse = updated
                default: break
                }
            }
            guard let updateResponse else { continue }
            if updateResponse.hasOutcome { return (runID, updateResponse.outcome) }
            if updateResponse.stage.rawValue >= wanted.rawValue { return (runID, nil) }
        }
    }
}
