import Foundation
import Logging
import Synchronization
import TernAPI
import TernCore
import TernStore

/// Applies changes to workflow runs: loads a run's state (cached), lets `WorkflowMachine`
/// compute the change, commits it in one transaction conditioned on the version read, then
/// hands the new tasks to matching and the timer queue and wakes long polls.
///
/// Changes to one run are serialized by a per-run lock; different runs proceed concurrently.
final class HistoryEngine: Sendable {
    let store: any Store
    let namespaces: NamespaceRegistry
    let matching: MatchingEngine
    let timers: TimerQueue
    /// Every time the engine reads comes from here (a test server's clock skips ahead).
    let clock: ServerClock
    let queries = QueryRegistry()
    let updateEnds = UpdateEnds()
    /// Bumped on every commit to a run; history long polls wait on it.
    let changes = ChangeNotifier<WorkflowKey>()
    let limits: Limits
    /// `history.timerProcessorMaxTimeShift`: the least delay between arming a timer and firing it.
    let timerFloor: Duration
    let logger: Logger

    let locks = KeyedLock<WorkflowKey>()
    let cache: WorkflowCache
    let staleTasks: StaleTaskSweeper
    let outcomeRecovery: OutcomeRecovery

    init(
        store: any Store, namespaces: NamespaceRegistry, matching: MatchingEngine, timers: TimerQueue,
        clock: ServerClock, limits: Limits = Limits(), cacheCapacity: Int = DynamicConfig().historyCacheMaxSize,
        timerFloor: Duration = DynamicConfig().timerProcessorMaxTimeShift, logger: Logger
    ) {
        self.timerFloor = timerFloor
        self.store = store
        self.cache = WorkflowCache(capacity: cacheCapacity)
        self.staleTasks = StaleTaskSweeper(store: store)
        self.outcomeRecovery = OutcomeRecovery(logger: logger)
        self.limits = limits
        self.namespaces = namespaces
        self.matching = matching
        self.timers = timers
        self.clock = clock
        self.logger = logger
    }

    // MARK: Loading and storing

    /// A run's committed events with ids in `from...through`: from the cache when it has them.
    func historyEvents(_ key: WorkflowKey, from: Int64, through: Int64?) async throws -> [HistoryEvent] {
        if let cached = cache.events(key, from: from, through: through) { return cached }
        return try await store.historyEvents(key, from: from, through: through)
    }

    /// Stores `changes` in one transaction. Timers due sooner than `timerFloor` from now are
    /// moved to that point first, as Temporal's timer queue moves them; only the task's fire time
    /// moves, the events keep the times the workflow asked for.
    func commit(_ changes: [WorkflowChange]) async throws -> [CommittedChange] {
        var changes = changes
        if clock.isSkipping {
            // A test server keeps closed runs: its clock would otherwise jump straight to their
            // retention and delete them while a test still reads their history.
            for i in changes.indices { changes[i].timerTasks.removeAll { $0.kind == .deleteHistory } }
        }
        if timerFloor > .zero {
            let (seconds, attoseconds) = timerFloor.components
            let floor = clock.now().addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18).timestamp
            for i in changes.indices {
                for j in changes[i].timerTasks.indices where changes[i].timerTasks[j].fireTime.date < floor.date {
                    changes[i].timerTasks[j].fireTime = floor
                }
            }
        }
        do {
            return try await store.commit(changes)
        } catch StoreError.conditionFailed {
            throw StoreError.conditionFailed
        } catch {
            // Not stored, or perhaps stored: either way the cached state may be wrong now.
            for change in changes { cache.remove(change.key) }
            if case StoreError.unknownOutcome = error {
                outcomeRecovery.schedule { [self] in try await recover() }
            }
            throw error
        }
    }

    func commit(_ change: WorkflowChange) async throws -> CommittedChange {
        guard let committed = try await commit([change]).first else { throw StoreError.notFound }
        return committed
    }

    /// A run's state, or NOT_FOUND.
    func load(_ key: WorkflowKey) async throws -> StoredWorkflow {
        if let cached = cache.get(key) { return cached }
        guard let stored = try await store.workflow(key) else {
            throw WorkflowMachine.notFound("Workflow execution not found: WorkflowId \(key.workflowID), RunId \(key.runID).")
        }
        cache.put(key, stored)
        return stored
    }

    /// The run a request names: the given run id, or the workflow id's current run.
    func resolve(namespaceID: String, workflowID: String, runID: String) async throws -> WorkflowKey {
        if workflowID.isEmpty { throw TernError.invalidArgument("WorkflowId is not set on request.") }
        if !runID.isEmpty {
            guard UUID(uuidString: runID) != nil else {
                throw TernError.invalidArgument("Invalid RunId \"\(runID)\": it must be a UUID.")
            }
            return WorkflowKey(namespaceID: namespaceID, workflowID: workflowID, runID: runID)
        }
        guard let current = try await store.currentExecution(namespaceID: namespaceID, workflowID: workflowID) else {
            throw WorkflowMachine.notFound("Workflow not found for ID: \(workflowID)")
        }
        return WorkflowKey(namespaceID: namespaceID, workflowID: workflowID, runID: current.runID)
    }

    // MARK: Changing

    /// Runs `operation` on the run's state and commits what it did. Stale tasks named in
    /// `consumedTransfer`/`consumedTimer` are deleted even when the operation changes nothing.
    @discardableResult
    func update<T: Sendable>(
        _ key: WorkflowKey, consumedTransfer: [Int64] = [], consumedTimer: [Int64] = [],
        _ operation: @Sendable (inout WorkflowMachine) throws -> T
    ) async throws -> T {
        try await locks.withLock(key) {
            for _ in 0..<5 {
                let stored = try await load(key)
                var machine = WorkflowMachine(state: stored.state, now: clock.now(), limits: limits)
                let sticky = machine.execution.stickyTaskQueue
                if !sticky.isEmpty, matching.isStickyQueueDead(sticky) {
                    machine.abandonStickyQueue(sticky)
                } else if !sticky.isEmpty, await stickyWorkerOutdated(machine.state) {
                    machine.abandonStickyQueue(sticky)
                }
                let result = try operation(&machine)
                if !machine.hasChanges && machine.state == stored.state {
                    staleTasks.add(transfer: consumedTransfer, timer: consumedTimer)
                    return result
                }
                let handoff = await handOffScheduledWorkflowTask(&machine, key)
                machine.countTransition()
                let (before, after) = (stored.state.execution, machine.state.execution)
                let attributesChanged = after.searchAttributes != before.searchAttributes
                var changes = [WorkflowChange(
                    key: key, condition: .version(stored.version), state: machine.state,
                    newEvents: machine.newEvents, transferTasks: machine.transferTasks, timerTasks: machine.timerTasks,
                    consumedTransferTaskIDs: consumedTransfer, consumedTimerTaskIDs: consumedTimer,
                    searchAttributeValues: attributesChanged ? await indexedSearchAttributes(machine.state) : nil,
                    updatesVisibility: attributesChanged || after.visibleStatus != before.visibleStatus || after.memo != before.memo
                        || after.executionTime != before.executionTime,
                    previousActivities: stored.state.activities)]
                if var next = machine.newRun {
                    // The chain goes on: the new run becomes the workflow id's current run atomically.
                    next.state.execution.stateTransitionCount += 1
                    changes.append(WorkflowChange(
                        key: WorkflowKey(namespaceID: key.namespaceID, workflowID: key.workflowID, runID: next.runID),
                        condition: .newRun(previousCurrentRunID: key.runID), state: next.state,
                        newEvents: next.newEvents, transferTasks: next.transferTasks, timerTasks: next.timerTasks,
                        searchAttributeValues: await indexedSearchAttributes(next.state)))
                }
                do {
                    let committed = try await commit(changes)
                    if !machine.rejectedUpdates.isEmpty { updateEnds.record(key, machine.rejectedUpdates) }
                    if !machine.updatesEndedByClose.isEmpty { updateEnds.record(key, machine.updatesEndedByClose) }
                    for (change, done) in zip(changes, committed) { await published(change, done) }
                    if let handoff { await deliver(handoff, key, machine.state) }
                    return result
                } catch StoreError.conditionFailed {
                    handoff?.poll.release()
                    cache.remove(key)  // changed elsewhere: re-read and try again
                } catch {
                    handoff?.poll.release()
                    throw error
                }
            }
            throw TernError(.unavailable, "Workflow \(key.workflowID) is changing too fast; retry.")
        }
    }

    /// An auto-upgrading workflow whose deployment moved to another version leaves the sticky
    /// queue of the old version's worker: its next task goes to the new version.
    func stickyWorkerOutdated(_ state: WorkflowState) async -> Bool {
        let e = state.execution
        guard e.hasDeploymentVersion, !e.deploymentVersion.buildID.isEmpty else { return false }
        let target = await matching.deployments.targetBuild(
            namespaceID: e.namespaceID, taskQueue: e.taskQueue, type: .workflow) { state }
        return target != e.deploymentVersion.buildID
    }

    /// A run's search attributes typed for the visibility store (types from its namespace).
    func indexedSearchAttributes(_ state: WorkflowState) async -> [IndexedValue] {
        let attributes = state.execution.searchAttributes
        guard !attributes.indexedFields.isEmpty else { return [] }
        let types = (try? await namespaces.searchAttributes(namespace: state.execution.namespace)) ?? [:]
        return SearchAttributeRules.index(attributes, types: types)
    }

    /// After a commit: cache the new state, queue the new tasks, arm the new timers, wake waiters.
    func published(_ change: WorkflowChange, _ committed: CommittedChange) async {
        let key = change.key
        let newRun = if case .newRun = change.condition { true } else { false }
        cache.committed(
            key, StoredWorkflow(state: change.state, version: committed.version), newEvents: change.newEvents,
            newRun: newRun)
        for task in committed.transferTasks { await dispatch(task) }
        await timers.add(committed.timerTasks)
        clock.setBusy(key, change.state.hasWorkInFlight(at: clock.now()))
        await releaseBufferedQueries(key, change.state)
        changes.notify(key)
    }

    /// Removes a run (terminating it first if it is still running) with its history and tasks.
    func delete(_ key: WorkflowKey) async throws {
        if let stored = try? await load(key), stored.state.execution.status == .running {
            try await update(key) { machine in
                try machine.terminate(reason: "Delete workflow execution", details: nil, identity: "history-service")
            }
        }
        try await locks.withLock(key) {
            try await store.deleteWorkflow(key)
            cache.remove(key)
        }
        clock.setBusy(key, false)
        changes.notify(key)
    }

    // MARK: Starting

    struct StartResult: Sendable {
        var runID: String
        var started: Bool
        /// The first workflow task, when the request asked for eager execution and got it.
        var eagerWorkflowTask: PollWorkflowTaskResponse? = nil
    }

    /// Starts a run (or finds the one a repeated request started), applying the id reuse and
    /// conflict policies.
    func start(
        namespace: NamespaceRecord, _ request: StartWorkflowRequest, signal: StartSignal? = nil,
        update admitted: UpdateRequest? = nil, lineage: RunLineage = RunLineage(),
        onExisting: (@Sendable (WorkflowKey) async throws -> Void)? = nil
    ) async throws -> StartResult {
        try StartRules.validate(request)
        let idKey = WorkflowKey(namespaceID: namespace.id, workflowID: request.workflowID, runID: "")
        return try await locks.withLock(idKey) {
            for _ in 0..<5 {
                let current = try await store.currentExecution(namespaceID: namespace.id, workflowID: request.workflowID)
                if let current {
                    let currentKey = WorkflowKey(namespaceID: namespace.id, workflowID: request.workflowID, runID: current.runID)
                    switch IDPolicy(request.workflowIDConflictPolicy, request.workflowIDReusePolicy).decide(
                        requestID: request.requestID, currentStatus: current.status, currentRequestID: current.startRequestID) {
                    case .repeated:
                        // A retried start: the eager task is handed out again if nobody has moved past it.
                        let eager = request.requestEagerExecution ? try await retriedEagerTask(currentKey) : nil
                        return StartResult(runID: current.runID, started: true, eagerWorkflowTask: eager)
                    case .useExisting:
                        try await onExisting?(currentKey)
                        return StartResult(runID: current.runID, started: false)
                    case .terminateExisting:
                        try await update(currentKey) { machine in
                            try machine.terminate(
                                reason: "terminated by a new start of the same workflow id (TERMINATE_EXISTING)",
                                details: nil, identity: request.identity)
                        }
                    case .alreadyRunning:
                        throw Self.alreadyStarted(request, current, running: true)
                    case .alreadyFinished:
                        throw Self.alreadyStarted(request, current, running: false)
                    case .startNew:
                        break
                    }
                }
                let runID = RunIDs.make()
                let key = WorkflowKey(namespaceID: namespace.id, workflowID: request.workflowID, runID: runID)
                var machine = WorkflowMachine.start(
                    request, namespaceID: namespace.id, runID: runID, signal: signal, lineage: lineage, now: clock.now())
                machine.setRetention(namespace.detail.config.workflowExecutionRetentionTtl)
                // Update-with-start: the update is admitted in the start's own change, so the first
                // workflow task carries it even when a waiting poll takes that task at once.
                if let admitted { try machine.admitUpdate(admitted) }
                let eager = request.requestEagerExecution
                    ? machine.startWorkflowTaskScheduledNow(requestID: request.requestID, identity: request.identity)
                    : nil
                let handoff = eager == nil ? await handOffScheduledWorkflowTask(&machine, key) : nil
                let change = await firstChange(&machine, key, replacing: current?.runID)
                do {
                    let committed = try await commit(change)
                    await published(change, committed)
                    if let handoff { await deliver(handoff, key, machine.state) }
                    let task = eager.map {
                        workflowTaskResponse(key, machine.state, $0, events: machine.newEvents, queries: queries.attached(to: key))
                    }
                    return StartResult(runID: runID, started: true, eagerWorkflowTask: task)
                } catch StoreError.conditionFailed {
                    handoff?.poll.release()
                    continue  // another node started the id meanwhile: apply the policies again
                } catch {
                    handoff?.poll.release()
                    throw error
                }
            }
            throw TernError(.unavailable, "Workflow \(request.workflowID) is being started concurrently; retry.")
        }
    }

    /// The change that stores a new run's first state, making it the id's current run in place
    /// of `previousRunID` (conditioned on that, so a concurrent start is detected).
    func firstChange(_ machine: inout WorkflowMachine, _ key: WorkflowKey, replacing previousRunID: String?) async -> WorkflowChange {
        machine.countTransition()
        return WorkflowChange(
            key: key, condition: .newRun(previousCurrentRunID: previousRunID), state: machine.state,
            newEvents: machine.newEvents, transferTasks: machine.transferTasks, timerTasks: machine.timerTasks,
            searchAttributeValues: await indexedSearchAttributes(machine.state))
    }

    static func alreadyStarted(_ request: StartWorkflowRequest, _ current: CurrentExecution, running: Bool) -> TernError {
        var detail = Temporal_Api_Errordetails_V1_WorkflowExecutionAlreadyStartedFailure()
        detail.startRequestID = current.startRequestID
        detail.runID = current.runID
        let message = running
            ? "Workflow execution is already running. WorkflowId: \(request.workflowID), RunId: \(current.runID)."
            : "Workflow execution already finished and its id reuse policy forbids another run. WorkflowId: \(request.workflowID), RunId: \(current.runID)."
        return TernError(.alreadyExists, message, detail: detail)
    }

    // MARK: Timers and recovery

    /// Fires one due timer; a timer of a vanished run is simply dropped.
    func fire(_ timer: StoredTask<TimerTask>) async {
        if timer.task.kind == .deleteHistory {
            await deleteClosedRun(timer)
            return
        }
        do {
            try await update(timer.key, consumedTimer: [timer.id]) { machine in
                machine.timerFired(timer.task)
            }
        } catch let error as TernError where error.code == .notFound {
            staleTasks.add(transfer: [], timer: [timer.id])
        } catch {
            logger.error("Timer failed; retrying in 1 s", metadata: ["workflow": "\(timer.key)", "error": "\(error)"])
            var retry = timer
            retry.task.fireTime = clock.now().addingTimeInterval(1).timestamp
            await timers.add([retry])
        }
    }

    /// Re-queues the outbox and re-arms the timers after a restart.
    func recover() async throws {
        var stale: [Int64] = []
        var dispatched = 0
        for row in try await store.transferTasks() {
            if Self.isCrossWorkflow(row.task.kind) {
                await dispatch(row)  // its consumer re-checks whether it still applies
                dispatched += 1
                continue
            }
            guard let stored = try? await load(row.key), Self.stillPending(row.task, in: stored.state) else {
                stale.append(row.id)
                continue
            }
            await matching.dispatch(row, buildID: await targetBuild(row))
            dispatched += 1
        }
        try await store.deleteTasks(transfer: stale, timer: [])
        let armed = try await store.timerTasks(dueBy: .distantFuture, limit: Int.max)
        await timers.add(armed)
        logger.info("Recovered task queues and timers", metadata: [
            "tasks": "\(dispatched)", "staleTasks": "\(stale.count)", "timers": "\(armed.count)",
        ])
    }

    static func stillPending(_ task: TransferTask, in state: WorkflowState) -> Bool {
        guard state.execution.status == .running else { return false }
        switch task.kind {
        case .workflowTask:
            return state.hasWorkflowTask && state.workflowTask.scheduledEventID == task.scheduledEventID
                && state.workflowTask.startedEventID == 0
        case .activityTask:
            guard let info = state.activities[task.scheduledEventID] else { return false }
            return info.attempt == task.attempt && !info.started
        default:
            return false
        }
    }
}
