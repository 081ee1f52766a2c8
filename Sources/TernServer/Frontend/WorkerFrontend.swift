import Foundation
import GRPCCore
import TernAPI
import TernCore
import TernStore

private typealias WorkflowService = Temporal_Api_Workflowservice_V1_WorkflowService.Method

/// How an activity RPC names the attempt it reports on.
enum ActivityTarget: Sendable {
    case token(Data)
    /// Workflow id, run id (empty: current run), activity id.
    case id(String, String, String)
}

/// Worker-facing RPCs: long polls on task queues, task completions, heartbeats, worker life cycle.
struct WorkerFrontend: RegistrableRPCService {
    let namespaces: NamespaceRegistry
    let engine: HistoryEngine
    let matching: MatchingEngine
    /// How long an idle poll is held before answering empty; below the SDKs' 70 s deadline.
    let longPoll: Duration

    /// The build a poll waits for: a versioned worker's own (its version joins its deployment),
    /// otherwise "" (unversioned workers, and every sticky queue).
    static func pollBuild(
        _ matching: MatchingEngine, _ namespaceID: String, _ queue: Temporal_Api_Taskqueue_V1_TaskQueue,
        _ options: Temporal_Api_Deployment_V1_WorkerDeploymentOptions, type: Temporal_Api_Enums_V1_TaskQueueType
    ) async throws -> String {
        guard queue.kind != .sticky, options.workerVersioningMode == .versioned, !options.buildID.isEmpty else { return "" }
        try await matching.deployments.observePoll(namespaceID: namespaceID, options: options, taskQueue: queue.name, type: type)
        return options.buildID
    }

    /// The build a workflow-task poller runs, as its task's STARTED event records it.
    static func workerVersion(_ request: Temporal_Api_Workflowservice_V1_PollWorkflowTaskQueueRequest) -> WorkerVersionStamp? {
        let capabilities = request.workerVersionCapabilities
        // The poller's build: its capabilities, its deployment options, else its binary checksum
        // (what an SDK's plain build id is sent as).
        let build = [capabilities.buildID, request.deploymentOptions.buildID, request.binaryChecksum]
            .first { !$0.isEmpty } ?? ""
        guard !build.isEmpty else { return nil }
        return .with { $0.buildID = build; $0.useVersioning = capabilities.useVersioning }
    }

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let namespaces = self.namespaces
        let engine = self.engine
        let matching = self.matching
        let longPoll = self.longPoll

        router.unary(WorkflowService.PollWorkflowTaskQueue.descriptor, longPoll: true) { (request: WorkflowService.PollWorkflowTaskQueue.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            if request.taskQueue.name.isEmpty { throw TernError.invalidArgument("TaskQueue is not set on request.") }
            let build = try await Self.pollBuild(
                matching, ns.id, request.taskQueue, request.deploymentOptions, type: .workflow)
            let queue = matching.queue(.init(namespaceID: ns.id, name: request.taskQueue.name, type: .workflow, buildID: build))
            let deadline = ContinuousClock.now.advanced(by: longPoll)
            let version = Self.workerVersion(request)
            while let task = await queue.poll(identity: request.identity, version: version, until: deadline) {
                if Task.isCancelled {
                    // The worker hung up after the task was matched: it goes back, untouched. A task
                    // already started for this poll cannot: it times out and is scheduled again.
                    if case .startedWorkflowTask = task { break }
                    await queue.addFront(task)
                    break
                }
                do {
                    switch task {
                    case .startedWorkflowTask(let response):
                        return response
                    case .transfer(let row):
                        return try await engine.startWorkflowTask(
                            row, identity: request.identity, requestID: UUID().uuidString.lowercased(),
                            workerVersion: version)
                    case .query(let query):
                        guard engine.queries.isPending(query.id) else { continue }
                        return try await engine.queryTaskResponse(query)
                    }
                } catch let error as TernError where error.code == .notFound {
                    continue  // stale task (already started, completed or closed): take the next one
                } catch {
                    // The store failed (unreachable, say): the task stays queued for the next poll,
                    // which finds it stale if the failed change did commit after all.
                    if case .transfer = task { await queue.addFront(task) }
                    throw error
                }
            }
            return WorkflowService.PollWorkflowTaskQueue.Output()
        }

        router.unary(WorkflowService.PollActivityTaskQueue.descriptor, longPoll: true) { (request: WorkflowService.PollActivityTaskQueue.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            if request.taskQueue.name.isEmpty { throw TernError.invalidArgument("TaskQueue is not set on request.") }
            let build = try await Self.pollBuild(
                matching, ns.id, request.taskQueue, request.deploymentOptions, type: .activity)
            let queue = matching.queue(.init(namespaceID: ns.id, name: request.taskQueue.name, type: .activity, buildID: build))
            let deadline = ContinuousClock.now.advanced(by: longPoll)
            while let task = await queue.poll(identity: request.identity, until: deadline) {
                if Task.isCancelled {
                    await queue.addFront(task)
                    break
                }
                guard case .transfer(let row) = task else { continue }
                do {
                    return try await engine.startActivityTask(
                        row, namespace: ns.name, identity: request.identity, requestID: UUID().uuidString.lowercased())
                } catch let error as TernError where error.code == .notFound {
                    continue
                } catch {
                    await queue.addFront(task)  // as for workflow tasks above
                    throw error
                }
            }
            return WorkflowService.PollActivityTaskQueue.Output()
        }

        router.unary(WorkflowService.RespondWorkflowTaskCompleted.descriptor) { (request: WorkflowService.RespondWorkflowTaskCompleted.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let token = try TaskTokens.decode(request.taskToken)
            let attributes = try await namespaces.searchAttributes(namespace: ns.name)
            let key = TaskTokens.key(token)
            let (outcome, workflowType) = try await engine.update(key) { machine in
                (try machine.completeWorkflowTask(token, request, searchAttributeTypes: attributes),
                 machine.execution.workflowType)
            }
            // Only a task that is still current answers the queries it carried, as on Temporal: a
            // late completion (the task timed out meanwhile) leaves them for the next attempt.
            for (id, result) in request.queryResults { engine.queries.answer(id, result) }
            if let rejection = outcome.rejection {
                throw TernError.invalidArgument(rejection.message)
            }
            var response = WorkflowService.RespondWorkflowTaskCompleted.Output()
            response.resetHistoryEventID = outcome.resetHistoryEventID
            response.activityTasks = outcome.eagerActivities.map {
                HistoryEngine.activityTask($0, key: key, namespace: ns.name, workflowType: workflowType)
            }
            return response
        }

        router.unary(WorkflowService.RespondWorkflowTaskFailed.descriptor) { (request: WorkflowService.RespondWorkflowTaskFailed.Input, _) in
            _ = try await namespaces.namespace(named: request.namespace)
            let token = try TaskTokens.decode(request.taskToken)
            try await engine.update(TaskTokens.key(token)) { machine in
                try machine.failWorkflowTask(
                    token, cause: request.cause, failure: request.hasFailure ? request.failure : nil,
                    identity: request.identity)
            }
            return WorkflowService.RespondWorkflowTaskFailed.Output()
        }

        router.unary(WorkflowService.RespondQueryTaskCompleted.descriptor) { (request: WorkflowService.RespondQueryTaskCompleted.Input, _) in
            _ = try await namespaces.namespace(named: request.namespace)
            let token = try TaskTokens.decode(request.taskToken)
            guard !token.queryID.isEmpty, engine.queries.isPending(token.queryID) else {
                throw WorkflowMachine.notFound("Query not found: it was answered already or its caller gave up.")
            }
            var result = QueryResult()
            result.resultType = request.completedType
            if request.hasQueryResult { result.answer = request.queryResult }
            result.errorMessage = request.errorMessage
            if request.hasFailure { result.failure = request.failure }
            engine.queries.answer(token.queryID, result)
            return WorkflowService.RespondQueryTaskCompleted.Output()
        }

        // MARK: Activities

        /// Applies `change` to the activity attempt a request names: by task token, or (the
        /// `…ById` RPCs) by workflow and activity id, which name the current attempt.
        @Sendable func onActivity<T: Sendable>(
            _ target: ActivityTarget, namespace: String,
            _ change: @Sendable @escaping (inout WorkflowMachine, TaskToken) throws -> T
        ) async throws -> T {
            let ns = try await namespaces.namespace(named: namespace)
            switch target {
            case .token(let data):
                let token = try TaskTokens.decode(data)
                return try await engine.update(TaskTokens.key(token)) { try change(&$0, token) }
            case .id(let workflowID, let runID, let activityID):
                // No workflow id: a standalone activity, named by its own id and run id.
                let key = workflowID.isEmpty
                    ? try await engine.resolveStandalone(ns, activityID: activityID, runID: runID)
                    : try await engine.resolve(namespaceID: ns.id, workflowID: workflowID, runID: runID)
                return try await engine.update(key) { machine in
                    try change(&machine, try machine.tokenForActivity(id: activityID))
                }
            }
        }

        router.unary(WorkflowService.RecordActivityTaskHeartbeat.descriptor) { (request: WorkflowService.RecordActivityTaskHeartbeat.Input, _) in
            let details = request.hasDetails ? request.details : nil
            let answer = try await onActivity(.token(request.taskToken), namespace: request.namespace) {
                try $0.recordActivityHeartbeat($1, details: details)
            }
            var response = Temporal_Api_Workflowservice_V1_RecordActivityTaskHeartbeatResponse()
            response.cancelRequested = answer.cancelRequested
            response.activityPaused = answer.paused
            response.activityReset = answer.reset
            return response
        }

        router.unary(WorkflowService.RecordActivityTaskHeartbeatById.descriptor) { (request: WorkflowService.RecordActivityTaskHeartbeatById.Input, _) in
            let details = request.hasDetails ? request.details : nil
            let target = ActivityTarget.id(request.workflowID, request.runID, request.activityID)
            let answer = try await onActivity(target, namespace: request.namespace) {
                try $0.recordActivityHeartbeat($1, details: details)
            }
            var response = Temporal_Api_Workflowservice_V1_RecordActivityTaskHeartbeatByIdResponse()
            response.cancelRequested = answer.cancelRequested
            response.activityPaused = answer.paused
            response.activityReset = answer.reset
            return response
        }

        router.unary(WorkflowService.RespondActivityTaskCompleted.descriptor) { (request: WorkflowService.RespondActivityTaskCompleted.Input, _) in
            let result = request.hasResult ? request.result : nil
            try await onActivity(.token(request.taskToken), namespace: request.namespace) {
                try $0.completeActivity($1, result: result, identity: request.identity)
            }
            return WorkflowService.RespondActivityTaskCompleted.Output()
        }

        router.unary(WorkflowService.RespondActivityTaskCompletedById.descriptor) { (request: WorkflowService.RespondActivityTaskCompletedById.Input, _) in
            let result = request.hasResult ? request.result : nil
            let target = ActivityTarget.id(request.workflowID, request.runID, request.activityID)
            try await onActivity(target, namespace: request.namespace) {
                try $0.completeActivity($1, result: result, identity: request.identity)
            }
            return WorkflowService.RespondActivityTaskCompletedById.Output()
        }

        router.unary(WorkflowService.RespondActivityTaskFailed.descriptor) { (request: WorkflowService.RespondActivityTaskFailed.Input, _) in
            let details = request.hasLastHeartbeatDetails ? request.lastHeartbeatDetails : nil
            try await onActivity(.token(request.taskToken), namespace: request.namespace) {
                try $0.failActivity($1, failure: request.failure, lastHeartbeatDetails: details, identity: request.identity)
            }
            return WorkflowService.RespondActivityTaskFailed.Output()
        }

        router.unary(WorkflowService.RespondActivityTaskFailedById.descriptor) { (request: WorkflowService.RespondActivityTaskFailedById.Input, _) in
            let details = request.hasLastHeartbeatDetails ? request.lastHeartbeatDetails : nil
            let target = ActivityTarget.id(request.workflowID, request.runID, request.activityID)
            try await onActivity(target, namespace: request.namespace) {
                try $0.failActivity($1, failure: request.failure, lastHeartbeatDetails: details, identity: request.identity)
            }
            return WorkflowService.RespondActivityTaskFailedById.Output()
        }

        router.unary(WorkflowService.RespondActivityTaskCanceled.descriptor) { (request: WorkflowService.RespondActivityTaskCanceled.Input, _) in
            let details = request.hasDetails ? request.details : nil
            try await onActivity(.token(request.taskToken), namespace: request.namespace) {
                try $0.cancelActivity($1, details: details, identity: request.identity)
            }
            return WorkflowService.RespondActivityTaskCanceled.Output()
        }

        router.unary(WorkflowService.RespondActivityTaskCanceledById.descriptor) { (request: WorkflowService.RespondActivityTaskCanceledById.Input, _) in
            let details = request.hasDetails ? request.details : nil
            let target = ActivityTarget.id(request.workflowID, request.runID, request.activityID)
            try await onActivity(target, namespace: request.namespace) {
                try $0.cancelActivity($1, details: details, identity: request.identity)
            }
            return WorkflowService.RespondActivityTaskCanceledById.Output()
        }

        // MARK: Workers and task queues

        router.unary(WorkflowService.ShutdownWorker.descriptor) { (request: WorkflowService.ShutdownWorker.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let sticky = request.stickyTaskQueue
            if !sticky.isEmpty {
                matching.markStickyQueueDead(sticky)
                let stranded = await matching.dropQueue(.init(namespaceID: ns.id, name: sticky, type: .workflow))
                for task in stranded {
                    switch task {
                    case .transfer(let row):
                        _ = try? await engine.update(row.key, consumedTransfer: [row.id]) { machine in
                            machine.abandonStickyQueue(sticky)
                        }
                    case .query(var query):
                        let state = try? await engine.load(query.key).state
                        guard let state else { continue }
                        query.sticky = false
                        await matching.queue(.init(namespaceID: ns.id, name: state.execution.taskQueue, type: .workflow))
                            .add(.query(query))
                    case .startedWorkflowTask:
                        continue  // never queued: handed straight to a waiting poll
                    }
                }
            }
            return WorkflowService.ShutdownWorker.Output()
        }

        router.unary(WorkflowService.RecordWorkerHeartbeat.descriptor) { (request: WorkflowService.RecordWorkerHeartbeat.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            for heartbeat in request.workerHeartbeat {
                if heartbeat.workerInstanceKey.isEmpty {
                    throw TernError.invalidArgument("WorkerHeartbeat.WorkerInstanceKey is not set.")
                }
                matching.workers.record(namespaceID: ns.id, heartbeat)
            }
            return WorkflowService.RecordWorkerHeartbeat.Output()
        }

        router.unary(WorkflowService.ListWorkers.descriptor) { (request: WorkflowService.ListWorkers.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let query = try VisibilityQuery.parse(
                request.query, customAttributes: [:], now: engine.clock.now(), systemAttributes: WorkerRegistry.queryFields)
            if !query.orderBy.isEmpty || !query.groupBy.isEmpty {
                throw TernError.invalidArgument("ListWorkers queries take no ORDER BY or GROUP BY.")
            }
            let after = String(decoding: request.nextPageToken, as: UTF8.self)
            let pageSize = request.pageSize > 0 ? Int(request.pageSize) : 1000
            let matching = matching.workers.workers(namespaceID: ns.id).filter {
                $0.workerInstanceKey > after && (query.filter?.matches(WorkerRegistry.record($0)) ?? true)
            }
            let page = matching.prefix(pageSize)
            var response = WorkflowService.ListWorkers.Output()
            response.workers = page.map(WorkerRegistry.listInfo)
            response.workersInfo = page.map { heartbeat in .with { $0.workerHeartbeat = heartbeat } }
            if matching.count > pageSize, let last = page.last { response.nextPageToken = Data(last.workerInstanceKey.utf8) }
            return response
        }

        router.unary(WorkflowService.DescribeWorker.descriptor) { (request: WorkflowService.DescribeWorker.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            guard let heartbeat = matching.workers.workers(namespaceID: ns.id)
                .first(where: { $0.workerInstanceKey == request.workerInstanceKey })
            else { throw TernError(.notFound, "Worker \(request.workerInstanceKey) not found") }
            var response = WorkflowService.DescribeWorker.Output()
            response.workerInfo.workerHeartbeat = heartbeat
            return response
        }

        router.unary(WorkflowService.ResetStickyTaskQueue.descriptor) { (request: WorkflowService.ResetStickyTaskQueue.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let key = try await engine.resolve(
                namespaceID: ns.id, workflowID: request.execution.workflowID, runID: request.execution.runID)
            try await engine.update(key) { machine in machine.resetStickiness() }
            return WorkflowService.ResetStickyTaskQueue.Output()
        }

        router.unary(WorkflowService.DescribeTaskQueue.descriptor) { (request: WorkflowService.DescribeTaskQueue.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            if request.taskQueue.name.isEmpty { throw TernError.invalidArgument("TaskQueue is not set on request.") }
            let type: Temporal_Api_Enums_V1_TaskQueueType = request.taskQueueType == .activity ? .activity : .workflow
            var response = WorkflowService.DescribeTaskQueue.Output()
            if let queue = matching.existingQueue(.init(namespaceID: ns.id, name: request.taskQueue.name, type: type)) {
                let pollers = await queue.pollers
                response.pollers = pollers.sorted { $0.key < $1.key }.map { identity, seen in
                    .with {
                        $0.identity = identity
                        $0.lastAccessTime = seen.timestamp
                    }
                }
                response.taskQueueStatus.backlogCountHint = Int64(await queue.backlogCount)
            }
            return response
        }
    }
}
