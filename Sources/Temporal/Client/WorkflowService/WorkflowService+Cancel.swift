public import GRPCCore
import Foundation

extension TemporalClient.WorkflowService {
    /// Asks a workflow to cancel; the workflow decides how to wind down.
    ///
    /// With `firstExecutionRunID`, only a run of that chain (continue-as-new, retries) is affected.
    public func cancelWorkflow(
        id: String,
        runID: String? = nil,
        firstExecutionRunID: String? = nil,
        callOptions: CallOptions? = nil
    ) async throws {
        _ = try await service.requestCancelWorkflowExecution(
            .with {
                $0.namespace = namespace
                $0.workflowExecution = execution(id, runID)
                $0.identity = identity
                $0.requestID = UUID().uuidString
                $0.firstExecutionRunID = firstExecutionRunID ?? ""
            }, options: callOptions ?? .defaults)
    }

    /// Ends a workflow at once, without running any of its code, recording `reason` and `details`.
    public func terminateWorkflow<each Detail>(
        id: String,
        runID: String? = nil,
        firstExecutionRunID: String? = nil,
        reason: String? = nil,
        details: repeat each Detail,
        callOptions: CallOptions? = nil
    ) async throws {
        let payloads = try await dataConverter.convertValuesToPayloads(repeat each details)
        _ = try await service.terminateWorkflowExecution(
            .with {
                $0.namespace = namespace
                $0.workflowExecution = execution(id, runID)
                $0.reason = reason ?? ""
                if !payloads.isEmpty { $0.details = .with { $0.payloads = payloads } }
                $0.identity = identity
                $0.firstExecutionRunID = firstExecutionRunID ?? ""
            }, options: callOptions ?? .defaults)
    }
}
