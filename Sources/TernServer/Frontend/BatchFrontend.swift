import Foundation
import GRPCCore
import TernAPI
import TernCore

private typealias WorkflowService = Temporal_Api_Workflowservice_V1_WorkflowService.Method

/// Batch operations (signal, cancel, terminate, delete, reset, options and activity operations on
/// the workflows a query or list names), and workflow pause, which Tern answers as a Temporal
/// server with `frontend.WorkflowPauseEnabled` off does: no workflow is ever paused.
struct BatchFrontend: RegistrableRPCService {
    let namespaces: NamespaceRegistry
    let engine: HistoryEngine
    let batches: BatchOperations

    /// Temporal's `limit.maxIDLength`, which bounds pause and unpause request fields.
    static let maxIDLength = 1000

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let namespaces = self.namespaces
        let engine = self.engine
        let batches = self.batches

        router.unary(WorkflowService.StartBatchOperation.descriptor) { (request: WorkflowService.StartBatchOperation.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            try await batches.start(request, namespace: ns)
            return WorkflowService.StartBatchOperation.Output()
        }

        router.unary(WorkflowService.StopBatchOperation.descriptor) { (request: WorkflowService.StopBatchOperation.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            try await batches.stop(request, namespace: ns)
            return WorkflowService.StopBatchOperation.Output()
        }

        router.unary(WorkflowService.DescribeBatchOperation.descriptor) { (request: WorkflowService.DescribeBatchOperation.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            return try await batches.describe(jobID: request.jobID, namespace: ns)
        }

        router.unary(WorkflowService.ListBatchOperations.descriptor) { (request: WorkflowService.ListBatchOperations.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            return try await batches.list(request, namespace: ns)
        }

        router.unary(WorkflowService.PauseWorkflowExecution.descriptor) { (request: WorkflowService.PauseWorkflowExecution.Input, _) -> WorkflowService.PauseWorkflowExecution.Output in
            let ns = try await namespaces.namespace(named: request.namespace)
            throw TernError(.unimplemented, "workflow pause is not enabled for namespace: \(ns.name)")
        }

        // Not gated, as on Temporal: with nothing paused, it answers what it would for a run that is not.
        router.unary(WorkflowService.UnpauseWorkflowExecution.descriptor) { (request: WorkflowService.UnpauseWorkflowExecution.Input, _) -> WorkflowService.UnpauseWorkflowExecution.Output in
            for (field, value) in [("reason", request.reason), ("request id", request.requestID), ("identity", request.identity)]
            where value.utf8.count > Self.maxIDLength {
                throw TernError.invalidArgument("\(field) is too long.")
            }
            let ns = try await namespaces.namespace(named: request.namespace)
            let key = try await engine.resolve(namespaceID: ns.id, workflowID: request.workflowID, runID: request.runID)
            guard try await engine.load(key).state.execution.status == .running else { throw WorkflowMachine.workflowCompleted }
            throw TernError(.failedPrecondition, "workflow is not paused.")
        }
    }
}
