import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Synchronization
import SwiftProtobuf
import TernAPI

typealias Service = Temporal_Api_Workflowservice_V1_WorkflowService.Client<HTTP2ClientTransport.Posix>

/// Runs the client (starters) and the worker (pollers) of one benchmark in one process.
/// The client, the workflow worker and the activity worker each get their own connection.
struct Driver: Sendable {
    struct Config: Sendable {
        var host: String
        var port: Int
        var namespace: String
        var scenario: Scenario
        var count, concurrency: Int
        var rate: Double
        var workflowPollers, activityPollers: Int
        var duration: Double
        var timeout: Double
        var taskQueue: String
        var pingRelay = true
        var eagerActivities = false
        var eagerStart = false
        var sticky = false
    }

    static let fanOutWidth = 100
    /// Long polls need a deadline (Temporal refuses them without one); the SDKs use 70 s.
    static let longPoll: CallOptions = {
        var options = CallOptions.defaults
        options.timeout = .seconds(70)
        return options
    }()
    static let childType = "bench-child"
    let config: Config
    let identity = "tern-bench@\(ProcessInfo.processInfo.hostName)"
    let tracker = Tracker()
    let stats = Stats()
    /// What each open workflow's history said so far (sticky mode only).
    let summaries = StickyCache()
    /// This worker's sticky queue (sticky mode only).
    let stickyQueue = "bench-sticky-\(UUID().uuidString.prefix(8).lowercased())"

    init(_ config: Config) { self.config = config }

    func run() async throws -> Report {
        let target: ResolvableTargets.DNS = config.pingRelay
            ? .dns(host: "127.0.0.1", port: try await PingRelay.start(to: config.host, port: config.port))
            : .dns(host: config.host, port: config.port)
        let grpc = try (0..<3).map { _ in
            GRPCClient(transport: try .http2NIOPosix(target: target, transportSecurity: .plaintext))
        }
        let (client, workflowWorker, activityWorker) = (Service(wrapping: grpc[0]), Service(wrapping: grpc[1]),
                                                        Service(wrapping: grpc[2]))
        let cpuBefore = processCPUSeconds()
        let began = ContinuousClock.now
        let deadline = began + .seconds(config.timeout)
        let cpuSeconds = await withTaskGroup(of: Void.self) { group in
            for connection in grpc { group.addTask { try? await connection.runConnections() } }
            if config.scenario.needsWorkflowWorker {
                for _ in 0..<config.workflowPollers { group.addTask { await pollWorkflowTasks(workflowWorker) } }
                if config.sticky {
                    for _ in 0..<config.workflowPollers {
                        group.addTask { await pollWorkflowTasks(workflowWorker, sticky: true) }
                    }
                }
            }
            if config.scenario.needsActivityWorker {
                for _ in 0..<config.activityPollers { group.addTask { await pollActivityTasks(activityWorker) } }
            }
            let watchdog = Task { [tracker] in
                try? await Task.sleep(until: deadline, clock: .continuous)
                tracker.expireAll()
            }
            await drive(client, deadline: deadline)
            let cpuSeconds = processCPUSeconds() - cpuBefore
            watchdog.cancel()
            // Cancelling the group cancels the outstanding long polls and closes the connections.
            group.cancelAll()
            for connection in grpc { connection.beginGracefulShutdown() }
            return cpuSeconds
        }
        return stats.report(config: config, began: began, ended: .now, cpuSeconds: cpuSeconds)
    }

    // MARK: client

    /// Closed loop (`rate == 0`): `concurrency` tasks each run one workflow after another.
    /// Open loop (`rate > 0`): one workflow is launched every 1/rate s whatever is in flight.
    private func drive(_ service: Service, deadline: ContinuousClock.Instant) async {
        if config.rate > 0 {
            let start = ContinuousClock.now
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<config.count {
                    let due = start + .seconds(Double(i) / config.rate)
                    try? await Task.sleep(until: due, clock: .continuous)
                    guard ContinuousClock.now < deadline else { break }
                    group.addTask { await runWorkflow(service, i) }
                }
            }
        } else {
            let next = Counter()
            let stopStarting = config.duration > 0 ? ContinuousClock.now + .seconds(config.duration) : deadline
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<min(config.concurrency, config.count) {
                    group.addTask {
                        while case let i = next.take(), i < config.count, ContinuousClock.now < stopStarting {
                            await runWorkflow(service, i)
                        }
                    }
                }
            }
        }
    }

    /// One workflow, from the StartWorkflowExecution call to its close being acknowledged to our worker.
    private func runWorkflow(_ service: Service, _ i: Int) async {
        let id = "\(config.taskQueue)-\(i)"
        let request = Temporal_Api_Workflowservice_V1_StartWorkflowExecutionRequest.with {
            $0.namespace = config.namespace
            $0.workflowID = id
            $0.workflowType.name = config.scenario.rawValue
            $0.taskQueue = taskQueue
            $0.input = payloads("\(i)")
            $0.workflowTaskTimeout = .init(seconds: 10)
            $0.identity = identity
            $0.requestID = UUID().uuidString
            // start-only has no worker to take the first task.
            $0.requestEagerExecution = config.eagerStart && config.scenario != .startOnly
        }
        let called = ContinuousClock.now
        if config.scenario == .startOnly {
            do {
                _ = try await service.startWorkflowExecution(request)
                stats.completed(.now - called)
            } catch {
                stats.error("start", error)
            }
            return
        }
        tracker.begin(id)
        var started = Temporal_Api_Workflowservice_V1_StartWorkflowExecutionResponse()
        do {
            try await retrying("start") { started = try await service.startWorkflowExecution(request) }
        } catch {
            tracker.abandon(id)
            stats.error("start", error)
            return
        }
        if started.hasEagerWorkflowTask {
            // Eager start: this task is the worker for the first workflow task.
            do {
                try await handle(started.eagerWorkflowTask, service)
            } catch {
                stats.error("respond eager workflow task", error)
            }
        }
        if config.scenario == .signalQuery {
            guard await signalAndQuery(service, id) else {
                tracker.abandon(id)
                return
            }
        }
        if let latency = await tracker.wait(id) {
            stats.completed(latency)
        } else {
            stats.count("not closed before --timeout")
        }
    }

    /// signal-query: signal "ping", query "signals" (expects "1"), then signal "done" to close it.
    private func signalAndQuery(_ service: Service, _ id: String) async -> Bool {
        var execution = Temporal_Api_Common_V1_WorkflowExecution()
        execution.workflowID = id
        func signal(_ name: String) async -> Bool {
            do {
                let request = Temporal_Api_Workflowservice_V1_SignalWorkflowExecutionRequest.with {
                    $0.namespace = config.namespace
                    $0.workflowExecution = execution
                    $0.signalName = name
                    $0.identity = identity
                    $0.requestID = UUID().uuidString  // makes the retry idempotent
                }
                try await retrying("signal") { _ = try await service.signalWorkflowExecution(request) }
                return true
            } catch {
                stats.error("signal", error)
                return false
            }
        }
        guard await signal("ping") else { return false }
        let query = Temporal_Api_Workflowservice_V1_QueryWorkflowRequest.with {
            $0.namespace = config.namespace
            $0.execution = execution
            $0.query.queryType = "signals"
        }
        // A server may refuse a query until the first workflow task completed: retry briefly.
        for attempt in 1...20 {
            do {
                let answer = try await service.queryWorkflow(query)
                if answer.queryResult.payloads.first?.data != Data("1".utf8) { stats.count("query: wrong answer") }
                break
            } catch {
                stats.error(attempt == 20 ? "query" : "query retried", error)
                if attempt == 20 { return false }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        return await signal("done")
    }

    // MARK: worker

    private var taskQueue: Temporal_Api_Taskqueue_V1_TaskQueue {
        .with {
            $0.name = config.taskQueue
            $0.kind = .normal
        }
    }

    /// Polls until cancelled, handing each task to `handle`. A failed poll is counted (as a retry
    /// when UNAVAILABLE) and polled again after a pause, as SDK workers do; an empty answer is a
    /// long poll that expired.
    private func pollLoop<T>(
        _ label: String, poll: () async throws -> T, isEmpty: (T) -> Bool, handle: (T) async -> Void
    ) async {
        while !Task.isCancelled {
            let task: T
            do {
                task = try await poll()
            } catch {
                if Task.isCancelled { return }
                stats.error(label, error, pollRetried: true)
                try? await Task.sleep(for: .milliseconds(100))
                continue
            }
            if isEmpty(task) { continue }
            await handle(task)
        }
    }

    private var stickyTaskQueue: Temporal_Api_Taskqueue_V1_TaskQueue {
        .with {
            $0.name = stickyQueue
            $0.kind = .sticky
            $0.normalName = config.taskQueue
        }
    }

    private func pollWorkflowTasks(_ service: Service, sticky: Bool = false) async {
        let poll = Temporal_Api_Workflowservice_V1_PollWorkflowTaskQueueRequest.with {
            $0.namespace = config.namespace
            $0.taskQueue = sticky ? stickyTaskQueue : taskQueue
            $0.identity = identity
        }
        await pollLoop("poll workflow task", poll: { try await service.pollWorkflowTaskQueue(poll, options: Self.longPoll) },
                       isEmpty: { $0.taskToken.isEmpty }) { task in
            do {
                try await handle(task, service)
            } catch {
                if Task.isCancelled { return }
                stats.error(task.hasQuery ? "respond query task" : "respond workflow task", error)
            }
        }
    }

    /// Decides from the history: the whole of it in the task, or (sticky mode) what this worker
    /// kept from earlier tasks plus the new events the task carries.
    private func handle(_ task: Temporal_Api_Workflowservice_V1_PollWorkflowTaskQueueResponse,
                        _ service: Service) async throws {
        let run = task.workflowExecution.workflowID + "/" + task.workflowExecution.runID
        let events = task.history.events
        let kept = config.sticky && events.first?.eventID != 1 ? summaries[run] : nil
        var history: HistorySummary
        if let kept {
            history = kept
            history.add(events)
        } else {
            // The whole history is in the task (and its next pages), or, when the task carries
            // only new events this worker has no state for, read from the start.
            let whole = events.first?.eventID == 1
            history = HistorySummary(whole ? events : [])
            var pageToken = whole ? task.nextPageToken : Data()
            var readFromStart = !whole
            while readFromStart || !pageToken.isEmpty {
                readFromStart = false
                let page = try await service.getWorkflowExecutionHistory(.with {
                    $0.namespace = config.namespace
                    $0.execution = task.workflowExecution
                    $0.nextPageToken = pageToken
                })
                history.add(page.history.events)
                pageToken = page.nextPageToken
            }
        }
        let answer = payloads("\(history.pings)")
        if task.hasQuery {  // legacy query task
            let request = Temporal_Api_Workflowservice_V1_RespondQueryTaskCompletedRequest.with {
                $0.namespace = config.namespace
                $0.taskToken = task.taskToken
                $0.completedType = .answered
                $0.queryResult = answer
            }
            try await retrying("respond query task") { _ = try await service.respondQueryTaskCompleted(request) }
            return
        }
        let commands = decide(task.workflowType.name, task.workflowExecution.workflowID, history)
        let closes = commands.last?.commandType == .completeWorkflowExecution
        if config.sticky {
            summaries[run] = closes ? nil : history
        }
        let request = Temporal_Api_Workflowservice_V1_RespondWorkflowTaskCompletedRequest.with {
            $0.namespace = config.namespace
            $0.taskToken = task.taskToken
            $0.identity = identity
            $0.commands = commands
            if config.sticky && !closes {
                $0.stickyAttributes = .with {
                    $0.workerTaskQueue = stickyTaskQueue
                    $0.scheduleToStartTimeout = .init(seconds: 10)
                }
            }
            for id in task.queries.keys {
                $0.queryResults[id] = .with {
                    $0.resultType = .answered
                    $0.answer = answer
                }
            }
        }
        var eager: [Temporal_Api_Workflowservice_V1_PollActivityTaskQueueResponse] = []
        try await retrying("respond workflow task") {
            eager = try await service.respondWorkflowTaskCompleted(request).activityTasks
        }
        if closes
            || (task.workflowType.name == Scenario.waiting.rawValue && commands.last?.commandType == .startTimer) {
            tracker.finish(task.workflowExecution.workflowID)
        }
        // Activities the server handed back with the completion, as an SDK worker runs them.
        for activity in eager { try await completeActivity(activity, service) }
    }

    private func decide(_ type: String, _ workflowID: String, _ h: HistorySummary) -> [Temporal_Api_Command_V1_Command] {
        switch type {
        case Scenario.noop.rawValue, Self.childType:
            return [complete()]
        case Scenario.oneActivity.rawValue, Scenario.tenActivities.rawValue:
            let total = type == Scenario.oneActivity.rawValue ? 1 : 10
            if h.activitiesClosed >= total { return [complete()] }
            return h.activitiesScheduled == h.activitiesClosed ? [scheduleActivity(h.activitiesScheduled)] : []
        case Scenario.fanOut.rawValue:
            if h.activitiesScheduled == 0 { return (0..<Self.fanOutWidth).map(scheduleActivity) }
            return h.activitiesClosed >= Self.fanOutWidth ? [complete()] : []
        case Scenario.timer.rawValue:
            if h.timersFired > 0 { return [complete()] }
            return h.timersStarted == 0 ? [command(.startTimer, .startTimerCommandAttributes(.with {
                $0.timerID = "t"
                $0.startToFireTimeout = .init(seconds: 1)
            }))] : []
        case Scenario.child.rawValue:
            if h.childrenClosed > 0 { return [complete()] }
            return h.childrenInitiated == 0 ? [command(.startChildWorkflowExecution,
                .startChildWorkflowExecutionCommandAttributes(.with {
                    $0.namespace = config.namespace
                    $0.workflowID = "\(workflowID)-child"
                    $0.workflowType.name = Self.childType
                    $0.taskQueue = taskQueue
                    $0.workflowTaskTimeout = .init(seconds: 10)
                }))] : []
        case Scenario.signalQuery.rawValue:
            return h.done ? [complete()] : []
        case Scenario.waiting.rawValue:
            return h.timersStarted == 0 ? [command(.startTimer, .startTimerCommandAttributes(.with {
                $0.timerID = "wait"
                $0.startToFireTimeout = .init(seconds: 3600)
            }))] : []
        default:
            stats.count("unknown workflow type \(type)")
            return [complete()]
        }
    }

    private func pollActivityTasks(_ service: Service) async {
        let poll = Temporal_Api_Workflowservice_V1_PollActivityTaskQueueRequest.with {
            $0.namespace = config.namespace
            $0.taskQueue = taskQueue
            $0.identity = identity
        }
        await pollLoop("poll activity task", poll: { try await service.pollActivityTaskQueue(poll, options: Self.longPoll) },
                       isEmpty: { $0.taskToken.isEmpty }) { task in
            do {
                try await completeActivity(task, service)
            } catch {
                if Task.isCancelled { return }
                stats.error("activity task", error)
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    private func completeActivity(_ task: Temporal_Api_Workflowservice_V1_PollActivityTaskQueueResponse,
                                  _ service: Service) async throws {
        let request = Temporal_Api_Workflowservice_V1_RespondActivityTaskCompletedRequest.with {
            $0.namespace = config.namespace
            $0.taskToken = task.taskToken
            $0.identity = identity
            $0.result = task.input  // echo
        }
        try await retrying("respond activity task") { _ = try await service.respondActivityTaskCompleted(request) }
    }

    /// Retries a call whose connection died under it (UNAVAILABLE), as the SDKs do. A retried
    /// respond that finds its task gone (NOT_FOUND) is taken as applied by the first attempt.
    private func retrying(_ operation: String, _ call: () async throws -> Void) async throws {
        var attempt = 1
        while true {
            do {
                return try await call()
            } catch let error as RPCError where error.code == .unavailable && attempt < 5 && !Task.isCancelled {
                stats.count("\(operation) retried: unavailable")
            } catch let error as RPCError where error.code == .notFound && attempt > 1 && operation.hasPrefix("respond") {
                stats.count("\(operation) retried: notFound, taken as applied")
                return
            }
            attempt += 1
            try? await Task.sleep(for: .milliseconds(20 * attempt))
        }
    }

    // MARK: commands

    private func command(_ type: Temporal_Api_Enums_V1_CommandType,
                         _ attributes: Temporal_Api_Command_V1_Command.OneOf_Attributes) -> Temporal_Api_Command_V1_Command {
        .with {
            $0.commandType = type
            $0.attributes = attributes
        }
    }

    private func complete() -> Temporal_Api_Command_V1_Command {
        command(.completeWorkflowExecution, .completeWorkflowExecutionCommandAttributes(.with {
            $0.result = payloads("\"ok\"")
        }))
    }

    private func scheduleActivity(_ n: Int) -> Temporal_Api_Command_V1_Command {
        command(.scheduleActivityTask, .scheduleActivityTaskCommandAttributes(.with {
            $0.activityID = "\(n)"
            $0.activityType.name = "echo"
            $0.taskQueue = taskQueue
            $0.input = payloads("\(n)")
            $0.startToCloseTimeout = .init(seconds: 30)
            $0.requestEagerExecution = config.eagerActivities
        }))
    }
}

/// What the decisions need from a history, counted in one pass.
struct HistorySummary {
    var activitiesScheduled = 0, activitiesClosed = 0
    var timersStarted = 0, timersFired = 0
    var childrenInitiated = 0, childrenClosed = 0
    var pings = 0
    var done = false
    /// The last event counted: events a task repeats are not counted twice.
    var lastEventID: Int64 = 0

    init(_ events: [Temporal_Api_History_V1_HistoryEvent]) { add(events) }

    mutating func add(_ events: [Temporal_Api_History_V1_HistoryEvent]) {
        for event in events where event.eventID > lastEventID {
            lastEventID = event.eventID
            switch event.eventType {
            case .activityTaskScheduled: activitiesScheduled += 1
            case .activityTaskCompleted, .activityTaskFailed, .activityTaskTimedOut, .activityTaskCanceled:
                activitiesClosed += 1
            case .timerStarted: timersStarted += 1
            case .timerFired: timersFired += 1
            case .startChildWorkflowExecutionInitiated: childrenInitiated += 1
            case .childWorkflowExecutionCompleted, .childWorkflowExecutionFailed, .childWorkflowExecutionTimedOut,
                 .childWorkflowExecutionCanceled, .childWorkflowExecutionTerminated, .startChildWorkflowExecutionFailed:
                childrenClosed += 1
            case .workflowExecutionSignaled:
                switch event.workflowExecutionSignaledEventAttributes.signalName {
                case "ping": pings += 1
                case "done": done = true
                default: break
                }
            default: break
            }
        }
    }
}

/// A JSON-encoded string payload, as the SDKs' default converter writes it.
func payloads(_ text: String) -> Temporal_Api_Common_V1_Payloads {
    .with {
        $0.payloads = [.with {
            $0.metadata = ["encoding": Data("json/plain".utf8)]
            $0.data = Data(text.utf8)
        }]
    }
}

/// A sticky worker's memory of its open workflows, by workflow and run id.
final class StickyCache: Sendable {
    private let entries = Mutex<[String: HistorySummary]>([:])

    subscript(run: String) -> HistorySummary? {
        get { entries.withLock { $0[run] } }
        set { entries.withLock { $0[run] = newValue } }
    }
}

/// Hands out 0, 1, 2, … to the closed-loop client tasks.
final class Counter: Sendable {
    private let value = Atomic(0)
    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}
