import Foundation
import GRPCCore
import SwiftProtobuf
import TernAPI
import TernCore
import TernStore

private typealias WorkflowService = Temporal_Api_Workflowservice_V1_WorkflowService.Method

/// Standalone activities: start, describe, wait for the outcome, list, count, cancel, terminate,
/// delete, and the operator commands (pause, unpause, reset, new options). Workers run them with
/// the ordinary activity RPCs.
struct StandaloneActivityFrontend: RegistrableRPCService {
    let namespaces: NamespaceRegistry
    let engine: HistoryEngine
    let store: any Store

    /// How long PollActivityExecution waits for an outcome before answering without one.
    static let outcomeLongPoll: Duration = .seconds(20)

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let namespaces = self.namespaces
        let engine = self.engine
        let store = self.store

        @Sendable func resolve(_ namespace: String, _ activityID: String, _ runID: String) async throws -> WorkflowKey {
            let ns = try await namespaces.namespace(named: namespace)
            return try await engine.resolveStandalone(ns, activityID: activityID, runID: runID)
        }
        @Sendable func onActivity<T: Sendable>(
            _ namespace: String, _ activityID: String, _ runID: String,
            _ change: @Sendable @escaping (inout WorkflowMachine) throws -> T
        ) async throws -> T {
            let key = try await resolve(namespace, activityID, runID)
            do {
                return try await engine.update(key, change)
            } catch let error as TernError where error.code == .notFound && error.message.hasPrefix("Workflow execution not found") {
                throw HistoryEngine.activityExecutionNotFound(activityID)
            }
        }

        /// The operator commands name a workflow's activity (workflow id + activity id) or, without
        /// a workflow id, a standalone activity.
        @Sendable func onTarget<T: Sendable>(
            _ namespace: String, workflowID: String, activityID: String, runID: String,
            _ change: @Sendable @escaping (inout WorkflowMachine, ActivitySelector) throws -> T
        ) async throws -> T {
            guard !workflowID.isEmpty else {
                return try await onActivity(namespace, activityID, runID) { try change(&$0, .all) }
            }
            if activityID.isEmpty { throw TernError.invalidArgument("ActivityId is not set on request.") }
            let ns = try await namespaces.namespace(named: namespace)
            let key = try await engine.resolve(namespaceID: ns.id, workflowID: workflowID, runID: runID)
            return try await engine.update(key) { try change(&$0, .id(activityID)) }
        }

        router.unary(WorkflowService.StartActivityExecution.descriptor) { (request: WorkflowService.StartActivityExecution.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            try engine.limits.checkBlob(request.hasInput ? request.input : nil)
            try SearchAttributeRules.validateUse(
                request.searchAttributes, defined: try await namespaces.searchAttributes(namespace: ns.name))
            let result = try await engine.startStandaloneActivity(namespace: ns, request)
            var response = WorkflowService.StartActivityExecution.Output()
            response.runID = result.runID
            response.started = result.started
            return response
        }

        router.unary(WorkflowService.DescribeActivityExecution.descriptor) { (request: WorkflowService.DescribeActivityExecution.Input, _) in
            let key = try await resolve(request.namespace, request.activityID, request.runID)
            let state = try await engine.loadStandalone(key)
            var response = WorkflowService.DescribeActivityExecution.Output()
            response.runID = key.runID
            response.info = Self.info(state, withHeartbeat: true, withLastFailure: true)
            let activity = state.activities[WorkflowMachine.standaloneActivityEventID]
            if request.includeInput, let activity, activity.hasInput { response.input = activity.input }
            if request.includeOutcome, state.execution.status != .running { response.outcome = state.execution.activityOutcome }
            return response
        }

        router.unary(WorkflowService.PollActivityExecution.descriptor, longPoll: true) { (request: WorkflowService.PollActivityExecution.Input, _) in
            let key = try await resolve(request.namespace, request.activityID, request.runID)
            let outcome = try await engine.waitForActivityOutcome(key, until: .now.advanced(by: Self.outcomeLongPoll))
            var response = WorkflowService.PollActivityExecution.Output()
            response.runID = key.runID
            if let outcome { response.outcome = outcome }
            return response
        }

        router.unary(WorkflowService.ListActivityExecutions.descriptor) { (request: WorkflowService.ListActivityExecutions.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let query = try await Self.parse(request.query, ns, namespaces, now: engine.clock.now())
            if !query.groupBy.isEmpty {
                throw TernError.invalidArgument("'GROUP BY' clause is only supported in CountActivityExecutions.")
            }
            let page = try await store.listWorkflows(
                namespaceID: StandaloneActivityKeys.namespaceID(ns.id), query: query,
                pageSize: request.pageSize > 0 ? Int(request.pageSize) : VisibilityFrontend.defaultPageSize,
                pageToken: request.nextPageToken)
            var response = WorkflowService.ListActivityExecutions.Output()
            response.executions = page.executions.map(Self.listInfo)
            response.nextPageToken = page.nextPageToken
            return response
        }

        router.unary(WorkflowService.CountActivityExecutions.descriptor) { (request: WorkflowService.CountActivityExecutions.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let query = try await Self.parse(request.query, ns, namespaces, now: engine.clock.now())
            let result = try await store.countWorkflows(namespaceID: StandaloneActivityKeys.namespaceID(ns.id), query: query)
            var response = WorkflowService.CountActivityExecutions.Output()
            response.count = result.count
            response.groups = result.groups.map { group in
                .with {
                    $0.groupValues = [SearchAttributeRules.payload(
                        json: "\"\(VisibilityFrontend.statusName(group.status))\"", type: .keyword)]
                    $0.count = group.count
                }
            }
            return response
        }

        router.unary(WorkflowService.RequestCancelActivityExecution.descriptor) { (request: WorkflowService.RequestCancelActivityExecution.Input, _) in
            try await onActivity(request.namespace, request.activityID, request.runID) {
                try $0.requestCancelStandaloneActivity(reason: request.reason)
            }
            return WorkflowService.RequestCancelActivityExecution.Output()
        }

        router.unary(WorkflowService.TerminateActivityExecution.descriptor) { (request: WorkflowService.TerminateActivityExecution.Input, _) in
            try await onActivity(request.namespace, request.activityID, request.runID) {
                try $0.terminateStandaloneActivity(reason: request.reason, identity: request.identity)
            }
            return WorkflowService.TerminateActivityExecution.Output()
        }

        router.unary(WorkflowService.DeleteActivityExecution.descriptor) { (request: WorkflowService.DeleteActivityExecution.Input, _) in
            let key = try await resolve(request.namespace, request.activityID, request.runID)
            _ = try await engine.loadStandalone(key)
            try await engine.delete(key)
            return WorkflowService.DeleteActivityExecution.Output()
        }

        router.unary(WorkflowService.PauseActivityExecution.descriptor) { (request: WorkflowService.PauseActivityExecution.Input, _) in
            try await onTarget(
                request.namespace, workflowID: request.workflowID, activityID: request.activityID, runID: request.runID
            ) {
                try $0.pauseActivities($1, identity: request.identity, reason: request.reason, requestID: request.requestID)
            }
            return WorkflowService.PauseActivityExecution.Output()
        }

        router.unary(WorkflowService.UnpauseActivityExecution.descriptor) { (request: WorkflowService.UnpauseActivityExecution.Input, _) in
            let jitter = try ActivityOperationsFrontend.jitter(request.hasJitter ? request.jitter : nil)
            try await onTarget(
                request.namespace, workflowID: request.workflowID, activityID: request.activityID, runID: request.runID
            ) {
                try $0.unpauseActivities($1, resetAttempts: false, resetHeartbeat: false, jitter: jitter)
            }
            return WorkflowService.UnpauseActivityExecution.Output()
        }

        router.unary(WorkflowService.ResetActivityExecution.descriptor) { (request: WorkflowService.ResetActivityExecution.Input, _) in
            let jitter = try ActivityOperationsFrontend.jitter(request.hasJitter ? request.jitter : nil)
            try await onTarget(
                request.namespace, workflowID: request.workflowID, activityID: request.activityID, runID: request.runID
            ) {
                try $0.resetActivities(
                    $1, resetHeartbeat: request.resetHeartbeat, keepPaused: request.keepPaused, jitter: jitter,
                    restoreOriginalOptions: request.restoreOriginalOptions)
            }
            return WorkflowService.ResetActivityExecution.Output()
        }

        router.unary(WorkflowService.UpdateActivityExecutionOptions.descriptor) { (request: WorkflowService.UpdateActivityExecutionOptions.Input, _) in
            let options = request.activityOptions
            let paths = request.updateMask.paths
            let updated = try await onTarget(
                request.namespace, workflowID: request.workflowID, activityID: request.activityID, runID: request.runID
            ) {
                try $0.updateActivityOptions($1, options, paths: paths, restoreOriginal: request.restoreOriginal)
            }
            var response = WorkflowService.UpdateActivityExecutionOptions.Output()
            response.activityOptions = updated
            return response
        }
    }

    /// Activity queries name ActivityId and ActivityType; they are the run's id and type columns.
    static func parse(_ text: String, _ ns: NamespaceRecord, _ namespaces: NamespaceRegistry, now: Date) async throws -> VisibilityQuery {
        var system = SearchAttributeRules.system
        system["ActivityId"] = .keyword
        system["ActivityType"] = .keyword
        let query = try VisibilityQuery.parse(
            text, customAttributes: try await namespaces.searchAttributes(namespace: ns.name), now: now,
            systemAttributes: system)
        return query.renaming(["ActivityId": "WorkflowId", "ActivityType": "WorkflowType"])
    }

    static func status(_ status: WorkflowStatus) -> Temporal_Api_Enums_V1_ActivityExecutionStatus {
        switch status {
        case .running: .running
        case .completed: .completed
        case .failed: .failed
        case .canceled: .canceled
        case .terminated: .terminated
        case .timedOut: .timedOut
        default: .unspecified
        }
    }

    static func listInfo(_ e: Temporal_Api_Workflow_V1_WorkflowExecutionInfo) -> Temporal_Api_Activity_V1_ActivityExecutionListInfo {
        .with {
            $0.activityID = e.execution.workflowID
            $0.runID = e.execution.runID
            $0.activityType.name = e.type.name
            $0.scheduleTime = e.startTime
            $0.status = status(e.status)
            $0.taskQueue = e.taskQueue
            if e.hasSearchAttributes { $0.searchAttributes = e.searchAttributes }
            if e.hasExecutionTime { $0.executionTime = e.executionTime }
            if e.hasCloseTime {
                $0.closeTime = e.closeTime
                $0.executionDuration = e.executionDuration
                // Temporal reports the count once the activity has closed.
                $0.stateTransitionCount = e.stateTransitionCount
            }
        }
    }

    static func info(_ state: WorkflowState, withHeartbeat: Bool, withLastFailure: Bool) -> Temporal_Api_Activity_V1_ActivityExecutionInfo {
        let e = state.execution
        let a = state.activities[WorkflowMachine.standaloneActivityEventID] ?? ActivityInfo()
        let running = e.status == .running
        return .with {
            $0.activityID = e.workflowID
            $0.runID = e.runID
            $0.activityType.name = e.workflowType
            $0.status = running && a.paused ? .paused : status(e.status)
            if running {
                $0.runState = a.cancelRequested ? .cancelRequested
                    : a.paused ? (a.started ? .pauseRequested : .paused) : (a.started ? .started : .scheduled)
            }
            $0.taskQueue = a.taskQueue
            $0.scheduleToCloseTimeout = a.scheduleToCloseTimeout
            $0.scheduleToStartTimeout = a.scheduleToStartTimeout
            $0.startToCloseTimeout = a.startToCloseTimeout
            $0.heartbeatTimeout = a.heartbeatTimeout
            $0.retryPolicy = a.retryPolicy
            if withHeartbeat, a.hasLastHeartbeatDetails { $0.heartbeatDetails = a.lastHeartbeatDetails }
            if a.hasLastHeartbeatTime { $0.lastHeartbeatTime = a.lastHeartbeatTime }
            if a.hasStartedTime { $0.lastStartedTime = a.startedTime }
            $0.attempt = max(a.attempt, 1)
            $0.scheduleTime = e.startTime
            if e.hasExecutionTime { $0.executionTime = e.executionTime }
            if a.scheduleToCloseTimeout.isPositive { $0.expirationTime = e.startTime.adding(a.scheduleToCloseTimeout) }
            if e.hasCloseTime {
                $0.closeTime = e.closeTime
                $0.executionDuration = Google_Protobuf_Duration(
                    rounding: max(0, e.closeTime.date.timeIntervalSince(e.startTime.date)))
            }
            if withLastFailure, a.hasLastFailure { $0.lastFailure = a.lastFailure }
            $0.lastWorkerIdentity = a.lastWorkerIdentity
            if a.hasLastAttemptCompleteTime { $0.lastAttemptCompleteTime = a.lastAttemptCompleteTime }
            if running && !a.started && a.attempt > 1 { $0.nextAttemptScheduleTime = a.currentAttemptScheduledTime }
            if e.hasPriority { $0.priority = e.priority }
            $0.stateTransitionCount = e.stateTransitionCount
            if e.hasSearchAttributes { $0.searchAttributes = e.searchAttributes }
            if e.hasHeader { $0.header = e.header }
            if e.hasUserMetadata { $0.userMetadata = e.userMetadata }
            $0.canceledReason = e.canceledReason
            if e.hasExecutionTime && e.executionTime.date > e.startTime.date {
                $0.startDelay = Google_Protobuf_Duration(rounding: e.executionTime.date.timeIntervalSince(e.startTime.date))
            }
        }
    }
}
