import Foundation
import SwiftProtobuf
import TernAPI
import TernCore
import TernStore

typealias PollWorkflowTaskResponse = Temporal_Api_Workflowservice_V1_PollWorkflowTaskQueueResponse
typealias PollActivityTaskResponse = Temporal_Api_Workflowservice_V1_PollActivityTaskQueueResponse

/// Task tokens are our `TaskToken` protobuf, opaque to workers.
enum TaskTokens {
    static func encode(_ token: TaskToken) -> Data {
        (try? token.serializedBytes()) ?? Data()
    }

    static func decode(_ data: Data) throws(TernError) -> TaskToken {
        guard !data.isEmpty, let token = try? TaskToken(serializedBytes: data), !token.workflowID.isEmpty
        else { throw .invalidArgument("Error deserializing task token: it is empty or was not issued by this server.") }
        return token
    }

    /// A token naming `key`'s run; `build` adds what names the task within it.
    static func encode(_ key: WorkflowKey, _ build: (inout TaskToken) -> Void) -> Data {
        var token = TaskToken()
        token.namespaceID = key.namespaceID
        token.workflowID = key.workflowID
        token.runID = key.runID
        build(&token)
        return encode(token)
    }

    static func key(_ token: TaskToken) -> WorkflowKey {
        WorkflowKey(namespaceID: token.namespaceID, workflowID: token.workflowID, runID: token.runID)
    }
}

extension HistoryEngine {
    /// Hands the workflow task of an outbox row to a poll: records it started and builds the
    /// response with the history the worker needs (only the new events on a sticky queue).
    func startWorkflowTask(
        _ row: StoredTask<TransferTask>, identity: String, requestID: String, workerVersion: WorkerVersionStamp? = nil
    ) async throws -> PollWorkflowTaskResponse {
        let key = row.key
        let deployments = await deploymentsForTargeting(key.namespaceID)
        let started = try await consumingStaleTask(row) {
            try await update(key, consumedTransfer: [row.id]) { machine in
                try machine.recordWorkflowTaskStarted(
                    scheduledEventID: row.task.scheduledEventID, requestID: requestID, identity: identity,
                    workerVersion: workerVersion,
                    routingTarget: DeploymentRules.routingTarget(for: machine.state.execution, in: deployments))
            }
        }
        let state = try await load(key).state
        return workflowTaskResponse(
            key, state, started, events: try await handedOutEvents(key, started), queries: queries.attached(to: key))
    }

    /// The history a worker gets with a started workflow task: only the events new since its
    /// last task on a sticky queue (it has the rest cached), all of them otherwise.
    private func handedOutEvents(
        _ key: WorkflowKey, _ started: WorkflowMachine.StartedWorkflowTask
    ) async throws -> [HistoryEvent] {
        let first = started.sticky && started.previousStartedEventID > 0 ? started.previousStartedEventID + 1 : 1
        return try await historyEvents(key, from: first, through: started.startedEventID)
            + started.speculativeEvents.filter { $0.eventID >= first }
    }

    /// A workflow task handed to a waiting poll in the change that schedules it.
    struct WorkflowTaskHandoff: Sendable {
        let poll: ReservedPoll
        let started: WorkflowMachine.StartedWorkflowTask
    }

    /// When this change schedules a workflow task and a worker is polling its queue right now,
    /// takes that poll and records the task started for it in the same change. This saves the
    /// task's outbox row and the separate transaction (and fsync) a poll picking it up would
    /// cost, as eager workflow start does for a run's first task.
    func handOffScheduledWorkflowTask(_ machine: inout WorkflowMachine, _ key: WorkflowKey) async -> WorkflowTaskHandoff? {
        guard let name = machine.queueOfWorkflowTaskScheduledNow else { return nil }
        // One read of the deployments serves both the queue's build and the routing notice.
        let deployments = await deploymentsForTargeting(key.namespaceID)
        let build = DeploymentRules.deployment(polling: name, type: .workflow, in: deployments)
            .map { DeploymentRules.taskBuild($0, execution: machine.state.execution) } ?? ""
        guard let queue = matching.existingQueue(.init(namespaceID: key.namespaceID, name: name, type: .workflow, buildID: build)),
              let poll = await queue.reservePoll()
        else { return nil }
        guard let started = machine.startWorkflowTaskScheduledNow(
            requestID: UUID().uuidString.lowercased(), identity: poll.identity, workerVersion: poll.workerVersion,
            routingTarget: DeploymentRules.routingTarget(for: machine.state.execution, in: deployments))
        else {
            poll.release()
            return nil
        }
        return WorkflowTaskHandoff(poll: poll, started: started)
    }

    /// A namespace's deployments, to route a task and tell a pinned workflow where its queue
    /// routes now (none when they cannot be read: unversioned routing, no notice).
    private func deploymentsForTargeting(_ namespaceID: String) async -> [DeploymentRecord] {
        ((try? await matching.deployments.records(namespaceID)) ?? [:]).map(\.value)
    }

    /// After the change committed: the poll gets its task. If the history cannot be read, the poll
    /// answers empty and the started task times out and is scheduled again, as if it was lost.
    func deliver(_ handoff: WorkflowTaskHandoff, _ key: WorkflowKey, _ state: WorkflowState) async {
        do {
            let events = try await handedOutEvents(key, handoff.started)
            handoff.poll.hand(workflowTaskResponse(key, state, handoff.started, events: events,
                                                   queries: queries.attached(to: key)))
        } catch {
            handoff.poll.release()
        }
    }

    /// The first task of a run, again, for a retried eager start (see `eagerTaskToRepeat`).
    func retriedEagerTask(_ key: WorkflowKey) async throws -> PollWorkflowTaskResponse? {
        let state = try await load(key).state
        guard let started = WorkflowMachine(state: state, now: clock.now(), limits: limits).eagerTaskToRepeat else {
            return nil
        }
        let events = try await historyEvents(key, from: 1, through: started.startedEventID)
        return workflowTaskResponse(key, state, started, events: events, queries: queries.attached(to: key))
    }

    /// What a worker receives for a started workflow task, `events` being the history it needs.
    func workflowTaskResponse(
        _ key: WorkflowKey, _ state: WorkflowState, _ started: WorkflowMachine.StartedWorkflowTask,
        events: [HistoryEvent], queries: [String: WorkflowQuery]
    ) -> PollWorkflowTaskResponse {
        var response = PollWorkflowTaskResponse()
        response.taskToken = TaskTokens.encode(key) {
            $0.scheduledEventID = started.scheduledEventID
            $0.startedEventID = started.startedEventID
            $0.attempt = started.attempt
        }
        response.workflowExecution = .with { $0.workflowID = key.workflowID; $0.runID = key.runID }
        response.workflowType.name = state.execution.workflowType
        response.previousStartedEventID = started.previousStartedEventID
        response.startedEventID = started.startedEventID
        response.attempt = started.attempt
        response.history.events = events
        response.messages = started.messages
        response.scheduledTime = started.scheduledTime
        response.startedTime = started.startedTime
        response.workflowExecutionTaskQueue = .with { $0.name = state.execution.taskQueue; $0.kind = .normal }
        response.queries = queries
        return response
    }

    /// The build whose workers should get `task` ("" unless its queue belongs to a worker deployment).
    func targetBuild(_ task: StoredTask<TransferTask>) async -> String {
        let type: Temporal_Api_Enums_V1_TaskQueueType = task.task.kind == .activityTask ? .activity : .workflow
        return await matching.deployments.targetBuild(
            namespaceID: StandaloneActivityKeys.owningNamespaceID(task.key.namespaceID), taskQueue: task.task.taskQueue,
            type: type
        ) {
            try? await self.load(task.key).state
        }
    }

    /// Runs `body`; if the task turned out to be stale (NOT_FOUND), its outbox row is deleted
    /// before the error is passed on, so it is not dispatched again after a restart.
    private func consumingStaleTask<T: Sendable>(
        _ row: StoredTask<TransferTask>, _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch let error as TernError where error.code == .notFound {
            try? await store.deleteTasks(transfer: [row.id], timer: [])
            throw error
        }
    }

    /// Builds a query task: on a sticky queue without history (the worker has the workflow
    /// cached), otherwise with the full history so any worker can replay it.
    func queryTaskResponse(_ task: QueryTask) async throws -> PollWorkflowTaskResponse {
        let state = try await load(task.key).state
        var response = PollWorkflowTaskResponse()
        response.taskToken = TaskTokens.encode(task.key) { $0.queryID = task.id }
        response.workflowExecution = .with { $0.workflowID = task.key.workflowID; $0.runID = task.key.runID }
        response.workflowType.name = state.execution.workflowType
        response.previousStartedEventID = state.execution.lastCompletedTaskStartedEventID
        response.attempt = 1  // the SDK ignores a query task without an attempt number
        response.query = task.query
        response.workflowExecutionTaskQueue = .with { $0.name = state.execution.taskQueue; $0.kind = .normal }
        // The SDK requires the history field to be present, even when empty.
        response.history = Temporal_Api_History_V1_History()
        if !task.sticky {
            response.history.events = try await historyEvents(task.key, from: 1, through: nil)
        }
        return response
    }

    /// Hands an activity attempt to a poll.
    func startActivityTask(
        _ row: StoredTask<TransferTask>, namespace: String, identity: String, requestID: String
    ) async throws -> PollActivityTaskResponse {
        let key = row.key
        let info = try await consumingStaleTask(row) {
            try await update(key, consumedTransfer: [row.id]) { machine in
                try machine.recordActivityStarted(
                    scheduledEventID: row.task.scheduledEventID, attempt: row.task.attempt, requestID: requestID,
                    identity: identity, taskQueue: row.task.taskQueue)
            }
        }
        let state = try await load(key).state
        return Self.activityTask(info, key: key, namespace: namespace, workflowType: state.execution.workflowType)
    }

    /// What a worker receives for one activity attempt (from a poll, or eagerly).
    static func activityTask(
        _ info: ActivityInfo, key: WorkflowKey, namespace: String, workflowType: String
    ) -> PollActivityTaskResponse {
        var response = PollActivityTaskResponse()
        response.taskToken = TaskTokens.encode(key) {
            $0.scheduledEventID = info.scheduledEventID
            $0.attempt = info.attempt
            $0.activityID = info.activityID
        }
        response.workflowNamespace = namespace
        if StandaloneActivityKeys.isStandalone(key.namespaceID) {
            response.activityRunID = key.runID  // no workflow: the activity's own run
        } else {
            response.workflowType.name = workflowType
            response.workflowExecution = .with { $0.workflowID = key.workflowID; $0.runID = key.runID }
        }
        response.activityType.name = info.activityType
        response.activityID = info.activityID
        if info.hasHeader { response.header = info.header }
        if info.hasInput { response.input = info.input }
        if info.hasLastHeartbeatDetails { response.heartbeatDetails = info.lastHeartbeatDetails }
        response.scheduledTime = info.scheduledTime
        response.currentAttemptScheduledTime = info.currentAttemptScheduledTime
        response.startedTime = info.startedTime
        response.attempt = info.attempt
        response.scheduleToCloseTimeout = info.scheduleToCloseTimeout
        response.startToCloseTimeout = info.startToCloseTimeout
        response.heartbeatTimeout = info.heartbeatTimeout
        response.retryPolicy = info.retryPolicy
        if info.hasPriority { response.priority = info.priority }
        return response
    }
}
