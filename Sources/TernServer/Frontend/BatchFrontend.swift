import Foundation
import GRPCCore
import TernAPI
import TernCore

private typealias WorkflowService = Temporal_Api_Workflowservice_V1_WorkflowService.Method

/// Batch operations: signal, cancel, terminate, delete, reset, options and activity operations on
/// the workflows a query or list names.
struct BatchFrontend: RegistrableRPCService {
    let namespaces: NamespaceRegistry
    let batches: BatchOperations

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let namespaces = self.namespaces
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
    }
}
