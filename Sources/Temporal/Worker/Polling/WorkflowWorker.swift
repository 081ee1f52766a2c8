import Foundation
import GRPCCore
import Logging
import Synchronization
import TernAPI

/// Polls workflow tasks (from the task queue and from this worker's sticky queue) and applies
/// each to its run: a cached ``WorkflowInstance`` continues from the new events, an uncached run
/// is rebuilt by replaying its whole history.
final class WorkflowWorker: Sendable {
    private let worker: TemporalWorker
    private let stopping = Mutex(false)
    private let cache: RunCache
    private let slots: AsyncSlots
    let stickyQueue: String

    /// Where eagerly returned activity tasks run (nil: this worker has no activities, never ask).
    private let eagerActivities: ActivityWorker?

    init(worker: TemporalWorker, eagerActivities: ActivityWorker?) {
        self.worker = worker
        self.eagerActivities = eagerActivities
        self.cache = RunCache(capacity: worker.configuration.maxCachedWorkflows)
        self.slots = AsyncSlots(worker.configuration.tuner.workflowSlotSupplier.maximumSlots)
        self.stickyQueue = "\(worker.configuration.identity)-\(UUID().uuidString.lowercased())"
    }

    /// Temporal hands back at most this many activities with one completion.
    static let maxEagerActivities = 3

    private var configuration: TemporalWorker.Configuration { worker.configuration }
    private var service: WorkflowServiceConnection.Service { worker.connection.service }
    private var sticky: Bool { configuration.maxCachedWorkflows > 0 }

    func start(in group: inout TaskGroup<Void>) {
        let pollers = configuration.workflowTaskPollerBehavior.pollers
        let stickyPollers = sticky ? max(1, pollers - Int(Double(pollers) * configuration.nonstickyToStickyPollRatio)) : 0
        for _ in 0..<max(1, pollers - stickyPollers / 2) { group.addTask { await self.pollLoop(sticky: false) } }
        for _ in 0..<(stickyPollers > 0 ? max(1, stickyPollers / 2) : 0) { group.addTask { await self.pollLoop(sticky: true) } }
    }

    func stop() { stopping.withLock { $0 = true } }

    /// Tells the server this worker's sticky queue is gone, so its runs' next tasks go to the normal queue at once.
    func shutdown() async {
        guard sticky else { return }
        _ = try? await service.shutdownWorker(
            .with {
                $0.namespace = configuration.namespace
                $0.stickyTaskQueue = stickyQueue
                $0.identity = configuration.identity
                $0.reason = "graceful shutdown"
            })
    }

    private func pollLoop(sticky: Bool) async {
        var failures = 0
        while !Task.isCancelled, !stopping.withLock({ $0 }) {
            await slots.acquire()
            do {
                let task = try await service.pollWorkflowTaskQueue(
                    .with {
                        $0.namespace = configuration.namespace
                        $0.taskQueue = .with {
                            if sticky {
                                $0.name = stickyQueue
                                $0.kind = .sticky
                                $0.normalName = configuration.taskQueue
                            } else {
                                $0.name = configuration.taskQueue
                                $0.kind = .normal
                            }
                        }
                        $0.identity = configuration.identity
                    }, options: .longPoll)
                failures = 0
                if !task.taskToken.isEmpty { await handle(task) }
                slots.release()
            } catch let error as RPCError where error.code == .deadlineExceeded {
                slots.release()  // an empty long poll
            } catch {
                slots.release()
                if Task.isCancelled { return }
                failures += 1
                worker.logger.warning("Workflow task poll failed", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .milliseconds(min(10_000, 100 * (1 << min(failures, 7)))))
            }
        }
    }

    // MARK: One task

    private func handle(_ task: Api.Workflowservice.V1.PollWorkflowTaskQueueResponse) async {
        let runID = task.workflowExecution.runID
        await cache.serialize(runID) {
            do {
                try await self.process(task)
            } catch {
                self.worker.logger.error("Workflow task could not be processed", metadata: ["error": "\(error)", "run": "\(runID)"])
            }
        }
    }

    private func process(_ polled: Api.Workflowservice.V1.PollWorkflowTaskQueueResponse) async throws {
        // Workflow code sees decoded payloads only: events, update requests and queries alike.
        var task = polled
        try await configuration.dataConverter.decode(&task)
        let runID = task.workflowExecution.runID
        let isLegacyQuery = task.hasQuery
        var instance = cache.instance(for: runID)
        var events = try await history(of: task, fullFrom: instance == nil)
        if instance == nil {
            guard let body = makeBody(task.workflowType.name) else {
                try await failTask(task, cause: .workflowWorkerUnhandledFailure, error: unregistered(task.workflowType.name))
                return
            }
            instance = newInstance(body)
        }
        guard var instance else { return }
        var input = WorkflowTaskInput(
            events: events, startedEventID: task.startedEventID, messages: task.messages,
            queries: task.queries, legacyQuery: isLegacyQuery ? task.query : nil)
        var output: WorkflowTaskOutput
        do {
            do {
                output = try await activate(instance, input)
            } catch is HistoryGap {
                // The cached run missed something: rebuild it from the full history.
                cache.evict(runID)
                guard let body = makeBody(task.workflowType.name) else { return }
                instance = newInstance(body)
                events = try await fetchHistory(task.workflowExecution, from: [])
                input.events = events
                output = try await activate(instance, input)
            }
            try await runLocalActivities(of: instance, into: &output)
        } catch {
            cache.evict(runID)
            if isLegacyQuery {
                try await respondQuery(task, .failure(error))
            } else {
                let cause: Api.Enums.V1.WorkflowTaskFailedCause =
                    error is NondeterminismFailure ? .nonDeterministicError : .workflowWorkerUnhandledFailure
                try await failTask(task, cause: cause, error: error)
            }
            return
        }
        if let result = output.legacyQueryResult {
            try await respondQuery(task, result)
            return
        }
        if output.closesRun { cache.evict(runID) } else if sticky { cache.store(instance, for: runID) }
        try await complete(task, output)
    }

    /// Runs the local activities the code started, then lets it go on, until it starts no more;
    /// everything goes out with this workflow task's completion.
    private func runLocalActivities(of instance: WorkflowInstance, into output: inout WorkflowTaskOutput) async throws {
        let runner = LocalActivityRunner(worker: worker)
        while true {
            let pending = instance.takePendingLocalActivities()
            guard !pending.isEmpty, let info = instance.info else { return }
            let outcomes = await withTaskGroup(of: (Int, LocalActivityOutcome).self) { group in
                for (index, activity) in pending.enumerated() {
                    group.addTask { (index, await runner.run(activity, workflow: info)) }
                }
                var outcomes: [(Int, LocalActivityOutcome)] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes.sorted { $0.0 < $1.0 }
            }
            for (index, outcome) in outcomes { instance.finish(pending[index], with: outcome) }
            let more = try await DeadlockDetector.run { try instance.continueAfterLocalActivities() }
            output.commands += more.commands
            output.messages += more.messages
            output.closesRun = more.closesRun
        }
    }

    private func activate(_ instance: WorkflowInstance, _ input: WorkflowTaskInput) async throws -> WorkflowTaskOutput {
        try await DeadlockDetector.run { try instance.activate(input) }
    }

    private func newInstance(_ body: any WorkflowBody) -> WorkflowInstance {
        WorkflowInstance(
            body: body, namespace: configuration.namespace, taskQueue: configuration.taskQueue,
            payloadConverter: configuration.dataConverter.payloadConverter,
            failureConverter: configuration.dataConverter.failureConverter, logger: worker.logger,
            interceptors: worker.interceptors)
    }

    private func makeBody(_ name: String) -> (any WorkflowBody)? {
        guard let type = worker.workflows[name] else { return nil }
        return makeWorkflowBody(type)
    }

    private func unregistered(_ name: String) -> any Error {
        let known = worker.workflows.keys.sorted().joined(separator: ", ")
        return ApplicationError(
            message: "Workflow type \(name) is not registered on this worker, available types: [\(known)]", type: "NotFoundError")
    }

    // MARK: History

    /// The task's events, completed with the pages the server left out; the whole history when
    /// the run is not cached and the task (from a sticky queue) carries only the newest events.
    private func history(of task: Api.Workflowservice.V1.PollWorkflowTaskQueueResponse, fullFrom uncached: Bool) async throws
        -> [Api.History.V1.HistoryEvent]
    {
        var events = task.history.events
        if uncached, let first = events.first, first.eventID != 1 {
            return try await fetchHistory(task.workflowExecution, from: [])
        }
        if !task.nextPageToken.isEmpty {
            events = try await fetchHistory(task.workflowExecution, from: events, token: task.nextPageToken)
        }
        return events
    }

    private func fetchHistory(
        _ execution: Api.Common.V1.WorkflowExecution, from initial: [Api.History.V1.HistoryEvent], token: Data = Data()
    ) async throws -> [Api.History.V1.HistoryEvent] {
        var events = initial
        var token = token
        repeat {
            var page = try await service.getWorkflowExecutionHistory(
                .with {
                    $0.namespace = configuration.namespace
                    $0.execution = execution
                    $0.nextPageToken = token
                })
            try await configuration.dataConverter.decode(&page)
            events.append(contentsOf: page.history.events)
            token = page.nextPageToken
        } while !token.isEmpty
        return events
    }

    // MARK: Responses

    private func complete(_ task: Api.Workflowservice.V1.PollWorkflowTaskQueueResponse, _ output: WorkflowTaskOutput) async throws {
        var commands = output.commands
        // Eager activities: keep the request only for activities this worker runs and has a slot for.
        var reserved = 0
        let wanted = commands.indices.filter {
            commands[$0].commandType == .scheduleActivityTask && commands[$0].scheduleActivityTaskCommandAttributes.requestEagerExecution
        }
        if !wanted.isEmpty {
            let runnable = wanted.filter { worker.activities[commands[$0].scheduleActivityTaskCommandAttributes.activityType.name] != nil }
            reserved = eagerActivities?.reserveEagerSlots(min(runnable.count, Self.maxEagerActivities)) ?? 0
            for index in wanted {
                commands[index].scheduleActivityTaskCommandAttributes.requestEagerExecution =
                    runnable.firstIndex(of: index).map { $0 < reserved } ?? false
            }
        }
        var request = Api.Workflowservice.V1.RespondWorkflowTaskCompletedRequest.with {
            $0.namespace = configuration.namespace
            $0.taskToken = task.taskToken
            $0.identity = configuration.identity
            $0.commands = commands
            $0.messages = output.messages
            $0.queryResults = output.queryResults
            $0.sdkMetadata = .with { $0.coreUsedFlags = [1, 2, 3] }
            if sticky && !output.closesRun {
                $0.stickyAttributes = .with {
                    $0.workerTaskQueue = .with {
                        $0.name = stickyQueue
                        $0.kind = .sticky
                        $0.normalName = configuration.taskQueue
                    }
                    $0.scheduleToStartTimeout = .init(duration: configuration.stickyQueueScheduleToStartTimeout)
                }
            }
        }
        do {
            // Commands, update responses and query answers leave encoded.
            try await configuration.dataConverter.encode(&request)
            let response = try await service.respondWorkflowTaskCompleted(request)
            let eager = response.activityTasks.prefix(reserved)
            for activityTask in eager { eagerActivities?.run(activityTask) }
            eagerActivities?.releaseEagerSlots(reserved - eager.count)
        } catch {
            eagerActivities?.releaseEagerSlots(reserved)
            // The server did not take the commands: the cached run no longer matches its history.
            cache.evict(task.workflowExecution.runID)
            throw error
        }
    }

    private func failTask(
        _ task: Api.Workflowservice.V1.PollWorkflowTaskQueueResponse, cause: Api.Enums.V1.WorkflowTaskFailedCause, error: any Error
    ) async throws {
        worker.logger.warning(
            "Failing workflow task", metadata: ["workflow": "\(task.workflowExecution.workflowID)", "error": "\(error)"])
        let failure = await configuration.dataConverter.convertError(error)
        _ = try await service.respondWorkflowTaskFailed(
            .with {
                $0.namespace = configuration.namespace
                $0.taskToken = task.taskToken
                $0.identity = configuration.identity
                $0.cause = cause
                $0.failure = failure
            })
    }

    private func respondQuery(_ task: Api.Workflowservice.V1.PollWorkflowTaskQueueResponse, _ result: Result<Api.Common.V1.Payloads, any Error>)
        async throws
    {
        var request = Api.Workflowservice.V1.RespondQueryTaskCompletedRequest()
        request.namespace = configuration.namespace
        request.taskToken = task.taskToken
        switch result {
        case .success(var payloads):
            payloads.payloads = try await configuration.dataConverter.encode(payloads.payloads)
            request.completedType = .answered
            request.queryResult = payloads
        case .failure(let error):
            let failure = await configuration.dataConverter.convertError(error)
            request.completedType = .failed
            request.errorMessage = failure.message
            request.failure = failure
        }
        _ = try await service.respondQueryTaskCompleted(request)
    }
}
