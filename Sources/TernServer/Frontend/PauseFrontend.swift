import Foundation
import GRPCCore
import TernAPI
import TernCore

private typealias WorkflowService = Temporal_Api_Workflowservice_V1_WorkflowService.Method

/// PauseWorkflowExecution and UnpauseWorkflowExecution. Pausing is served only with
/// `frontend.WorkflowPauseEnabled`, as on Temporal; unpausing is never gated.
struct PauseFrontend: RegistrableRPCService {
    let namespaces: NamespaceRegistry
    let engine: HistoryEngine
    let enabled: Bool

    /// Temporal's `limit.maxIDLength` bounds the request's free-text fields too.
    static func checkLengths(reason: String, requestID: String, identity: String) throws {
        for (field, value) in [("reason", reason), ("request id", requestID), ("identity", identity)]
        where value.utf8.count > StartRules.maxIDLength {
            throw TernError.invalidArgument("\(field) is too long.")
        }
    }

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let namespaces = self.namespaces
        let engine = self.engine
        let enabled = self.enabled

        router.unary(WorkflowService.PauseWorkflowExecution.descriptor) { (request: WorkflowService.PauseWorkflowExecution.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            guard enabled else {
                throw TernError(.unimplemented, "workflow pause is not enabled for namespace: \(ns.name)")
            }
            try Self.checkLengths(reason: request.reason, requestID: request.requestID, identity: request.identity)
            let key = try await engine.resolve(namespaceID: ns.id, workflowID: request.workflowID, runID: request.runID)
            try await engine.update(key) { machine in
                try machine.pause(identity: request.identity, reason: request.reason, requestID: request.requestID)
            }
            return WorkflowService.PauseWorkflowExecution.Output()
        }

        router.unary(WorkflowService.UnpauseWorkflowExecution.descriptor) { (request: WorkflowService.UnpauseWorkflowExecution.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            try Self.checkLengths(reason: request.reason, requestID: request.requestID, identity: request.identity)
            let key = try await engine.resolve(namespaceID: ns.id, workflowID: request.workflowID, runID: request.runID)
            try await engine.update(key) { machine in
                try machine.unpause(identity: request.identity, reason: request.reason, requestID: request.requestID)
            }
            return WorkflowService.UnpauseWorkflowExecution.Output()
        }
    }
}
