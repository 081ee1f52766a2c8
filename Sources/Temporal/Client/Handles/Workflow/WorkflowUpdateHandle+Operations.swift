public import GRPCCore

extension WorkflowUpdateHandle {
    /// Waits for the update to finish and returns its result.
    ///
    /// - Throws: ``WorkflowUpdateFailedError`` when the workflow rejected or failed the update.
    public func result(callOptions: CallOptions? = nil) async throws -> WorkflowUpdate.Output {
        try await untypedHandle.result(resultTypes: WorkflowUpdate.Output.self, callOptions: callOptions)
    }
}
