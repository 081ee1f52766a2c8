public import GRPCCore

extension TemporalClient.WorkflowService {
    /// Describes a workflow run: its status, times, search attributes, memo and pending activities.
    public func describeWorkflow(
        workflowID: String,
        runID: String? = nil,
        callOptions: CallOptions? = nil
    ) async throws -> WorkflowExecutionDescription {
        let response = try await service.describeWorkflowExecution(
            .with {
                $0.namespace = namespace
                $0.execution = execution(workflowID, runID)
            }, options: callOptions ?? .defaults)
        return try await WorkflowExecutionDescription(response, dataConverter: dataConverter)
    }
}
