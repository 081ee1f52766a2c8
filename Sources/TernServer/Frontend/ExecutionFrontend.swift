import Foundation
import GRPCCore
import TernAPI
import TernCore
import TernStore

private typealias WorkflowService = Temporal_Api_Workflowservice_V1_WorkflowService.Method

/// Client-facing workflow RPCs: start, signal, cancel, terminate, describe, history, query.
struct ExecutionFrontend: RegistrableRPCService {
    let namespaces: NamespaceRegistry
    let engine: HistoryEngine
    /// `system.enableEagerWorkflowStart`: off, a start asking for its first task gets none and
    /// its worker polls for it, as on a Temporal server with the setting off.
    var eagerWorkflowStart = true

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let namespaces = self.namespaces
        let engine = self.engine
        let limits = engine.limits
        let eagerWorkflowStart = self.eagerWorkflowStart

        router.unary(WorkflowService.StartWorkflowExecution.descriptor) { (request: WorkflowService.StartWorkflowExecution.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            try limits.checkBlob(request.hasInput ? request.input : nil)
            try limits.checkBlob(request.hasMemo ? request.memo : nil)
            try SearchAttributeRules.validateUse(
                request.searchAttributes, defined: try await namespaces.searchAttributes(namespace: ns.name))
            var request = request
            if !eagerWorkflowStart { request.requestEagerExecution = false }
            let result = try await engine.start(namespace: ns, request)
            var response = WorkflowService.StartWorkflowExecution.Output()
            response.runID = result.runID
            response.started = result.started
            if let task = result.eagerWorkflowTask { response.eagerWorkflowTask = task }
            response.status = .running
            response.link = Self.startedLink(ns.name, request.workflowID, result.runID)
            return response
        }

        router.unary(WorkflowService.SignalWorkflowExecution.descriptor) { (request: WorkflowService.SignalWorkflowExecution.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            if request.signalName.isEmpty { throw TernError.invalidArgument("SignalName is not set on request.") }
            try limits.checkBlob(request.hasInput ? request.input : nil)
            let key = try await engine.resolve(
                namespaceID: ns.id, workflowID: request.workflowExecution.workflowID, runID: request.workflowExecution.runID)
            try await engine.update(key) { machine in
                try machine.signal(
                    name: request.signalName, input: request.hasInput ? request.input : nil,
                    header: request.hasHeader ? request.header : nil, identity: request.identity,
                    requestID: request.requestID)
            }
            return WorkflowService.SignalWorkflowExecution.Output()
        }

        router.unary(WorkflowService.SignalWithStartWorkflowExecution.descriptor) { (request: WorkflowService.SignalWithStartWorkflowExecution.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            if request.signalName.isEmpty { throw TernError.invalidArgument("SignalName is not set on request.") }
            try limits.checkBlob(request.hasInput ? request.input : nil)
            try limits.checkBlob(request.hasSignalInput ? request.signalInput : nil)
            try limits.checkBlob(request.hasMemo ? request.memo : nil)
            var start = StartWorkflowRequest()
            start.namespace = request.namespace
            start.workflowID = request.workflowID
            start.workflowType = request.workflowType
            start.taskQueue = request.taskQueue
            if request.hasInput { start.input = request.input }
            start.workflowExecutionTimeout = request.workflowExecutionTimeout
            start.workflowRunTimeout = request.workflowRunTimeout
            start.workflowTaskTimeout = request.workflowTaskTimeout
            start.identity = request.identity
            start.requestID = request.requestID
            start.workflowIDReusePolicy = request.workflowIDReusePolicy
            // A running workflow is signalled rather than started again, unless told otherwise.
            start.workflowIDConflictPolicy = request.workflowIDConflictPolicy == .unspecified
                ? .useExisting : request.workflowIDConflictPolicy
            if request.hasRetryPolicy { start.retryPolicy = request.retryPolicy }
            start.cronSchedule = request.cronSchedule
            if request.hasMemo { start.memo = request.memo }
            if request.hasSearchAttributes { start.searchAttributes = request.searchAttributes }
            if request.hasHeader { start.header = request.header }
            start.workflowStartDelay = request.workflowStartDelay
            if request.hasPriority { start.priority = request.priority }
            try SearchAttributeRules.validateUse(
                start.searchAttributes, defined: try await namespaces.searchAttributes(namespace: ns.name))
            let signal = StartSignal(
                name: request.signalName, input: request.hasSignalInput ? request.signalInput : nil,
                header: request.hasHeader ? request.header : nil, identity: request.identity,
                requestID: request.requestID)
            let result = try await engine.start(namespace: ns, start, signal: signal) { existing in
                try await engine.update(existing) { machine in
                    try machine.signal(
                        name: signal.name, input: signal.input, header: signal.header, identity: signal.identity,
                        requestID: signal.requestID)
                }
            }
            var response = WorkflowService.SignalWithStartWorkflowExecution.Output()
            response.runID = result.runID
            response.started = result.started
            return response
        }

        router.unary(WorkflowService.RequestCancelWorkflowExecution.descriptor) { (request: WorkflowService.RequestCancelWorkflowExecution.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            // A first execution run id names a whole chain: the request goes to its current run.
            let firstRunID = request.firstExecutionRunID
            let key = try await engine.resolve(
                namespaceID: ns.id, workflowID: request.workflowExecution.workflowID,
                runID: firstRunID.isEmpty ? request.workflowExecution.runID : "")
            try await engine.update(key) { machine in
                try machine.checkFirstExecutionRunID(firstRunID)
                try machine.requestCancel(reason: request.reason, identity: request.identity, requestID: request.requestID)
            }
            return WorkflowService.RequestCancelWorkflowExecution.Output()
        }

        router.unary(WorkflowService.TerminateWorkflowExecution.descriptor) { (request: WorkflowService.TerminateWorkflowExecution.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let firstRunID = request.firstExecutionRunID
            let key = try await engine.resolve(
                namespaceID: ns.id, workflowID: request.workflowExecution.workflowID,
                runID: firstRunID.isEmpty ? request.workflowExecution.runID : "")
            try await engine.update(key) { machine in
                try machine.checkFirstExecutionRunID(firstRunID)
                try machine.terminate(
                    reason: request.reason, details: request.hasDetails ? request.details : nil, identity: request.identity)
            }
            return WorkflowService.TerminateWorkflowExecution.Output()
        }

        router.unary(WorkflowService.DeleteWorkflowExecution.descriptor) { (request: WorkflowService.DeleteWorkflowExecution.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let key = try await engine.resolve(
                namespaceID: ns.id, workflowID: request.workflowExecution.workflowID, runID: request.workflowExecution.runID)
            _ = try await engine.load(key)  // NOT_FOUND for a run that does not exist
            try await engine.delete(key)
            return WorkflowService.DeleteWorkflowExecution.Output()
        }

        router.unary(WorkflowService.ResetWorkflowExecution.descriptor) { (request: WorkflowService.ResetWorkflowExecution.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            var response = WorkflowService.ResetWorkflowExecution.Output()
            response.runID = try await engine.reset(request, namespaceID: ns.id)
            return response
        }

        router.unary(WorkflowService.DescribeWorkflowExecution.descriptor) { (request: WorkflowService.DescribeWorkflowExecution.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let key = try await engine.resolve(
                namespaceID: ns.id, workflowID: request.execution.workflowID, runID: request.execution.runID)
            return try await engine.describe(key)
        }

        router.unary(WorkflowService.GetWorkflowExecutionHistory.descriptor, longPoll: true) { (request: WorkflowService.GetWorkflowExecutionHistory.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            return try await engine.history(request, namespaceID: ns.id)
        }

        router.unary(WorkflowService.GetWorkflowExecutionHistoryReverse.descriptor) { (request: WorkflowService.GetWorkflowExecutionHistoryReverse.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            return try await engine.reverseHistory(request, namespaceID: ns.id)
        }

        router.unary(WorkflowService.QueryWorkflow.descriptor, longPoll: true) { (request: WorkflowService.QueryWorkflow.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            if request.query.queryType.isEmpty { throw TernError.invalidArgument("QueryType is not set on request.") }
            let key = try await engine.resolve(
                namespaceID: ns.id, workflowID: request.execution.workflowID, runID: request.execution.runID)
            return try await Self.query(request, key: key, engine: engine)
        }
    }

    static func startedLink(_ namespace: String, _ workflowID: String, _ runID: String) -> Temporal_Api_Common_V1_Link {
        .with {
            $0.workflowEvent = .with {
                $0.namespace = namespace
                $0.workflowID = workflowID
                $0.runID = runID
                $0.eventRef = .with { $0.eventID = 1; $0.eventType = .workflowExecutionStarted }
            }
        }
    }

    /// How long QueryWorkflow waits for a worker's answer.
    static let queryTimeout: Duration = .seconds(30)

    /// Routes a query to a worker (see wire notes §5 and `HistoryEngine.routeQuery`) and waits for the answer.
    static func query(
        _ request: Temporal_Api_Workflowservice_V1_QueryWorkflowRequest, key: WorkflowKey, engine: HistoryEngine
    ) async throws -> Temporal_Api_Workflowservice_V1_QueryWorkflowResponse {
        let state = try await engine.load(key).state
        let status = state.execution.status
        var response = Temporal_Api_Workflowservice_V1_QueryWorkflowResponse()
        if state.execution.visibleStatus == .paused {
            // No worker runs a paused workflow, so none can answer.
            response.queryRejected.status = .paused
            return response
        }
        switch request.queryRejectCondition {
        case .notOpen where status != .running, .notCompletedCleanly where status != .running && status != .completed:
            response.queryRejected.status = status
            return response
        default:
            break
        }
        let deadline = ContinuousClock.now.advanced(by: queryTimeout)
        let id = try await engine.routeQuery(key, request.query, deadline: deadline)
        let result = try await engine.queries.wait(id, until: deadline)
        if result.resultType == .failed {
            var detail = Temporal_Api_Errordetails_V1_QueryFailedFailure()
            if result.hasFailure { detail.failure = result.failure }
            throw TernError(.invalidArgument, result.errorMessage, detail: detail)
        }
        response.queryResult = result.answer
        return response
    }
}
