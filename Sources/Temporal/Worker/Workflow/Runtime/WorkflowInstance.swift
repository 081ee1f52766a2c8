import DequeModule
import Foundation
import Logging

/// One workflow run in a worker: its replay engine, its executor, and the workflow's own state.
/// Each workflow task is applied with ``activate(_:)``: the task's events resolve what the code
/// waits for, the code runs until every one of its tasks waits again, and the commands it issued
/// come back. The worker calls one activation at a time; all state here is touched only then.
final class WorkflowInstance: @unchecked Sendable {
    let executor = WorkflowExecutor()
    let machines = WorkflowStateMachines()
    let body: any WorkflowBody
    let payloadConverter: any PayloadConverter
    let failureConverter: any FailureConverter
    let baseLogger: Logger
    let namespace: String
    let taskQueue: String
    /// The worker's interceptors; workflow code and its handlers run through them.
    let interceptors: WorkerInterceptorSet

    private(set) var info: WorkflowInfo?
    /// Deterministic workflow time: the start time of the workflow task being applied.
    private(set) var now = Date(timeIntervalSince1970: 0)
    private(set) var isReplaying = false
    private(set) var historyLength = 0
    private(set) var historySize = 0
    private(set) var continueAsNewSuggested = false
    var random = WorkflowRandom(seed: 0)
    var searchAttributes = Api.Common.V1.SearchAttributes()
    var memo = Api.Common.V1.Memo()
    var currentDetails: String?

    /// The last event this run has applied; a task must continue right after it.
    private(set) var lastEventID: Int64 = 0
    private var conditions: [ConditionWaiter] = []
    private var mainTask: Task<Void, Never>?
    private(set) var cancelRequested = false
    /// How the run ended (set by the main task when `run` returns or throws).
    var outcome: RunOutcome?
    var runningHandlers = 0
    /// Running handlers whose policy asks for a warning if the run ends first, by spawn order.
    var warnHandlers: [Int: RunningHandler] = [:]
    private var nextHandlerToken = 0
    var completionIssued = false
    /// Protocol messages (update acceptance, rejection, response) to send with the commands.
    var outgoingMessages: [Api.`Protocol`.V1.Message] = []
    /// Patches: what `patch(_:)` answered (it must answer the same all run long) and, while
    /// replaying a task, the patch markers the history recorded for it.
    var patches: [String: Bool] = [:]
    var recordedPatches: Set<String> = []
    /// Updates whose acceptance the history recorded for the task being replayed.
    private var replayedUpdates: [Api.Update.V1.Request] = []
    /// Local activities the code started and the worker has not run yet.
    var pendingLocalActivities: [LocalActivityMachine] = []
    /// Local activities waiting, while replaying, for the marker a later task recorded (by sequence).
    var awaitingMarkers: [Int: LocalActivityMachine] = [:]
    /// Markers of local activities read ahead in a replayed task, by sequence.
    var recordedLocalActivities: [Int: Api.History.V1.MarkerRecordedEventAttributes] = [:]
    /// A failure that must fail the workflow task (not the workflow): nondeterminism, a bug.
    var taskFailure: (any Error)?

    enum RunOutcome {
        case completed([Api.Common.V1.Payload])
        case failed(any Error)
    }

    init(
        body: any WorkflowBody, namespace: String, taskQueue: String, payloadConverter: any PayloadConverter,
        failureConverter: any FailureConverter, logger: Logger, interceptors: WorkerInterceptorSet = .init()
    ) {
        self.body = body
        self.interceptors = interceptors
        self.namespace = namespace
        self.taskQueue = taskQueue
        self.payloadConverter = payloadConverter
        self.failureConverter = failureConverter
        self.baseLogger = logger
    }

    var logger: Logger {
        var logger = baseLogger
        if let info {
            logger[metadataKey: "WorkflowID"] = "\(info.workflowID)"
            logger[metadataKey: "RunID"] = "\(info.runID)"
            logger[metadataKey: "WorkflowType"] = "\(info.workflowName)"
        }
        return logger
    }

    // MARK: Activation

    /// Applies one workflow task. Throws when the task must fail (nondeterminism, a bug, a
    /// history that does not continue this run's); the caller then drops this instance.
    func activate(_ task: WorkflowTaskInput) throws -> WorkflowTaskOutput {
        var output = WorkflowTaskOutput()
        // A cached run continues only from the event right after the last one it applied. Anything
        // else (a whole history again, a gap, or events the server replaced because it dropped a
        // speculative task that only rejected updates) means the run is rebuilt from its history.
        if lastEventID != 0, let first = task.events.first, first.eventID != lastEventID + 1 {
            throw HistoryGap(expected: lastEventID + 1, got: first.eventID)
        }
        let events = task.events
        var index = 0
        while index < events.count {
            let event = events[index]
            lastEventID = event.eventID
            historyLength = Int(event.eventID)
            try apply(event)
            index += 1
            guard case .workflowTaskStartedEventAttributes(let started) = event.attributes else { continue }
            historySize = Int(started.historySizeBytes)
            continueAsNewSuggested = started.suggestContinueAsNew
            switch Self.outcome(ofTaskStartedAt: index - 1, in: events) {
            case .failedOrTimedOut:
                continue
            case .completed(let completedIndex):
                // Replaying an old task: run the code, then its commands must match the events
                // that follow the task's completion.
                now = event.eventTime.date
                isReplaying = true
                prepareReplay(commandEventsAfter: completedIndex, in: events)
                try runUntilBlocked(messages: [])
                try resolveLocalActivitiesFromHistory()
                _ = machines.takeCommands()
                outgoingMessages.removeAll()
            case .current where task.legacyQuery != nil:
                // A query task never answers a workflow task: the run is brought up to date only.
                continue
            case .current:
                now = event.eventTime.date
                isReplaying = false
                recordedPatches.removeAll()
                replayedUpdates.removeAll()
                // Local activities whose markers the history never recorded run now.
                pendingLocalActivities += awaitingMarkers.sorted { $0.key < $1.key }.map(\.value)
                awaitingMarkers.removeAll()
                try runUntilBlocked(messages: task.messages)
                for (id, query) in task.queries.sorted(by: { $0.key < $1.key }) {
                    output.queryResults[id] = queryResult(answer(query, id: id))
                }
                let more = takeOutput()
                output.commands = more.commands
                output.messages = more.messages
                output.closesRun = more.closesRun
                return output
            }
        }
        if let query = task.legacyQuery {
            output.legacyQueryResult = answer(query)
        }
        // Otherwise a history that ends without a task to answer (a replayer's complete history).
        return output
    }

    /// Lets the code go on after the worker resolved local activities; returns the new commands.
    func continueAfterLocalActivities() throws -> WorkflowTaskOutput {
        try runUntilBlocked(messages: [])
        return takeOutput()
    }

    private func takeOutput() -> WorkflowTaskOutput {
        var output = WorkflowTaskOutput()
        output.commands = machines.takeCommands().map(\.command)
        output.messages = outgoingMessages
        outgoingMessages.removeAll()
        output.closesRun = completionIssued
        return output
    }

    enum TaskOutcome { case completed(eventIndex: Int), failedOrTimedOut, current }

    /// Whether the WORKFLOW_TASK_STARTED at `index` was completed, failed, or is the task to answer.
    static func outcome(ofTaskStartedAt index: Int, in events: [Api.History.V1.HistoryEvent]) -> TaskOutcome {
        var next = index + 1
        while next < events.count {
            switch events[next].eventType {
            case .workflowTaskCompleted: return .completed(eventIndex: next)
            case .workflowTaskFailed, .workflowTaskTimedOut: return .failedOrTimedOut
            default: next += 1
            }
        }
        return .current
    }

    /// Reads ahead, in the events recorded for a replayed task's commands, what the code must know
    /// while it runs: which patches were taken and which updates were accepted.
    private func prepareReplay(commandEventsAfter completedIndex: Int, in events: [Api.History.V1.HistoryEvent]) {
        recordedPatches.removeAll()
        replayedUpdates.removeAll()
        var next = completedIndex + 1
        while next < events.count {
            let event = events[next]
            if event.eventType == .workflowTaskScheduled || event.eventType == .workflowTaskStarted { break }
            switch event.attributes {
            case .markerRecordedEventAttributes(let marker):
                if let id = PatchMarker.patchID(of: marker, payloadConverter: payloadConverter) { recordedPatches.insert(id) }
                if let data = LocalActivityMarker.data(of: marker) { recordedLocalActivities[data.seq] = marker }
            case .workflowExecutionUpdateAcceptedEventAttributes(let accepted):
                replayedUpdates.append(accepted.acceptedRequest)
            default:
                break
            }
            next += 1
        }
        resolveAwaitingLocalActivities()
    }

    private func apply(_ event: Api.History.V1.HistoryEvent) throws {
        switch HistoryEventKind(event) {
        case .command:
            try machines.record(event, skippable: PatchMarker.isDeprecatedPatchMarker(event, payloadConverter: payloadConverter))
        case .follows(let initiatedEventID):
            try machines.deliver(event, initiatedEventID: initiatedEventID)
        case .input:
            try applyInput(event)
        case .workflowTask, .ignored:
            break
        }
    }

    private func applyInput(_ event: Api.History.V1.HistoryEvent) throws {
        switch event.attributes {
        case .workflowExecutionStartedEventAttributes(let started):
            start(started, event: event)
        case .workflowExecutionSignaledEventAttributes(let signaled):
            if !body.signal(signaled.signalName, arguments: signaled.input.payloads, headers: signaled.header.fields, instance: self) {
                logger.warning(
                    "Signal dropped: the workflow has no handler for it",
                    metadata: ["signal": "\(signaled.signalName)", "known": "\(body.signalNames)"])
            }
        case .workflowExecutionCancelRequestedEventAttributes:
            cancelRequested = true
            mainTask?.cancel()
        default:
            break
        }
    }

    private func start(_ started: Api.History.V1.WorkflowExecutionStartedEventAttributes, event: Api.History.V1.HistoryEvent) {
        let info = WorkflowInfo(started: started, startTime: event.eventTime.date, namespace: namespace, taskQueue: taskQueue)
        self.info = info
        now = event.eventTime.date
        random = WorkflowRandom(seed: WorkflowRandom.seed(from: started.originalExecutionRunID.isEmpty ? info.runID : started.originalExecutionRunID))
        searchAttributes = started.searchAttributes
        memo = started.memo
        do {
            try body.start(arguments: started.input.payloads, headers: started.header.fields, instance: self)
        } catch {
            // The input does not decode: the workflow fails, as the other SDKs fail it.
            outcome = .failed(error)
        }
    }

    /// Runs the workflow code until every task waits on the engine, re-checking `condition`
    /// waits in between; update requests are validated and started first.
    private func runUntilBlocked(messages: [Api.`Protocol`.V1.Message]) throws {
        let updates = replayedUpdates
        replayedUpdates.removeAll()  // delivered once, even if the code runs again for local activities
        for request in updates { deliverUpdate(request, validate: false) }
        for message in messages { receive(message) }
        while true {
            executor.drain()
            if let failure = taskFailure { throw failure }
            guard let ready = conditions.firstIndex(where: { $0.isSatisfied() }) else { break }
            conditions.remove(at: ready).resume()
        }
        issueCompletionCommandIfDone()
    }

    // MARK: Main task

    /// Starts `run` as the run's main task.
    func spawnMain(_ operation: @escaping @Sendable () async throws -> [Api.Common.V1.Payload]) {
        mainTask = Task(executorPreference: executor) { [self] in
            do {
                let result = try await operation()
                if outcome == nil { outcome = .completed(result) }
            } catch {
                if outcome == nil { outcome = .failed(error) }
            }
        }
    }

    /// Starts a signal or update handler as its own task on the run's executor. A handler with the
    /// `.warnAndAbandon` policy is remembered while it runs, so a run that ends before it is reported.
    func spawnHandler(
        _ handler: RunningHandler? = nil, policy: HandlerUnfinishedPolicy = .abandon,
        _ operation: @escaping @Sendable () async -> Void
    ) {
        runningHandlers += 1
        let token = nextHandlerToken
        nextHandlerToken += 1
        if let handler, policy == .warnAndAbandon { warnHandlers[token] = handler }
        Task(executorPreference: executor) { [self] in
            await operation()
            runningHandlers -= 1
            warnHandlers[token] = nil
        }
    }

    // MARK: Conditions

    func waitForCondition(_ predicate: @escaping () -> Bool) async throws {
        if predicate() { return }
        let waiter = ConditionWaiter(predicate: predicate)
        conditions.append(waiter)
        try await withTaskCancellationHandler {
            try await waiter.result.value()
        } onCancel: { [self] in
            // Runs on the workflow's executor thread (cancellation comes from workflow code or an
            // activation), so touching the list is safe.
            conditions.removeAll { $0 === waiter }
            waiter.result.resolve(.failure(CanceledError(message: "Wait condition cancelled")))
        }
    }
}

/// A `condition` wait: resumed once its predicate holds after the code has run.
final class ConditionWaiter: @unchecked Sendable {
    let predicate: () -> Bool
    let result = PendingResult<Void>()

    init(predicate: @escaping () -> Bool) { self.predicate = predicate }

    func isSatisfied() -> Bool { predicate() }
    func resume() { result.resolve(.success(())) }
}

/// The events of a task do not continue the run this worker holds (a task it never saw, or a
/// speculative task the server dropped): the worker replays the run from its full history.
struct HistoryGap: Error, CustomStringConvertible {
    var expected: Int64
    var got: Int64
    var description: String { "history continues at event \(got), expected \(expected)" }
}
