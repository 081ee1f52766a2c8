import Foundation
import GRPCCore
import SwiftProtobuf
import TernAPI
import TernCore
import TernStore

private typealias WorkflowService = Temporal_Api_Workflowservice_V1_WorkflowService.Method
typealias UpdateWorkflowRequest = Temporal_Api_Workflowservice_V1_UpdateWorkflowExecutionRequest
typealias UpdateWorkflowResponse = Temporal_Api_Workflowservice_V1_UpdateWorkflowExecutionResponse

/// Workflow updates: UpdateWorkflowExecution, PollWorkflowExecutionUpdate, and update-with-start
/// through ExecuteMultiOperation.
struct UpdateFrontend: RegistrableRPCService {
    let namespaces: NamespaceRegistry
    let engine: HistoryEngine
    /// `frontend.enableUpdateWorkflowExecution` and `…AsyncAccepted`.
    let enabled: Bool
    let asyncEnabled: Bool

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let namespaces = self.namespaces
        let engine = self.engine
        let (enabled, asyncEnabled) = (self.enabled, self.asyncEnabled)
        @Sendable func checkEnabled(_ namespace: String, _ stage: UpdateStage) throws {
            guard enabled else {
                throw TernError(.permissionDenied, "UpdateWorkflowExecution operation is disabled on this namespace \(namespace).")
            }
            guard asyncEnabled || stage == .completed else {
                throw TernError(
                    .permissionDenied,
                    "UpdateWorkflowExecution with a wait stage other than COMPLETED is disabled on this namespace \(namespace).")
            }
        }

        router.unary(WorkflowService.UpdateWorkflowExecution.descriptor, longPoll: true) { (request: WorkflowService.UpdateWorkflowExecution.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            try checkEnabled(ns.name, Self.stage(request.waitPolicy.lifecycleStage))
            let key = try await engine.resolve(
                namespaceID: ns.id, workflowID: request.workflowExecution.workflowID, runID: request.workflowExecution.runID)
            return try await Self.update(request, key: key, engine: engine)
        }

        router.unary(WorkflowService.PollWorkflowExecutionUpdate.descriptor, longPoll: true) { (request: WorkflowService.PollWorkflowExecutionUpdate.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let ref = request.updateRef
            if ref.updateID.isEmpty { throw TernError.invalidArgument("UpdateRef.UpdateId is not set on request.") }
            let key = try await engine.resolve(
                namespaceID: ns.id, workflowID: ref.workflowExecution.workflowID, runID: ref.workflowExecution.runID)
            // A poll without a wait stage answers at once with the stage reached, as Temporal's
            // does (callers check an update exists this way).
            let wanted = request.waitPolicy.lifecycleStage == .unspecified ? .admitted : request.waitPolicy.lifecycleStage
            let (status, at) = try await engine.waitForUpdate(key, updateID: ref.updateID, stage: wanted)
            var response = WorkflowService.PollWorkflowExecutionUpdate.Output()
            response.updateRef = Self.ref(at, ref.updateID)
            response.stage = status.stage
            if let outcome = status.outcome { response.outcome = outcome }
            return response
        }

        router.unary(WorkflowService.ExecuteMultiOperation.descriptor, longPoll: true) { (request: WorkflowService.ExecuteMultiOperation.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            for operation in request.operations {
                if case .updateWorkflow(let update) = operation.operation {
                    try checkEnabled(ns.name, Self.stage(update.waitPolicy.lifecycleStage))
                }
            }
            return try await Self.updateWithStart(request, namespace: ns, namespaces: namespaces, engine: engine)
        }
    }

    /// Waiting for nothing means waiting for acceptance, the earliest stage worth reporting.
    static func stage(_ requested: UpdateStage) -> UpdateStage {
        requested == .unspecified ? .accepted : requested
    }

    static func ref(_ key: WorkflowKey, _ updateID: String) -> Temporal_Api_Update_V1_UpdateRef {
        .with {
            $0.workflowExecution = .with { $0.workflowID = key.workflowID; $0.runID = key.runID }
            $0.updateID = updateID
        }
    }

    /// Admits the update (once per id) and waits for the requested stage.
    static func update(_ request: UpdateWorkflowRequest, key: WorkflowKey, engine: HistoryEngine) async throws -> UpdateWorkflowResponse {
        let updateID = request.request.meta.updateID
        if updateID.isEmpty { throw TernError.invalidArgument("Update id is not set on request.") }
        try engine.limits.checkBlob(request.request.input.hasArgs ? request.request.input.args : nil)
        if engine.updateEnds.end(key, updateID) == nil {
            let firstRunID = request.firstExecutionRunID
            try await engine.update(key) { machine in
                try machine.checkFirstExecutionRunID(firstRunID)
                try machine.admitUpdate(request.request)
            }
        }
        let (status, at) = try await engine.waitForUpdate(key, updateID: updateID, stage: stage(request.waitPolicy.lifecycleStage))
        var response = UpdateWorkflowResponse()
        response.updateRef = ref(at, updateID)
        response.stage = status.stage
        if let outcome = status.outcome { response.outcome = outcome }
        return response
    }

    // MARK: Update-with-start

    typealias MultiOperationResponse = Temporal_Api_Workflowservice_V1_ExecuteMultiOperationResponse

    static func updateWithStart(
        _ request: Temporal_Api_Workflowservice_V1_ExecuteMultiOperationRequest, namespace ns: NamespaceRecord,
        namespaces: NamespaceRegistry, engine: HistoryEngine
    ) async throws -> MultiOperationResponse {
        let operations = request.operations
        guard operations.count == 2, case .startWorkflow(var start) = operations[0].operation,
              case .updateWorkflow(var updateRequest) = operations[1].operation
        else {
            throw TernError.invalidArgument(
                "ExecuteMultiOperation supports exactly two operations: StartWorkflow, then UpdateWorkflow.")
        }
        if start.namespace.isEmpty { start.namespace = request.namespace }
        if updateRequest.namespace.isEmpty { updateRequest.namespace = request.namespace }
        if start.namespace != request.namespace || updateRequest.namespace != request.namespace {
            throw multiOperationFailure(.invalidArgument("Operations must use the request's namespace."), failedIndex: 0)
        }
        if updateRequest.workflowExecution.workflowID != start.workflowID {
            throw multiOperationFailure(
                .invalidArgument("UpdateWorkflow's WorkflowId must match StartWorkflow's WorkflowId."), failedIndex: 1)
        }
        if !updateRequest.workflowExecution.runID.isEmpty {
            throw multiOperationFailure(.invalidArgument("UpdateWorkflow may not name a RunId in update-with-start."), failedIndex: 1)
        }
        if start.workflowIDConflictPolicy == .unspecified {
            throw multiOperationFailure(
                .invalidArgument("StartWorkflow needs a WorkflowIdConflictPolicy in update-with-start."), failedIndex: 0)
        }
        // The update needs the first workflow task to reach a worker through its task queue now:
        // not held back by a delay or cron, nor handed to the caller, which waits on the update.
        for (unsupported, name) in [(!start.cronSchedule.isEmpty, "CronSchedule"),
                                    (start.requestEagerExecution, "RequestEagerExecution"),
                                    (start.workflowStartDelay.isPositive, "WorkflowStartDelay")] where unsupported {
            throw multiOperationFailure(.invalidArgument("\(name) is not supported in update-with-start."), failedIndex: 0)
        }
        // Temporal's order: an update this id already has an outcome for on the current run (even a
        // closed one) answers from it; an update already admitted there, a repeated start (same
        // request id) or USE_EXISTING go to the running run; anything else starts a run as the
        // policies allow, then admits the update to it.
        let updateID = updateRequest.request.meta.updateID
        var target: (runID: String, status: WorkflowStatus)?
        if let current = try await engine.store.currentExecution(namespaceID: ns.id, workflowID: start.workflowID),
           let state = try? await engine.load(
               WorkflowKey(namespaceID: ns.id, workflowID: start.workflowID, runID: current.runID)).state {
            let known = state.updates[updateID]
            let running = state.execution.status == .running
            if known?.stage == .completed
                || running && (known != nil || start.requestID == current.startRequestID
                               || start.workflowIDConflictPolicy == .useExisting) {
                target = (current.runID, state.execution.status)
            }
        }
        let started: HistoryEngine.StartResult
        if let target {
            started = HistoryEngine.StartResult(runID: target.runID, started: false)
        } else {
            do {
                try SearchAttributeRules.validateUse(
                    start.searchAttributes, defined: try await namespaces.searchAttributes(namespace: ns.name))
                started = try await engine.start(namespace: ns, start, update: updateRequest.request)
            } catch let error as TernError {
                throw multiOperationFailure(error, failedIndex: 0)
            }
        }
        let key = WorkflowKey(namespaceID: ns.id, workflowID: start.workflowID, runID: started.runID)
        let updated: UpdateWorkflowResponse
        do {
            updated = try await update(updateRequest, key: key, engine: engine)
        } catch let error as TernError {
            throw multiOperationFailure(error, failedIndex: 1, startSucceeded: started.started)
        }
        var response = MultiOperationResponse()
        response.responses = [
            .with {
                $0.startWorkflow = .with {
                    $0.runID = started.runID
                    $0.started = started.started
                    $0.status = target?.status ?? .running
                    $0.link = ExecutionFrontend.startedLink(ns.name, start.workflowID, started.runID)
                }
            },
            .with { $0.updateWorkflow = updated },
        ]
        return response
    }

    /// The error of one operation, in the shape the SDKs unpack: the failed operation's status,
    /// the other one aborted.
    static func multiOperationFailure(_ error: TernError, failedIndex: Int, startSucceeded: Bool = false) -> TernError {
        let aborted = Temporal_Api_Errordetails_V1_MultiOperationExecutionFailure.OperationStatus.with {
            $0.code = Int32(RPCError.Code.aborted.rawValue)
            $0.message = "Operation was aborted."
        }
        var detail = Temporal_Api_Errordetails_V1_MultiOperationExecutionFailure()
        detail.statuses = (0..<2).map { index in
            // A start that did start its run is no failure: its status is OK, as on Temporal.
            if index == 0 && startSucceeded { return .init() }
            guard index == failedIndex else { return aborted }
            return .with {
                $0.code = Int32(error.code.rpcCode.rawValue)
                $0.message = error.message
                $0.details = error.details
            }
        }
        let operation = failedIndex == 0 ? "Start" : "Update"
        return TernError(
            error.code, "MultiOperation could not be executed: \(operation) failed: \(error.message)", detail: detail)
    }
}
