import Foundation
import SwiftProtobuf
import TernAPI
import Testing
@testable import TernCore

/// Drives a `WorkflowMachine` through a run the way the engine does: each step starts from the
/// previous step's state and a later clock.
struct Run {
    var state: WorkflowState
    var events: [HistoryEvent] = []
    var transfers: [TransferTask] = []
    var timers: [TimerTask] = []
    var clock = Date(timeIntervalSince1970: 1_700_000_000)

    init(timeouts: (execution: Int64, run: Int64) = (0, 0), delay: Int64 = 0, signal: StartSignal? = nil) {
        var request = StartWorkflowRequest()
        request.namespace = "default"
        request.workflowID = "wf"
        request.workflowType.name = "Order"
        request.taskQueue.name = "orders"
        request.requestID = "req-1"
        request.identity = "client"
        request.workflowExecutionTimeout = .init(seconds: timeouts.execution)
        request.workflowRunTimeout = .init(seconds: timeouts.run)
        request.workflowStartDelay = .init(seconds: delay)
        let machine = WorkflowMachine.start(request, namespaceID: "ns", runID: "run", signal: signal, now: clock)
        state = machine.state
        absorb(machine)
    }

    mutating func absorb(_ machine: WorkflowMachine) {
        state = machine.state
        events += machine.newEvents
        transfers += machine.transferTasks
        timers += machine.timerTasks
    }

    @discardableResult
    mutating func step<T>(after seconds: TimeInterval = 0.1, _ body: (inout WorkflowMachine) throws -> T) rethrows -> T {
        clock = clock.addingTimeInterval(seconds)
        var machine = WorkflowMachine(state: state, now: clock)
        let result = try body(&machine)
        absorb(machine)
        return result
    }

    var types: [EventType] { events.map(\.eventType) }
    var ids: [Int64] { events.map(\.eventID) }

    /// Polls the pending workflow task and returns its token.
    mutating func startWorkflowTask(identity: String = "worker") throws -> TaskToken {
        let scheduled = state.workflowTask.scheduledEventID
        let started = try step { try $0.recordWorkflowTaskStarted(scheduledEventID: scheduled, requestID: "r", identity: identity) }
        return TaskToken.with {
            $0.workflowID = "wf"
            $0.runID = "run"
            $0.scheduledEventID = started.scheduledEventID
            $0.startedEventID = started.startedEventID
            $0.attempt = started.attempt
        }
    }

    @discardableResult
    mutating func complete(_ commands: [Command], sticky: String? = nil, attributes: [String: IndexedValueType] = [:]) throws -> WorkflowTaskOutcome {
        let token = try startWorkflowTask()
        var request = RespondWorkflowTaskCompletedRequest()
        request.identity = "worker"
        request.commands = commands
        if let sticky {
            request.stickyAttributes = .with {
                $0.workerTaskQueue.name = sticky
                $0.scheduleToStartTimeout = .init(seconds: 10)
            }
        }
        return try step { try $0.completeWorkflowTask(token, request, searchAttributeTypes: attributes) }
    }

    func activityToken(_ scheduledEventID: Int64) -> TaskToken {
        TaskToken.with {
            $0.workflowID = "wf"
            $0.runID = "run"
            $0.scheduledEventID = scheduledEventID
            $0.attempt = state.activities[scheduledEventID]?.attempt ?? 0
        }
    }

    mutating func completeActivity(_ id: Int64) throws {
        let token = activityToken(id)
        try step { try $0.completeActivity(token, result: nil, identity: "worker") }
    }

    mutating func failActivity(_ id: Int64, _ failure: Failure) throws {
        let token = activityToken(id)
        try step { try $0.failActivity(token, failure: failure, lastHeartbeatDetails: nil, identity: "w") }
    }

    mutating func heartbeat(_ id: Int64, after seconds: TimeInterval = 0.1, details: Payloads? = nil) throws -> Bool {
        let token = activityToken(id)
        return try step(after: seconds) { try $0.recordActivityHeartbeat(token, details: details).cancelRequested }
    }

    mutating func startActivity(_ scheduledEventID: Int64) throws {
        let attempt = state.activities[scheduledEventID]?.attempt ?? 0
        try step { _ = try $0.recordActivityStarted(scheduledEventID: scheduledEventID, attempt: attempt, requestID: "a", identity: "worker") }
    }

    /// Fires every armed timer of `kind` that is due by now + `seconds`.
    /// Timers re-armed while firing (a heartbeat timeout pushed back) fire too if due.
    mutating func fire(_ kind: TimerTask.Kind, after seconds: TimeInterval) {
        let due = clock.addingTimeInterval(seconds)
        while let next = timers.filter({ $0.kind == kind && $0.fireTime.date <= due }).min(by: { $0.fireTime.date < $1.fireTime.date }) {
            timers.removeAll { $0 == next }
            step(after: max(0, next.fireTime.date.timeIntervalSince(clock))) { $0.timerFired(next) }
        }
        clock = max(clock, due)
    }

    mutating func signal() throws {
        try step { try $0.signal(name: "wake", input: nil, header: nil, identity: "c", requestID: "") }
    }
}

func command(_ build: (inout Command) -> Void) -> Command {
    var c = Command()
    build(&c)
    return c
}

func scheduleActivity(_ id: String, startToClose: Int64 = 10, scheduleToClose: Int64 = 0, scheduleToStart: Int64 = 0,
                      heartbeat: Int64 = 0, retry: RetryPolicy? = nil, eager: Bool = false) -> Command {
    command {
        $0.commandType = .scheduleActivityTask
        $0.scheduleActivityTaskCommandAttributes = .with {
            $0.activityID = id
            $0.activityType.name = "charge"
            $0.taskQueue.name = "orders"
            $0.startToCloseTimeout = .init(seconds: startToClose)
            $0.scheduleToCloseTimeout = .init(seconds: scheduleToClose)
            $0.scheduleToStartTimeout = .init(seconds: scheduleToStart)
            $0.heartbeatTimeout = .init(seconds: heartbeat)
            if let retry { $0.retryPolicy = retry }
            $0.requestEagerExecution = eager
        }
    }
}

let completeWorkflow = command {
    $0.commandType = .completeWorkflowExecution
    $0.completeWorkflowExecutionCommandAttributes = .with { $0.result.payloads = [.with { $0.data = Data("done".utf8) }] }
}

func startTimer(_ id: String, seconds: Int64) -> Command {
    command {
        $0.commandType = .startTimer
        $0.startTimerCommandAttributes = .with { $0.timerID = id; $0.startToFireTimeout = .init(seconds: seconds) }
    }
}

@Suite("WorkflowMachine: start and workflow tasks")
struct WorkflowStartTests {
    @Test func startWritesStartedThenScheduledAndQueuesTheTask() {
        let run = Run()
        #expect(run.types == [.workflowExecutionStarted, .workflowTaskScheduled])
        #expect(run.ids == [1, 2])
        #expect(run.state.execution.status == .running)
        #expect(run.state.execution.taskTimeout.seconds == 10)
        #expect(run.transfers.map(\.kind) == [.workflowTask])
        #expect(run.transfers[0].taskQueue == "orders")
    }

    @Test func signalWithStartPutsTheSignalBeforeTheFirstTask() {
        let run = Run(signal: StartSignal(name: "go", input: nil, header: nil, identity: "c", requestID: "s1"))
        #expect(run.types == [.workflowExecutionStarted, .workflowExecutionSignaled, .workflowTaskScheduled])
    }

    @Test func startDelayHoldsTheFirstTaskUntilTheBackoffTimer() {
        var run = Run(delay: 5)
        #expect(run.types == [.workflowExecutionStarted])
        #expect(run.events[0].workflowExecutionStartedEventAttributes.firstWorkflowTaskBackoff.seconds == 5)
        try? run.step { try $0.signal(name: "early", input: nil, header: nil, identity: "c", requestID: "") }
        #expect(run.types.last == .workflowExecutionSignaled)
        run.fire(.workflowStartBackoff, after: 5)
        #expect(run.types.last == .workflowTaskScheduled)
    }

    static func eagerRequest(delay: Int64 = 0) -> StartWorkflowRequest {
        .with {
            $0.workflowID = "wf"
            $0.workflowType.name = "Order"
            $0.taskQueue.name = "orders"
            $0.requestID = "req-1"
            $0.identity = "starter"
            $0.requestEagerExecution = true
            $0.workflowStartDelay = .init(seconds: delay)
        }
    }

    @Test func eagerStartRecordsTheFirstTaskStartedInsteadOfQueueingIt() throws {
        var machine = WorkflowMachine.start(Self.eagerRequest(), namespaceID: "ns", runID: "run", now: Date())
        let eager = machine.startWorkflowTaskScheduledNow(requestID: "req-1", identity: "starter")
        let started = try #require(eager)
        #expect(machine.newEvents.map(\.eventType) == [.workflowExecutionStarted, .workflowTaskScheduled, .workflowTaskStarted])
        #expect(started.scheduledEventID == 2 && started.startedEventID == 3 && started.attempt == 1)
        #expect(machine.newEvents[2].workflowTaskStartedEventAttributes.identity == "starter")
        // No dispatch through matching, but the task still times out if the worker never answers.
        #expect(!machine.transferTasks.contains { $0.kind == .workflowTask })
        #expect(machine.timerTasks.contains { $0.kind == .workflowTaskTimeout && $0.eventID == 2 })
        // A retried start may hand the same task out again, until the run moves past it.
        let stored = WorkflowMachine(state: machine.state, now: Date())
        #expect(stored.eagerTaskToRepeat?.startedEventID == 3)
        var moved = stored
        let token = TaskToken.with {
            $0.workflowID = "wf"
            $0.runID = "run"
            $0.scheduledEventID = started.scheduledEventID
            $0.startedEventID = started.startedEventID
            $0.attempt = started.attempt
        }
        _ = try moved.completeWorkflowTask(token, RespondWorkflowTaskCompletedRequest(), searchAttributeTypes: [:])
        #expect(moved.eagerTaskToRepeat == nil)
    }

    @Test func noEagerTaskWhileTheStartIsDelayed() {
        var machine = WorkflowMachine.start(Self.eagerRequest(delay: 5), namespaceID: "ns", runID: "run", now: Date())
        let eager = machine.startWorkflowTaskScheduledNow(requestID: "req-1", identity: "starter")
        #expect(eager == nil)
        #expect(machine.newEvents.map(\.eventType) == [.workflowExecutionStarted])
        #expect(WorkflowMachine(state: machine.state, now: Date()).eagerTaskToRepeat == nil)
    }

    @Test func timeoutsDefaultAndCapAsTemporalDoes() {
        var request = StartWorkflowRequest()
        request.workflowExecutionTimeout = .init(seconds: 60)
        request.workflowRunTimeout = .init(seconds: 120)
        request.workflowTaskTimeout = .init(seconds: 600)
        let t = StartRules.timeouts(request)
        #expect(t.execution.seconds == 60)
        #expect(t.run.seconds == 60)
        #expect(t.task.seconds == 60)
        request.workflowRunTimeout = .init(seconds: 30)
        request.workflowTaskTimeout = .init()
        #expect(StartRules.timeouts(request).task.seconds == 10)
        request.workflowTaskTimeout = .init(seconds: 500)
        request.workflowExecutionTimeout = .init()
        request.workflowRunTimeout = .init()
        #expect(StartRules.timeouts(request).task.seconds == 120)
    }

    @Test(arguments: [
        ("", "WorkflowId"), ("wf", "WorkflowType"),
    ])
    func startValidationNamesTheMissingField(workflowID: String, field: String) {
        var request = StartWorkflowRequest()
        request.workflowID = workflowID
        request.taskQueue.name = "q"
        #expect { try StartRules.validate(request) } throws: { ($0 as? TernError)?.message.contains(field) == true }
    }

    @Test func workflowTaskStartedAndCompletedCarryTheirReferences() throws {
        var run = Run()
        try run.complete([completeWorkflow])
        #expect(run.types == [
            .workflowExecutionStarted, .workflowTaskScheduled, .workflowTaskStarted, .workflowTaskCompleted,
            .workflowExecutionCompleted,
        ])
        #expect(run.events[2].workflowTaskStartedEventAttributes.scheduledEventID == 2)
        #expect(run.events[3].workflowTaskCompletedEventAttributes.startedEventID == 3)
        #expect(run.events[4].workflowExecutionCompletedEventAttributes.workflowTaskCompletedEventID == 4)
        #expect(run.state.execution.status == .completed)
        #expect(run.state.execution.completionEventID == 5)
    }

    @Test func aStaleOrForgedWorkflowTaskTokenIsNotFound() throws {
        var run = Run()
        var token = try run.startWorkflowTask()
        token.attempt = 7
        let forged = token
        #expect(throws: WorkflowMachine.workflowTaskNotFound) {
            try run.step { try $0.completeWorkflowTask(forged, RespondWorkflowTaskCompletedRequest(), searchAttributeTypes: [:]) }
        }
        #expect(throws: TernError.self) {
            try run.step { _ = try $0.recordWorkflowTaskStarted(scheduledEventID: 99, requestID: "x", identity: "w") }
        }
    }

    @Test func anInvalidCommandFailsTheWholeTaskAndAppliesNothing() throws {
        var run = Run()
        let outcome = try run.complete([startTimer("t", seconds: 5), scheduleActivity("", startToClose: 10)])
        #expect(outcome.rejection?.cause == .badScheduleActivityAttributes)
        #expect(run.types.last == .workflowTaskFailed)
        #expect(run.state.timers.isEmpty)
        // The retry is transient: its events stay out of history unless it succeeds.
        #expect(run.state.workflowTask.attempt == 2)
        #expect(run.state.workflowTask.speculativeEvents.first?.workflowTaskScheduledEventAttributes.attempt == 2)
        let token = try run.startWorkflowTask()
        #expect(token.startedEventID == run.state.nextEventID + 1)
        try run.step { m in
            var request = RespondWorkflowTaskCompletedRequest()
            request.commands = [startTimer("t", seconds: 5), scheduleActivity("", startToClose: 10)]
            _ = try m.completeWorkflowTask(token, request, searchAttributeTypes: [:])
        }
        #expect(run.types.last == .workflowTaskFailed)  // the second failure left nothing
        #expect(run.state.workflowTask.attempt == 3)
        try run.complete([startTimer("t", seconds: 5)])
        #expect(run.types.suffix(4) == [.workflowTaskScheduled, .workflowTaskStarted, .workflowTaskCompleted, .timerStarted])
        #expect(run.events.first { $0.eventType == .workflowTaskScheduled && $0.eventID > 4 }?
            .workflowTaskScheduledEventAttributes.attempt == 3)
        #expect(run.ids == Array(1...Int64(run.events.count)))
    }

    @Test(arguments: [
        (scheduleActivity("a", startToClose: 0), WorkflowTaskFailedCause.badScheduleActivityAttributes),
        (startTimer("t", seconds: -1), .badStartTimerAttributes),
        (command { $0.commandType = .cancelTimer; $0.cancelTimerCommandAttributes.timerID = "none" }, .badCancelTimerAttributes),
        (command { $0.commandType = .requestCancelActivityTask; $0.requestCancelActivityTaskCommandAttributes.scheduledEventID = 42 },
         .badRequestCancelActivityAttributes),
        (command { $0.commandType = .recordMarker; $0.recordMarkerCommandAttributes = .init() }, .badRecordMarkerAttributes),
        (command {
            $0.commandType = .upsertWorkflowSearchAttributes
            $0.upsertWorkflowSearchAttributesCommandAttributes.searchAttributes.indexedFields["Unknown"] = .init()
        }, .badSearchAttributes),
    ])
    func badCommandAttributesHaveTheirCause(bad: Command, cause: WorkflowTaskFailedCause) throws {
        var run = Run()
        let outcome = try run.complete([bad])
        #expect(outcome.rejection?.cause == cause)
        #expect(run.events.last(where: { $0.eventType == .workflowTaskFailed })?.workflowTaskFailedEventAttributes.cause == cause)
    }

    @Test func workflowTaskTimeoutRetriesOnTheNormalQueue() throws {
        var run = Run()
        try run.complete([startTimer("t", seconds: 60)], sticky: "sticky-1")
        try run.step { try $0.signal(name: "s", input: nil, header: nil, identity: "c", requestID: "") }
        #expect(run.state.workflowTask.sticky)
        _ = try run.startWorkflowTask()
        run.fire(.workflowTaskTimeout, after: 10)
        #expect(run.types.last == .workflowTaskTimedOut)
        #expect(run.state.workflowTask.speculative)  // transient retry
        #expect(!run.state.workflowTask.sticky)
        #expect(run.state.workflowTask.attempt == 2)
    }

    @Test func stickyScheduleToStartTimeoutMovesTheTaskToTheNormalQueue() throws {
        var run = Run()
        try run.complete([startTimer("t", seconds: 1)], sticky: "sticky-1")
        run.fire(.userTimer, after: 1)
        #expect(run.transfers.last?.sticky == true)
        run.fire(.stickyScheduleToStart, after: 10)
        #expect(run.types.suffix(2) == [.workflowTaskTimedOut, .workflowTaskScheduled])
        #expect(run.events.suffix(2).first?.workflowTaskTimedOutEventAttributes.timeoutType == .scheduleToStart)
        #expect(run.transfers.last?.taskQueue == "orders")
        #expect(run.state.execution.stickyTaskQueue.isEmpty)
    }

    @Test func aTaskHandedToAWaitingPollLeavesNoOutboxRowOrStickyTimer() throws {
        var run = Run()
        try run.complete([startTimer("t", seconds: 1)], sticky: "sticky-1")
        let timer = try #require(run.timers.last { $0.kind == .userTimer })
        var machine = WorkflowMachine(state: run.state, now: run.clock.addingTimeInterval(1))
        machine.timerFired(timer)
        #expect(machine.queueOfWorkflowTaskScheduledNow == "sticky-1")
        #expect(machine.timerTasks.contains { $0.kind == .stickyScheduleToStart })
        let handed = machine.startWorkflowTaskScheduledNow(requestID: "r", identity: "sticky-worker")
        let started = try #require(handed)
        #expect(started.sticky)
        #expect(started.previousStartedEventID == 3)
        #expect(machine.transferTasks.isEmpty)
        #expect(!machine.timerTasks.contains { $0.kind == .stickyScheduleToStart })
        #expect(machine.timerTasks.contains { $0.kind == .workflowTaskTimeout })
        #expect(machine.newEvents.map(\.eventType) == [.timerFired, .workflowTaskScheduled, .workflowTaskStarted])
        #expect(machine.queueOfWorkflowTaskScheduledNow == nil)
        let again = machine.startWorkflowTaskScheduledNow(requestID: "r2", identity: "other")
        #expect(again == nil)
    }

    @Test func abandoningAStickyQueueReschedulesAtOnce() throws {
        var run = Run()
        try run.complete([startTimer("t", seconds: 1)], sticky: "sticky-1")
        run.fire(.userTimer, after: 1)
        run.step { $0.abandonStickyQueue("sticky-1") }
        #expect(run.transfers.last?.taskQueue == "orders")
    }
}

@Suite("WorkflowMachine: external events")
struct ExternalEventTests {
    @Test func signalsDuringAWorkflowTaskWaitUntilItEnds() throws {
        var run = Run()
        let token = try run.startWorkflowTask()
        try run.step { try $0.signal(name: "s", input: nil, header: nil, identity: "c", requestID: "r1") }
        #expect(run.types.last == .workflowTaskStarted)
        #expect(run.state.bufferedEvents.count == 1)
        var request = RespondWorkflowTaskCompletedRequest()
        request.commands = [startTimer("t", seconds: 5)]
        try run.step { _ = try $0.completeWorkflowTask(token, request, searchAttributeTypes: [:]) }
        #expect(run.types.suffix(4) == [.workflowTaskCompleted, .timerStarted, .workflowExecutionSignaled, .workflowTaskScheduled])
        #expect(run.ids == Array(1...Int64(run.events.count)))
    }

    @Test func closingWhileNewEventsWaitIsRefusedAsUnhandled() throws {
        var run = Run()
        let token = try run.startWorkflowTask()
        try run.step { try $0.signal(name: "s", input: nil, header: nil, identity: "c", requestID: "") }
        var request = RespondWorkflowTaskCompletedRequest()
        request.commands = [completeWorkflow]
        let outcome = try run.step { try $0.completeWorkflowTask(token, request, searchAttributeTypes: [:]) }
        #expect(outcome.rejection?.cause == .unhandledCommand)
        #expect(run.types.suffix(3) == [.workflowTaskFailed, .workflowExecutionSignaled, .workflowTaskScheduled])
        #expect(run.state.execution.status == .running)
    }

    @Test func aSignalDuringATimerSchedulesATask() throws {
        var run = Run()
        try run.complete([startTimer("t", seconds: 60)])
        try run.step { try $0.signal(name: "s", input: nil, header: nil, identity: "c", requestID: "") }
        #expect(run.types.suffix(3) == [.timerStarted, .workflowExecutionSignaled, .workflowTaskScheduled])
        try run.complete([command { $0.commandType = .cancelTimer; $0.cancelTimerCommandAttributes.timerID = "t" }, completeWorkflow])
        #expect(run.types.suffix(3) == [.workflowTaskCompleted, .timerCanceled, .workflowExecutionCompleted])
    }

    @Test func repeatedSignalRequestIDsAreApplidOnce() throws {
        var run = Run()
        try run.step { try $0.signal(name: "s", input: nil, header: nil, identity: "c", requestID: "same") }
        try run.step { try $0.signal(name: "s", input: nil, header: nil, identity: "c", requestID: "same") }
        #expect(run.types.filter { $0 == .workflowExecutionSignaled }.count == 1)
    }

    @Test func cancelRequestIsRecordedOnceAndWakesTheWorkflow() throws {
        var run = Run()
        try run.complete([startTimer("t", seconds: 60)])
        try run.step { try $0.requestCancel(reason: "r", identity: "c", requestID: "x") }
        try run.step { try $0.requestCancel(reason: "r", identity: "c", requestID: "y") }
        #expect(run.types.suffix(2) == [.workflowExecutionCancelRequested, .workflowTaskScheduled])
        try run.complete([command { $0.commandType = .cancelWorkflowExecution; $0.cancelWorkflowExecutionCommandAttributes = .init() }])
        #expect(run.state.execution.status == .canceled)
    }

    @Test func terminateFailsATaskInFlightThenCloses() throws {
        var run = Run()
        let token = try run.startWorkflowTask()
        try run.step { try $0.terminate(reason: "stop", details: nil, identity: "admin") }
        #expect(run.types.suffix(2) == [.workflowTaskFailed, .workflowExecutionTerminated])
        #expect(run.events.suffix(2).first?.workflowTaskFailedEventAttributes.cause == .forceCloseCommand)
        #expect(run.state.execution.status == .terminated)
        #expect(throws: TernError.self) {
            try run.step { _ = try $0.completeWorkflowTask(token, RespondWorkflowTaskCompletedRequest(), searchAttributeTypes: [:]) }
        }
        #expect(throws: WorkflowMachine.workflowCompleted) {
            try run.step { try $0.signal(name: "late", input: nil, header: nil, identity: "c", requestID: "") }
        }
    }

    @Test func runTimeoutClosesAsTimedOut() throws {
        var run = Run(timeouts: (execution: 0, run: 30))
        try run.complete([startTimer("t", seconds: 600)])
        run.fire(.workflowRunTimeout, after: 30)
        #expect(run.types.last == .workflowExecutionTimedOut)
        #expect(run.events.last?.workflowExecutionTimedOutEventAttributes.retryState == .timeout)
        #expect(run.state.timers.isEmpty)
    }

    @Test func aRunTimeoutFiredEarlyWaitsForItsDeadline() throws {
        let run = Run(timeouts: (execution: 0, run: 30))
        let timer = try #require(run.timers.first { $0.kind == .workflowRunTimeout })
        let early = timer.fireTime.date.addingTimeInterval(-0.0005)
        var machine = WorkflowMachine(state: run.state, now: early)
        machine.timerFired(timer)
        #expect(machine.state.execution.status == .running)
        #expect(machine.timerTasks.map(\.kind) == [.workflowRunTimeout])
        #expect(machine.timerTasks.first?.fireTime == run.state.execution.runExpirationTime)
    }

    @Test func timersFireOnceAndCanBeCancelled() throws {
        var run = Run()
        try run.complete([startTimer("a", seconds: 1), startTimer("b", seconds: 5)])
        run.fire(.userTimer, after: 1)
        #expect(run.types.suffix(2) == [.timerFired, .workflowTaskScheduled])
        #expect(run.events.suffix(2).first?.timerFiredEventAttributes.startedEventID == 5)
        try run.complete([command { $0.commandType = .cancelTimer; $0.cancelTimerCommandAttributes.timerID = "b" }])
        let before = run.events.count
        run.fire(.userTimer, after: 10)
        #expect(run.events.count == before, "a cancelled timer must not fire")
    }

    @Test func upsertsAndMemoChangesAreKeptInState() throws {
        var run = Run()
        let upsert = command {
            $0.commandType = .upsertWorkflowSearchAttributes
            $0.upsertWorkflowSearchAttributesCommandAttributes.searchAttributes.indexedFields["CustomerId"] = .with { $0.data = Data("\"c-1\"".utf8) }
        }
        let memo = command {
            $0.commandType = .modifyWorkflowProperties
            $0.modifyWorkflowPropertiesCommandAttributes.upsertedMemo.fields["note"] = .with { $0.data = Data("hi".utf8) }
        }
        let marker = command {
            $0.commandType = .recordMarker
            $0.recordMarkerCommandAttributes.markerName = "core_local_activity"
        }
        try run.complete([upsert, memo, marker], attributes: ["CustomerId": .keyword])
        #expect(run.types.suffix(3) == [.upsertWorkflowSearchAttributes, .workflowPropertiesModified, .markerRecorded])
        #expect(run.state.execution.searchAttributes.indexedFields["CustomerId"] != nil)
        #expect(run.state.execution.memo.fields["note"]?.data == Data("hi".utf8))
    }

    @Test func anUpsertOfTheWrongTypeFailsTheTask() throws {
        var run = Run()
        let upsert = command {
            $0.commandType = .upsertWorkflowSearchAttributes
            $0.upsertWorkflowSearchAttributesCommandAttributes.searchAttributes.indexedFields["Amount"] = .with { $0.data = Data("\"lots\"".utf8) }
        }
        let outcome = try run.complete([upsert], attributes: ["Amount": .int])
        #expect(outcome.rejection?.cause == .badSearchAttributes)
        #expect(outcome.rejection?.message.contains("Amount of type Int") == true)
        #expect(run.state.execution.searchAttributes.indexedFields.isEmpty)
    }
}

@Suite("WorkflowMachine: activities")
struct ActivityTests {
    @Test func completionWritesStartedLazilyThenCompleted() throws {
        var run = Run()
        try run.complete([scheduleActivity("a")])
        let scheduled = run.events.last!.eventID
        #expect(run.transfers.last?.kind == .activityTask)
        try run.startActivity(scheduled)
        #expect(run.types.last == .activityTaskScheduled, "STARTED is written only when the attempt ends")
        try run.completeActivity(scheduled)
        #expect(run.types.suffix(3) == [.activityTaskStarted, .activityTaskCompleted, .workflowTaskScheduled])
        let completed = run.events.suffix(2).first!.activityTaskCompletedEventAttributes
        #expect(completed.startedEventID == scheduled + 1)
        #expect(run.state.activities.isEmpty)
    }

    @Test func aCompletionDuringAWorkflowTaskKeepsItsStartedReference() throws {
        var run = Run()
        try run.complete([scheduleActivity("a"), startTimer("t", seconds: 1)])
        let scheduled = run.events.first { $0.eventType == .activityTaskScheduled }!.eventID
        try run.startActivity(scheduled)
        run.fire(.userTimer, after: 1)
        let token = try run.startWorkflowTask()
        try run.completeActivity(scheduled)
        var request = RespondWorkflowTaskCompletedRequest()
        request.identity = "worker"
        try run.step { _ = try $0.completeWorkflowTask(token, request, searchAttributeTypes: [:]) }
        let started = run.events.first { $0.eventType == .activityTaskStarted }!
        let completed = run.events.first { $0.eventType == .activityTaskCompleted }!
        #expect(completed.activityTaskCompletedEventAttributes.startedEventID == started.eventID)
        #expect(run.ids == Array(1...Int64(run.events.count)))
    }

    @Test func failuresRetryWithBackoffThenStopAtMaximumAttempts() throws {
        var run = Run()
        let policy = RetryPolicy.with {
            $0.initialInterval = .init(seconds: 1)
            $0.backoffCoefficient = 2
            $0.maximumAttempts = 3
        }
        try run.complete([scheduleActivity("a", retry: policy)])
        let id = run.events.last!.eventID
        var failure = Failure()
        failure.message = "boom"
        failure.applicationFailureInfo = .with { $0.type = "Boom" }
        for attempt in 1...2 {
            try run.startActivity(id)
            try run.failActivity(id, failure)
            #expect(run.state.activities[id]?.attempt == Int32(attempt + 1))
            let retry = run.timers.last!
            #expect(retry.kind == .activityRetry)
            #expect(retry.fireTime.date.timeIntervalSince(run.clock) == Double(1 << (attempt - 1)))
            run.fire(.activityRetry, after: 10)
            #expect(run.transfers.last?.attempt == Int32(attempt + 1))
        }
        try run.startActivity(id)
        try run.failActivity(id, failure)
        #expect(run.types.suffix(3) == [.activityTaskStarted, .activityTaskFailed, .workflowTaskScheduled])
        let startedEvent = run.events.suffix(3).first!.activityTaskStartedEventAttributes
        #expect(startedEvent.attempt == 3)
        #expect(startedEvent.lastFailure.message == "boom")
        #expect(run.events.suffix(2).first?.activityTaskFailedEventAttributes.retryState == .maximumAttemptsReached)
    }

    @Test func nonRetryableFailuresStopAtOnce() throws {
        var run = Run()
        try run.complete([scheduleActivity("a", retry: .with { $0.nonRetryableErrorTypes = ["Fatal"] })])
        let id = run.events.last!.eventID
        try run.startActivity(id)
        var failure = Failure()
        failure.applicationFailureInfo = .with { $0.type = "Fatal" }
        try run.failActivity(id, failure)
        #expect(run.events.suffix(2).first?.activityTaskFailedEventAttributes.retryState == .nonRetryableFailure)
    }

    @Test func aStaleAttemptsTokenIsNotFound() throws {
        var run = Run()
        try run.complete([scheduleActivity("a", retry: .with { $0.initialInterval = .init(seconds: 1) })])
        let id = run.events.last!.eventID
        try run.startActivity(id)
        let stale = run.activityToken(id)
        run.fire(.activityTimeout, after: 10)
        #expect(run.state.activities[id]?.attempt == 2)
        #expect(throws: WorkflowMachine.activityTaskNotFound) {
            try run.step { try $0.completeActivity(stale, result: nil, identity: "late") }
        }
    }

    @Test func heartbeatsPushTheHeartbeatDeadlineAndReportCancellation() throws {
        var run = Run()
        try run.complete([scheduleActivity("a", startToClose: 60, heartbeat: 5)])
        let id = run.events.last!.eventID
        try run.startActivity(id)
        let token = run.activityToken(id)
        let cancel = try run.heartbeat(id, after: 4, details: .with { $0.payloads = [.init()] })
        #expect(!cancel)
        run.fire(.activityTimeout, after: 1.5)
        #expect(run.state.activities[id]?.attempt == 1, "a heartbeat within the timeout keeps the attempt alive")
        try run.signal()
        try run.complete([command {
            $0.commandType = .requestCancelActivityTask
            $0.requestCancelActivityTaskCommandAttributes.scheduledEventID = id
        }])
        #expect(run.types.last == .activityTaskCancelRequested)
        #expect(try run.heartbeat(id))
        try run.step { try $0.cancelActivity(token, details: nil, identity: "w") }
        #expect(run.types.suffix(3) == [.activityTaskStarted, .activityTaskCanceled, .workflowTaskScheduled])
    }

    @Test func heartbeatTimeoutRetriesWithTheLastDetails() throws {
        var run = Run()
        try run.complete([scheduleActivity("a", startToClose: 60, heartbeat: 2, retry: .with { $0.initialInterval = .init(seconds: 1) })])
        let id = run.events.last!.eventID
        try run.startActivity(id)
        let details = Payloads.with { $0.payloads = [.with { $0.data = Data("50%".utf8) }] }
        _ = try run.heartbeat(id, after: 1, details: details)
        run.fire(.activityTimeout, after: 10)
        let info = try #require(run.state.activities[id])
        #expect(info.attempt == 2)
        #expect(info.lastHeartbeatDetails == details)
        #expect(info.lastFailure.timeoutFailureInfo.timeoutType == .heartbeat)
    }

    @Test func cancellingAnActivityNotYetStartedEndsItAtOnce() throws {
        var run = Run()
        try run.complete([scheduleActivity("a")])
        let id = run.events.last!.eventID
        try run.signal()
        try run.complete([command {
            $0.commandType = .requestCancelActivityTask
            $0.requestCancelActivityTaskCommandAttributes.scheduledEventID = id
        }])
        #expect(run.types.suffix(3) == [.activityTaskCancelRequested, .activityTaskCanceled, .workflowTaskScheduled])
        #expect(run.state.activities.isEmpty)
    }

    @Test(arguments: [TimeoutCase.scheduleToStart, .scheduleToClose, .startToClose])
    func eachTimeoutKindEndsTheActivity(kind: TimeoutCase) throws {
        var run = Run()
        let noRetry = RetryPolicy.with { $0.maximumAttempts = 1 }
        switch kind {
        case .scheduleToStart: try run.complete([scheduleActivity("a", scheduleToStart: 3, retry: noRetry)])
        case .scheduleToClose: try run.complete([scheduleActivity("a", startToClose: 0, scheduleToClose: 3, retry: noRetry)])
        case .startToClose: try run.complete([scheduleActivity("a", startToClose: 3, retry: noRetry)])
        }
        let id = run.events.last!.eventID
        if kind != .scheduleToStart { try run.startActivity(id) }
        run.fire(.activityTimeout, after: 3)
        let timedOut = try #require(run.events.last { $0.eventType == .activityTaskTimedOut })
        #expect(timedOut.activityTaskTimedOutEventAttributes.failure.timeoutFailureInfo.timeoutType == kind.type)
        #expect(run.state.activities.isEmpty)
    }

    enum TimeoutCase: CaseIterable, Sendable {
        case scheduleToStart, scheduleToClose, startToClose
        var type: Temporal_Api_Enums_V1_TimeoutType {
            switch self {
            case .scheduleToStart: .scheduleToStart
            case .scheduleToClose: .scheduleToClose
            case .startToClose: .startToClose
            }
        }
    }

    @Test func eagerActivitiesStartWithoutTheTaskQueue() throws {
        var run = Run()
        let outcome = try run.complete([scheduleActivity("a", eager: true), scheduleActivity("b")])
        #expect(outcome.eagerActivities.map(\.activityID) == ["a"])
        #expect(run.transfers.filter { $0.kind == .activityTask }.count == 1)
        #expect(run.state.activities.values.first { $0.activityID == "a" }?.started == true)
    }

    @Test func activityTimeoutsFollowTemporalsRules() throws {
        var a = Temporal_Api_Command_V1_ScheduleActivityTaskCommandAttributes()
        a.scheduleToCloseTimeout = .init(seconds: 100)
        var t = try #require(WorkflowMachine.activityTimeouts(a, runTimeout: .init(seconds: 50)))
        #expect(t.scheduleToClose.seconds == 50)
        #expect(t.startToClose.seconds == 50)
        #expect(t.scheduleToStart.seconds == 50)
        a = .init()
        a.startToCloseTimeout = .init(seconds: 10)
        a.heartbeatTimeout = .init(seconds: 30)
        t = try #require(WorkflowMachine.activityTimeouts(a, runTimeout: .init()))
        #expect(t.scheduleToClose.seconds == 0)
        #expect(t.heartbeat.seconds == 10)
        #expect(WorkflowMachine.activityTimeouts(.init(), runTimeout: .init()) == nil)
    }
}

@Suite("RetryRules")
struct RetryRulesTests {
    @Test func defaultsMatchTemporal() {
        let p = RetryRules.withDefaults(nil)
        #expect(p.initialInterval.seconds == 1)
        #expect(p.backoffCoefficient == 2)
        #expect(p.maximumInterval.seconds == 100)
        #expect(p.maximumAttempts == 0)
    }

    @Test func backoffGrowsGeometricallyUpToTheMaximum() {
        let p = RetryPolicy.with {
            $0.initialInterval = .init(seconds: 1)
            $0.backoffCoefficient = 3
            $0.maximumInterval = .init(seconds: 20)
        }
        #expect((1...5).map { RetryRules.backoff(p, afterAttempt: $0) } == [1, 3, 9, 20, 20])
    }

    @Test func deadlinesAndNextRetryDelayAreHonoured() {
        let now = Date()
        var failure = Failure()
        failure.applicationFailureInfo = .init()
        let p = RetryPolicy.with { $0.initialInterval = .init(seconds: 10) }
        #expect(RetryRules.decide(policy: p, attempt: 1, failure: failure, now: now, deadline: now.addingTimeInterval(5)) == .stop(.timeout))
        failure.applicationFailureInfo.nextRetryDelay = .init(seconds: 2)
        #expect(RetryRules.decide(policy: p, attempt: 1, failure: failure, now: now, deadline: now.addingTimeInterval(5)) == .retry(after: 2))
        #expect(RetryRules.decide(policy: nil, attempt: 1, failure: failure, now: now, deadline: nil) == .stop(.retryPolicyNotSet))
    }

    @Test func scheduleToStartTimeoutsAreNotRetried() {
        var failure = Failure()
        failure.timeoutFailureInfo = .with { $0.timeoutType = .scheduleToStart }
        #expect(RetryRules.decide(policy: RetryPolicy(), attempt: 1, failure: failure, now: Date(), deadline: nil) == .stop(.timeout))
        failure.timeoutFailureInfo.timeoutType = .startToClose
        #expect(RetryRules.decide(policy: RetryPolicy(), attempt: 1, failure: failure, now: Date(), deadline: nil) == .retry(after: 1))
    }

    @Test(arguments: [
        RetryPolicy.with { $0.initialInterval = .init(seconds: -1) },
        RetryPolicy.with { $0.backoffCoefficient = 0.5 },
        RetryPolicy.with { $0.maximumAttempts = -1 },
        RetryPolicy.with { $0.initialInterval = .init(seconds: 5); $0.maximumInterval = .init(seconds: 1) },
    ])
    func invalidPoliciesAreRejected(policy: RetryPolicy) {
        #expect(throws: TernError.self) { try RetryRules.validate(policy) }
    }
}

@Suite("WorkflowMachine: closing commands")
struct ClosingCommandTests {
    @Test func failWorkflowExecutionClosesAsFailed() throws {
        var run = Run()
        try run.complete([command {
            $0.commandType = .failWorkflowExecution
            $0.failWorkflowExecutionCommandAttributes.failure.message = "bad input"
        }])
        #expect(run.types.last == .workflowExecutionFailed)
        #expect(run.events.last?.workflowExecutionFailedEventAttributes.failure.message == "bad input")
        #expect(run.events.last?.workflowExecutionFailedEventAttributes.retryState == .retryPolicyNotSet)
        #expect(run.state.execution.status == .failed)
    }

    @Test func commandsAfterACloseAreIgnored() throws {
        var run = Run()
        try run.complete([completeWorkflow, startTimer("after", seconds: 5)])
        #expect(run.types.last == .workflowExecutionCompleted)
        #expect(run.state.timers.isEmpty)
        #expect(run.timers.allSatisfy { $0.kind != .userTimer })
    }

    @Test(arguments: [
        (Temporal_Api_Enums_V1_CommandType.startChildWorkflowExecution, WorkflowTaskFailedCause.badStartChildExecutionAttributes),
        (.signalExternalWorkflowExecution, .badSignalWorkflowExecutionAttributes),
        (.requestCancelExternalWorkflowExecution, .badRequestCancelExternalWorkflowExecutionAttributes),
        (.protocolMessage, .badUpdateWorkflowExecutionMessage),
    ])
    func emptyCompositionCommandsFailTheTaskWithTheirCause(type: Temporal_Api_Enums_V1_CommandType, cause: WorkflowTaskFailedCause) throws {
        var run = Run()
        let empty = command {
            $0.commandType = type
            switch type {
            case .startChildWorkflowExecution: $0.startChildWorkflowExecutionCommandAttributes = .init()
            case .signalExternalWorkflowExecution: $0.signalExternalWorkflowExecutionCommandAttributes = .init()
            case .requestCancelExternalWorkflowExecution: $0.requestCancelExternalWorkflowExecutionCommandAttributes = .init()
            default: $0.protocolMessageCommandAttributes = .with { $0.messageID = "no-such-message" }
            }
        }
        let outcome = try run.complete([empty])
        #expect(outcome.rejection?.cause == cause)
        #expect(outcome.rejection?.message.isEmpty == false)
        #expect(run.types.last == .workflowTaskFailed)
        #expect(run.state.workflowTask.attempt == 2)
        #expect(run.state.execution.status == .running)
    }
}
