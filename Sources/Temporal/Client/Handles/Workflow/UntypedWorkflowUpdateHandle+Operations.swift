public import GRPCCore

extension UntypedWorkflowUpdateHandle {
    /// Waits for the update to finish (polling the server unless its outcome is already known)
    /// and decodes its result as `resultTypes`.
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
            outcome = try await service.pollUpdateOutcome(
                workflowID: workflowID, runID: workflowRunID, updateID: id, callOptions: callOptions)
        }
        return try await service.updateResult(outcome, as: repeat each resultTypes)
    }
}
