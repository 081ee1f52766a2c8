import Foundation
import GRPCCore
import SwiftProtobuf
import TernAPI
import TernCore
import TernStore

private typealias WorkflowService = Temporal_Api_Workflowservice_V1_WorkflowService.Method

/// Operators' RPCs on a workflow's pending activities: pause, unpause, reset, update options.
struct ActivityOperationsFrontend: RegistrableRPCService {
    let namespaces: NamespaceRegistry
    let engine: HistoryEngine

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let namespaces = self.namespaces
        let engine = self.engine

        @Sendable func onRun<T: Sendable>(
            _ namespace: String, _ execution: Temporal_Api_Common_V1_WorkflowExecution,
            _ change: @Sendable @escaping (inout WorkflowMachine) throws -> T
        ) async throws -> T {
            let ns = try await namespaces.namespace(named: namespace)
            let key = try await engine.resolve(namespaceID: ns.id, workflowID: execution.workflowID, runID: execution.runID)
            return try await engine.update(key, change)
        }

        router.unary(WorkflowService.PauseActivity.descriptor) { (request: WorkflowService.PauseActivity.Input, _) in
            let selector = try Self.selector(id: request.id, type: request.type, all: false)
            try await onRun(request.namespace, request.execution) {
                try $0.pauseActivities(
                    selector, identity: request.identity, reason: request.reason, requestID: request.requestID)
            }
            return WorkflowService.PauseActivity.Output()
        }

        router.unary(WorkflowService.UnpauseActivity.descriptor) { (request: WorkflowService.UnpauseActivity.Input, _) in
            let selector = try Self.selector(id: request.id, type: request.type, all: request.unpauseAll)
            let jitter = try Self.jitter(request.hasJitter ? request.jitter : nil)
            try await onRun(request.namespace, request.execution) {
                try $0.unpauseActivities(
                    selector, resetAttempts: request.resetAttempts, resetHeartbeat: request.resetHeartbeat, jitter: jitter)
            }
            return WorkflowService.UnpauseActivity.Output()
        }

        router.unary(WorkflowService.ResetActivity.descriptor) { (request: WorkflowService.ResetActivity.Input, _) in
            let selector = try Self.selector(id: request.id, type: request.type, all: request.matchAll)
            let jitter = try Self.jitter(request.hasJitter ? request.jitter : nil)
            try await onRun(request.namespace, request.execution) {
                try $0.resetActivities(
                    selector, resetHeartbeat: request.resetHeartbeat, keepPaused: request.keepPaused, jitter: jitter,
                    restoreOriginalOptions: request.restoreOriginalOptions)
            }
            return WorkflowService.ResetActivity.Output()
        }

        router.unary(WorkflowService.UpdateActivityOptions.descriptor) { (request: WorkflowService.UpdateActivityOptions.Input, _) in
            let selector = try Self.selector(id: request.id, type: request.type, all: request.matchAll)
            if !request.restoreOriginal && !request.hasActivityOptions {
                throw TernError.invalidArgument("ActivityOptions are not provided")
            }
            let options = request.activityOptions
            let paths = request.updateMask.paths
            let updated = try await onRun(request.namespace, request.execution) {
                try $0.updateActivityOptions(selector, options, paths: paths, restoreOriginal: request.restoreOriginal)
            }
            var response = WorkflowService.UpdateActivityOptions.Output()
            response.activityOptions = updated
            return response
        }
    }

    static func selector(id: String, type: String, all: Bool) throws(TernError) -> ActivitySelector {
        if !id.isEmpty { return .id(id) }
        if !type.isEmpty { return .type(type) }
        if all { return .all }
        throw .invalidArgument("Either activity id, activity type or match-all must be provided.")
    }

    static func jitter(_ duration: Google_Protobuf_Duration?) throws(TernError) -> TimeInterval {
        guard let duration else { return 0 }
        if duration.isNegative { throw .invalidArgument("Jitter cannot be negative.") }
        return duration.timeInterval
    }
}
