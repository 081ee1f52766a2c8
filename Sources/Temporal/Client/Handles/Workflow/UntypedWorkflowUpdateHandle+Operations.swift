public import GRPCCore

extension UntypedWorkflowUpdateHandle {
    /// Waits for the update to finish (polling the server, through the client's interceptors,
    /// unless its outcome is already known) and decodes its result as `resultTypes`.
    ///
    /// - Throws: ``WorkflowUpdateFailedError`` when the workflow rejected or failed the update,
    ///   ``WorkflowUpdateRPCTimeoutOrCanceledError`` when the wait timed out or was cancelled.
    public func result<each Result: Sendable>(
        resultTypes: repeat (each Result).Type,
        callOptions: CallOptions? = nil
    ) async throws -> (repeat each Result) {
        let service = client.workflowService
        let outcome: Api.Update.V1.Outcome
        if let knownOutcome {
            outcome = knownOutcome
        } else {
            let poll = PollWorkflowUpdateInput(
                workflowID: workflowID, runID: workflowRunID, updateID: id, callOptions: callOptions)
            outcome = try await client.intercepted(poll) {
                try await $0.pollWorkflowUpdate(input: $1, next: $2)
            } rpc: { call in
                try await service.pollUpdateOutcome(
                    workflowID: call.workflowID, runID: call.runID, updateID: call.updateID,
                    callOptions: call.callOptions)
            }
        }
        return try await service.updateResult(outcome, as: repeat each resultTypes)
    }
}
