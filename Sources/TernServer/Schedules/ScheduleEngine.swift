import Foundation
import Logging
import Synchronization
import TernAPI
import TernCore
import TernStore

/// Runs schedules: keeps each schedule's next wake-up in memory, and when it is due decides
/// (with `SchedulerRules`) what to start, skip, buffer, cancel or terminate, starts the
/// workflows through the history engine, and stores the schedule's progress.
///
/// Exactly once per matching time: a start uses a request id derived from the schedule and the
/// workflow id it names, and the progress is stored after the start, so a crash in between
/// repeats the start, which the history engine recognises as the same request.
final class ScheduleEngine: Sendable {
    struct Key: Hashable, Sendable {
        var namespaceID: String
        var scheduleID: String
    }

    let store: any Store
    let history: HistoryEngine
    let logger: Logger
    private let locks = KeyedLock<Key>()
    private let wakeups = Mutex<[Key: Date]>([:])
    /// Rung when a wake-up changes, so the loop sleeps until the earliest one instead of polling.
    private let alarm = Alarm()
    /// The next wake-up as a source of deadlines for a skipping clock.
    private let source: Int
    /// While a start waits for a running workflow to close, its schedule looks again this often.
    static let bufferedRecheck: TimeInterval = 1

    init(store: any Store, history: HistoryEngine, logger: Logger) {
        self.store = store
        self.history = history
        self.logger = logger
        let alarm = self.alarm
        source = history.clock.register { alarm.ring() }
    }

    // MARK: Running

    /// Catches up every schedule (times missed while the server was down, within each
    /// schedule's catch-up window), then wakes schedules as they come due until cancelled.
    func run() async {
        do {
            for record in try await store.listSchedules(namespaceID: nil, afterID: "", limit: Int.max) {
                await process(Key(namespaceID: record.namespaceID, scheduleID: record.scheduleID))
            }
        } catch {
            logger.error("Loading schedules failed", metadata: ["error": "\(error)"])
        }
        while !Task.isCancelled {
            let now = history.clock.now()
            let due = wakeups.withLock { $0.filter { $0.value <= now }.map(\.key) }
            for key in due { await process(key) }
            await history.clock.wait(until: wakeups.withLock { $0.values.min() }, ringing: alarm)
        }
    }

    func process(_ key: Key) async {
        do {
            try await locks.withLock(key) { try await processLocked(key) }
        } catch {
            logger.error("Schedule processing failed; retrying", metadata: ["schedule": "\(key.scheduleID)", "error": "\(error)"])
            setWakeup(key, history.clock.now().addingTimeInterval(Self.bufferedRecheck))
        }
    }

    private func processLocked(_ key: Key) async throws {
        guard var record = try await store.schedule(namespaceID: key.namespaceID, scheduleID: key.scheduleID) else {
            setWakeup(key, nil)
            return
        }
        let token = record.conflictToken
        let spec = try CompiledScheduleSpec(record.schedule.spec)
        let now = history.clock.now()
        try await refreshRunning(&record)
        let due = SchedulerRules.dueStarts(&record, spec: spec, now: now)
        let round = SchedulerRules.decide(&record, newStarts: due)
        for execution in round.cancel { await cancel(execution, record) }
        for execution in round.terminate { await terminate(execution, record) }
        if !round.terminate.isEmpty { record.info.runningWorkflows.removeAll { w in round.terminate.contains(w) } }
        for start in round.starts {
            let execution = try await startWorkflow(record, start)
            SchedulerRules.started(&record, start, execution: execution, at: history.clock.now())
        }
        try await store.updateSchedule(record, expectedToken: token)
        scheduleWakeup(key, record, spec: spec)
    }

    private func scheduleWakeup(_ key: Key, _ record: ScheduleRecord, spec: CompiledScheduleSpec) {
        var next: Date? = spec.nextTime(after: record.processedThrough.date).map { spec.jittered($0, seed: record.scheduleID) }
        if !record.buffered.isEmpty {
            let recheck = history.clock.now().addingTimeInterval(Self.bufferedRecheck)
            next = min(next ?? recheck, recheck)
        }
        setWakeup(key, next)
    }

    private func setWakeup(_ key: Key, _ date: Date?) {
        // A due wake-up keeps a skipping clock still until it is processed and moved on. Published
        // under the lock, so a concurrent change can never be overwritten by an older minimum.
        wakeups.withLock { wakeups in
            wakeups[key] = date
            history.clock.setDeadline(source, wakeups.values.min())
        }
        alarm.ring()
    }

    /// Drops workflows that have closed from the running list (pausing on failure if asked).
    private func refreshRunning(_ record: inout ScheduleRecord) async throws {
        var still: [WorkflowExecution] = []
        for execution in record.info.runningWorkflows {
            let key = WorkflowKey(namespaceID: record.namespaceID, workflowID: execution.workflowID, runID: execution.runID)
            guard let state = try? await history.load(key).state else { continue }
            let status = state.execution.status
            if status == .running {
                still.append(execution)
                continue
            }
            if let i = record.info.recentActions.lastIndex(where: { $0.startWorkflowResult == execution }) {
                record.info.recentActions[i].startWorkflowStatus = status
            }
            await recordOutcome(&record, key, state)
            if record.schedule.policies.pauseOnFailure, status == .failed || status == .timedOut {
                record.schedule.state.paused = true
                record.schedule.state.notes = "paused: workflow \(execution.workflowID) failed"
            }
        }
        record.info.runningWorkflows = still
    }

    /// Keeps a closed workflow's result (or failure) for the next start, as Temporal's scheduler
    /// passes `last_completion_result` and `continued_failure` on.
    private func recordOutcome(_ record: inout ScheduleRecord, _ key: WorkflowKey, _ state: WorkflowState) async {
        let id = state.execution.completionEventID
        guard id > 0, let event = try? await history.historyEvents(key, from: id, through: id).first else { return }
        switch event.attributes {
        case .workflowExecutionCompletedEventAttributes(let a):
            if a.hasResult { record.lastCompletionResult = a.result } else { record.clearLastCompletionResult() }
            record.clearLastFailure()
        case .workflowExecutionFailedEventAttributes(let a):
            record.lastFailure = a.failure
        case .workflowExecutionTimedOutEventAttributes:
            record.lastFailure = .with {
                $0.message = "workflow timed out"
                $0.timeoutFailureInfo = .with { $0.timeoutType = .startToClose }
            }
        default:
            break
        }
    }

    private func startWorkflow(_ record: ScheduleRecord, _ start: BufferedStart) async throws -> WorkflowExecution {
        let a = record.schedule.action.startWorkflow
        let namespace = try await history.namespaces.namespace(named: record.namespace)
        let workflowID = SchedulerRules.workflowID(a.workflowID, nominal: start.nominalTime.date)
        var attributes = a.searchAttributes
        attributes.indexedFields["TemporalScheduledById"] = SearchAttributeRules.payload(
            json: "\"\(record.scheduleID)\"", type: .keyword)
        let formatter = ISO8601DateFormatter()
        attributes.indexedFields["TemporalScheduledStartTime"] = SearchAttributeRules.payload(
            json: "\"\(formatter.string(from: start.nominalTime.date))\"", type: .datetime)
        let request = StartWorkflowRequest.with {
            $0.namespace = record.namespace
            $0.workflowID = workflowID
            $0.workflowType = a.workflowType
            $0.taskQueue = a.taskQueue
            if a.hasInput { $0.input = a.input }
            $0.workflowExecutionTimeout = a.workflowExecutionTimeout
            $0.workflowRunTimeout = a.workflowRunTimeout
            $0.workflowTaskTimeout = a.workflowTaskTimeout
            $0.identity = "temporal-scheduler"
            // Names this start (a repeat after a crash finds the run it started), not just the
            // workflow id: two triggers in the same second share an id but are two runs.
            let desired = Int64((start.desiredTime.date.timeIntervalSince1970 * 1_000_000).rounded())
            $0.requestID = "schedule-\(record.scheduleID)-\(workflowID)-\(desired)"
            $0.workflowIDReusePolicy = .allowDuplicate
            if a.hasRetryPolicy { $0.retryPolicy = a.retryPolicy }
            if a.hasMemo { $0.memo = a.memo }
            $0.searchAttributes = attributes
            if a.hasHeader { $0.header = a.header }
            if a.hasPriority { $0.priority = a.priority }
            if a.hasUserMetadata { $0.userMetadata = a.userMetadata }
        }
        var lineage = RunLineage()
        if record.hasLastCompletionResult { lineage.lastCompletionResult = record.lastCompletionResult }
        if record.hasLastFailure { lineage.continuedFailure = record.lastFailure }
        let result = try await history.start(namespace: namespace, request, lineage: lineage)
        return .with { $0.workflowID = workflowID; $0.runID = result.runID }
    }

    private func cancel(_ execution: WorkflowExecution, _ record: ScheduleRecord) async {
        let key = WorkflowKey(namespaceID: record.namespaceID, workflowID: execution.workflowID, runID: execution.runID)
        _ = try? await history.update(key) { machine in
            try machine.requestCancel(reason: "cancelled by schedule overlap policy", identity: "temporal-scheduler", requestID: "")
        }
    }

    private func terminate(_ execution: WorkflowExecution, _ record: ScheduleRecord) async {
        let key = WorkflowKey(namespaceID: record.namespaceID, workflowID: execution.workflowID, runID: execution.runID)
        _ = try? await history.update(key) { machine in
            try machine.terminate(reason: "terminated by schedule overlap policy", details: nil, identity: "temporal-scheduler")
        }
    }

    // MARK: Requests

    /// Applies `change` to a schedule under its lock, stores it, and processes it at once
    /// (a trigger or an unpause may start something now).
    @discardableResult
    func modify(
        _ key: Key, expectedToken: Int64? = nil, bumpToken: Bool, _ change: @Sendable (inout ScheduleRecord) throws -> Void
    ) async throws -> ScheduleRecord {
        let record: ScheduleRecord = try await locks.withLock(key) {
            guard var record = try await store.schedule(namespaceID: key.namespaceID, scheduleID: key.scheduleID) else {
                throw Self.notFound(key.scheduleID)
            }
            if let expectedToken, expectedToken != record.conflictToken {
                throw TernError(.failedPrecondition, "mismatched conflict token: the schedule changed since it was read")
            }
            let token = record.conflictToken
            try change(&record)
            if bumpToken { record.conflictToken += 1 }
            record.info.updateTime = history.clock.now().timestamp
            try await store.updateSchedule(record, expectedToken: token)
            return record
        }
        await process(key)
        return record
    }

    func create(_ record: ScheduleRecord) async throws {
        do {
            try await store.createSchedule(record)
        } catch StoreError.alreadyExists {
            // The SDKs recognise a duplicate schedule by this detail (Temporal runs schedules as workflows).
            throw TernError(
                .alreadyExists, "Schedule with ID \(record.scheduleID) is already registered.",
                detail: Temporal_Api_Errordetails_V1_WorkflowExecutionAlreadyStartedFailure())
        }
        await process(Key(namespaceID: record.namespaceID, scheduleID: record.scheduleID))
    }

    func delete(_ key: Key) async throws {
        try await locks.withLock(key) {
            do {
                try await store.deleteSchedule(namespaceID: key.namespaceID, scheduleID: key.scheduleID)
            } catch StoreError.notFound {
                throw Self.notFound(key.scheduleID)
            }
            setWakeup(key, nil)
        }
    }

    static func notFound(_ scheduleID: String) -> TernError {
        // Temporal's wording, which the CLI prints as is.
        TernError(.notFound, "schedule not found", detail: Temporal_Api_Errordetails_V1_NotFoundFailure())
    }
}
