import Foundation
import SwiftProtobuf
import TernAPI
import Testing
@testable import TernCore

private func continueAsNew(input: String) -> Command {
    command {
        $0.commandType = .continueAsNewWorkflowExecution
        $0.continueAsNewWorkflowExecutionCommandAttributes = .with {
            $0.input.payloads = [.with { $0.data = Data(input.utf8) }]
        }
    }
}

private let failWorkflow = command {
    $0.commandType = .failWorkflowExecution
    $0.failWorkflowExecutionCommandAttributes.failure = .with {
        $0.message = "boom"
        $0.applicationFailureInfo = .with { $0.type = "Boom" }
    }
}

private func startChild(_ id: String, policy: Temporal_Api_Enums_V1_ParentClosePolicy = .terminate) -> Command {
    command {
        $0.commandType = .startChildWorkflowExecution
        $0.startChildWorkflowExecutionCommandAttributes = .with {
            $0.workflowID = id
            $0.workflowType.name = "Shipment"
            $0.parentClosePolicy = policy
        }
    }
}

private func updateRequest(_ id: String) -> UpdateRequest {
    .with {
        $0.meta.updateID = id
        $0.input.name = "add"
    }
}

private func message(_ updateID: String, _ body: some SwiftProtobuf.Message) throws -> ProtocolMessage {
    .with {
        $0.id = "\(updateID)/\(type(of: body))"
        $0.protocolInstanceID = updateID
        $0.body = try! Google_Protobuf_Any(message: body)
    }
}

@Suite("WorkflowMachine: continue-as-new, retry and cron")
struct NewRunTests {
    @Test func continueAsNewClosesTheRunAndStartsTheNextInTheSameChange() throws {
        var run = Run()
        var machine: WorkflowMachine?
        let token = try run.startWorkflowTask()
        try run.step { m in
            var request = RespondWorkflowTaskCompletedRequest()
            request.commands = [continueAsNew(input: "gen-2")]
            _ = try m.completeWorkflowTask(token, request, searchAttributeTypes: [:])
            machine = m
        }
        let next = try #require(machine?.newRun)
        #expect(run.types.last == .workflowExecutionContinuedAsNew)
        #expect(run.state.execution.status == .continuedAsNew)
        #expect(run.events.last?.workflowExecutionContinuedAsNewEventAttributes.newExecutionRunID == next.runID)
        let started = try #require(next.newEvents.first?.workflowExecutionStartedEventAttributes)
        #expect(started.continuedExecutionRunID == "run")
        #expect(started.firstExecutionRunID == "run")
        #expect(started.initiator == .workflow)
        #expect(started.input.payloads.first?.data == Data("gen-2".utf8))
        #expect(next.state.execution.workflowID == "wf")
        #expect(next.newEvents.map(\.eventType) == [.workflowExecutionStarted, .workflowTaskScheduled])
    }

    @Test func aFailedRunIsRetriedByItsPolicyWithBackoff() throws {
        var run = Run()
        run.state.execution.retryPolicy = .with { $0.initialInterval = .init(seconds: 3); $0.maximumAttempts = 2 }
        var next: NewRun?
        let token = try run.startWorkflowTask()
        try run.step { m in
            var request = RespondWorkflowTaskCompletedRequest()
            request.commands = [failWorkflow]
            _ = try m.completeWorkflowTask(token, request, searchAttributeTypes: [:])
            next = m.newRun
        }
        let failed = try #require(run.events.last?.workflowExecutionFailedEventAttributes)
        #expect(failed.retryState == .inProgress)
        let retry = try #require(next)
        #expect(failed.newExecutionRunID == retry.runID)
        let started = try #require(retry.newEvents.first?.workflowExecutionStartedEventAttributes)
        #expect(started.attempt == 2)
        #expect(started.initiator == .retry)
        #expect(started.firstWorkflowTaskBackoff.seconds == 3)
        #expect(started.continuedFailure.message == "boom")
        // The back-off delays the first task of the retry.
        #expect(retry.newEvents.count == 1)
        #expect(retry.timerTasks.contains { $0.kind == .workflowStartBackoff })
    }

    @Test func theLastAttemptFailsForGood() throws {
        var run = Run()
        run.state.execution.retryPolicy = .with { $0.maximumAttempts = 1 }
        let token = try run.startWorkflowTask()
        let next: NewRun? = try run.step { m in
            var request = RespondWorkflowTaskCompletedRequest()
            request.commands = [failWorkflow]
            _ = try m.completeWorkflowTask(token, request, searchAttributeTypes: [:])
            return m.newRun
        }
        #expect(next == nil)
        #expect(run.events.last?.workflowExecutionFailedEventAttributes.retryState == .maximumAttemptsReached)
        #expect(run.events.last?.workflowExecutionFailedEventAttributes.newExecutionRunID == "")
    }
}

@Suite("WorkflowMachine: children and external workflows")
struct ChildTests {
    @Test func aChildIsInitiatedStartedAndReportedBack() throws {
        var run = Run()
        try run.complete([startChild("child-1")])
        let initiated = try #require(run.events.first { $0.eventType == .startChildWorkflowExecutionInitiated })
        #expect(run.transfers.last?.kind == .startChild)
        #expect(run.transfers.last?.scheduledEventID == initiated.eventID)
        run.step { $0.childStarted(initiatedEventID: initiated.eventID, namespaceID: "ns", runID: "child-run") }
        #expect(run.types.suffix(2) == [.childWorkflowExecutionStarted, .workflowTaskScheduled])
        let close = HistoryEvent.with {
            $0.eventType = .workflowExecutionCompleted
            $0.workflowExecutionCompletedEventAttributes = .init()
        }
        let child = WorkflowExecution.with { $0.workflowID = "child-1"; $0.runID = "child-run" }
        run.step { $0.childClosed(initiatedEventID: initiated.eventID, namespaceID: "ns", execution: child, closeEvent: close) }
        #expect(run.types.last == .childWorkflowExecutionCompleted)
        let started = try #require(run.events.first { $0.eventType == .childWorkflowExecutionStarted })
        #expect(run.events.last?.childWorkflowExecutionCompletedEventAttributes.startedEventID == started.eventID)
        #expect(run.state.children.isEmpty)
        // A repeated report (at-least-once delivery) changes nothing.
        let count = run.events.count
        run.step { $0.childClosed(initiatedEventID: initiated.eventID, namespaceID: "ns", execution: child, closeEvent: close) }
        #expect(run.events.count == count)
    }

    @Test func closingAParentAppliesEachChildsPolicy() throws {
        var run = Run()
        try run.complete([startChild("t", policy: .terminate), startChild("c", policy: .requestCancel), startChild("a", policy: .abandon)])
        let first = try #require(run.events.first { $0.eventType == .startChildWorkflowExecutionInitiated })
        run.step { $0.childStarted(initiatedEventID: first.eventID, namespaceID: "ns", runID: "t-run") }
        try run.complete([completeWorkflow])
        let policies = run.transfers.filter { $0.kind == .parentClosePolicy }
        #expect(policies.map(\.target.workflowID) == ["t", "c"])
        #expect(policies.map(\.target.runID) == ["t-run", ""])
        #expect(policies.map(\.parentClosePolicy) == [.terminate, .requestCancel])
    }

    @Test func aSignalToAMissingWorkflowFailsWithItsCause() throws {
        var run = Run()
        try run.complete([command {
            $0.commandType = .signalExternalWorkflowExecution
            $0.signalExternalWorkflowExecutionCommandAttributes = .with {
                $0.execution.workflowID = "elsewhere"
                $0.signalName = "ping"
            }
        }])
        let initiated = try #require(run.events.last { $0.eventType == .signalExternalWorkflowExecutionInitiated })
        run.step { $0.externalRequestDone(initiatedEventID: initiated.eventID, failedCause: .externalWorkflowExecutionNotFound) }
        #expect(run.types.suffix(2) == [.signalExternalWorkflowExecutionFailed, .workflowTaskScheduled])
        #expect(run.state.externalRequests.isEmpty)
    }
}

@Suite("WorkflowMachine: updates")
struct UpdateTests {
    /// A run whose first task completed, idle with nothing pending.
    func idleRun() throws -> Run {
        var run = Run()
        try run.complete([])
        #expect(!run.state.hasWorkflowTask)
        return run
    }

    @Test func aRejectedUpdateLeavesNoTrace() throws {
        var run = try idleRun()
        let before = run.events.count
        let nextID = run.state.nextEventID
        try run.step { try $0.admitUpdate(updateRequest("u1")) }
        #expect(run.state.workflowTask.speculative)
        #expect(run.events.count == before)
        let token = try run.startWorkflowTask()
        #expect(run.events.count == before)
        #expect(token.startedEventID == nextID + 1)
        var request = RespondWorkflowTaskCompletedRequest()
        request.messages = [try message("u1", Temporal_Api_Update_V1_Rejection.with { $0.failure.message = "no" })]
        let (outcome, rejected) = try run.step { m in
            (try m.completeWorkflowTask(token, request, searchAttributeTypes: [:]), m.rejectedUpdates)
        }
        #expect(outcome.resetHistoryEventID == nextID - 1)
        #expect(rejected == [RejectedUpdate(updateID: "u1", failure: .with { $0.message = "no" })])
        #expect(run.events.count == before)
        #expect(run.state.nextEventID == nextID)
        #expect(run.state.updates.isEmpty && !run.state.hasWorkflowTask)
    }

    @Test func anAcceptedUpdateWritesTheSpeculativeTaskAndItsEvents() throws {
        var run = try idleRun()
        try run.step { try $0.admitUpdate(updateRequest("u1")) }
        try run.step { try $0.admitUpdate(updateRequest("u1")) }  // same id: no-op
        #expect(run.state.updates.count == 1)
        let token = try run.startWorkflowTask()
        var request = RespondWorkflowTaskCompletedRequest()
        let accept = try message("u1", Temporal_Api_Update_V1_Acceptance.with { $0.acceptedRequestMessageID = "u1/request" })
        let respond = try message("u1", Temporal_Api_Update_V1_Response.with {
            $0.meta.updateID = "u1"
            $0.outcome.success.payloads = [.with { $0.data = Data("5".utf8) }]
        })
        request.messages = [accept, respond]
        request.commands = [accept, respond].map { m in
            command { $0.commandType = .protocolMessage; $0.protocolMessageCommandAttributes.messageID = m.id }
        }
        try run.step { _ = try $0.completeWorkflowTask(token, request, searchAttributeTypes: [:]) }
        #expect(run.types.suffix(5) == [
            .workflowTaskScheduled, .workflowTaskStarted, .workflowTaskCompleted,
            .workflowExecutionUpdateAccepted, .workflowExecutionUpdateCompleted,
        ])
        #expect(run.ids == Array(1...Int64(run.events.count)))
        let info = try #require(run.state.updates["u1"])
        #expect(info.stage == .completed)
        #expect(info.completedEventID == run.events.last?.eventID)
    }

    @Test func aSignalDuringASpeculativeTaskMakesItReal() throws {
        var run = try idleRun()
        try run.step { try $0.admitUpdate(updateRequest("u1")) }
        try run.signal()
        #expect(!run.state.workflowTask.speculative)
        #expect(run.types.suffix(2) == [.workflowTaskScheduled, .workflowExecutionSignaled])
    }

    @Test func anUpdateOnAClosedRunIsNotFound() throws {
        var run = Run()
        try run.complete([completeWorkflow])
        #expect(throws: TernError.self) { try run.step { try $0.admitUpdate(updateRequest("late")) } }
    }
}

@Suite("WorkflowMachine: reset")
struct ResetTests {
    @Test func resetCopiesHistoryFailsTheTaskAndReappliesLaterSignals() throws {
        var run = Run()
        try run.complete([startTimer("t", seconds: 60)])
        try run.signal()
        try run.complete([])
        let resetPoint = try #require(run.events.last { $0.eventType == .workflowTaskCompleted })
        try run.signal()
        try run.complete([])
        let machine = try WorkflowMachine.reset(
            base: run.state, history: run.events, finishEventID: resetPoint.eventID, newRunID: "run-2",
            reason: "bad deploy", requestID: "reset-1", exclude: [], now: run.clock)
        let copied = resetPoint.eventID - 1
        #expect(machine.newEvents.prefix(Int(copied)).map(\.eventType) == run.events.prefix(Int(copied)).map(\.eventType))
        let failed = try #require(machine.newEvents.first { $0.eventType == .workflowTaskFailed })
        #expect(failed.eventID == copied + 1)
        #expect(failed.workflowTaskFailedEventAttributes.cause == .resetWorkflow)
        #expect(failed.workflowTaskFailedEventAttributes.baseRunID == "run")
        #expect(failed.workflowTaskFailedEventAttributes.failure.message == "bad deploy")
        #expect(machine.newEvents.map(\.eventType).suffix(2) == [.workflowExecutionSignaled, .workflowTaskScheduled])
        #expect(machine.newEvents.map(\.eventID) == Array(1...Int64(machine.newEvents.count)))
        // The timer started before the reset point is pending again and re-armed.
        #expect(machine.state.timers["t"] != nil)
        #expect(machine.timerTasks.contains { $0.kind == .userTimer && $0.timerID == "t" })
        #expect(machine.state.execution.runID == "run-2")
        #expect(machine.state.execution.lastCompletedTaskStartedEventID == 3)  // the first task, not the base run's last
        #expect(machine.state.workflowTask.attempt == 1)
    }

    @Test func resetExcludingSignalsDropsThem() throws {
        var run = Run()
        try run.complete([])
        let point = try #require(run.events.last { $0.eventType == .workflowTaskCompleted })
        try run.signal()
        let machine = try WorkflowMachine.reset(
            base: run.state, history: run.events, finishEventID: point.eventID, newRunID: "run-2",
            reason: "r", requestID: "x", exclude: [.signal], now: run.clock)
        #expect(!machine.newEvents.contains { $0.eventType == .workflowExecutionSignaled })
    }

    @Test func aResetPointMustEndAWorkflowTask() throws {
        let run = Run()
        #expect(throws: TernError.self) {
            _ = try WorkflowMachine.reset(
                base: run.state, history: run.events, finishEventID: 1, newRunID: "n", reason: "r", requestID: "x",
                exclude: [], now: run.clock)
        }
    }
}

@Suite("SearchAttributeRules: indexed values")
struct IndexedValueTests {
    func payload(_ json: String) -> Temporal_Api_Common_V1_Payload { .with { $0.data = Data(json.utf8) } }

    @Test func eachTypeDecodesItsJSON() {
        #expect(SearchAttributeRules.indexedValues(name: "k", payload: payload("\"a\""), type: .keyword) == [IndexedValue(name: "k", text: "a")])
        #expect(SearchAttributeRules.indexedValues(name: "l", payload: payload("[\"a\",\"b\"]"), type: .keywordList)?.count == 2)
        #expect(SearchAttributeRules.indexedValues(name: "i", payload: payload("42"), type: .int) == [IndexedValue(name: "i", int: 42)])
        #expect(SearchAttributeRules.indexedValues(name: "d", payload: payload("1.5"), type: .double) == [IndexedValue(name: "d", double: 1.5)])
        #expect(SearchAttributeRules.indexedValues(name: "b", payload: payload("true"), type: .bool) == [IndexedValue(name: "b", int: 1)])
        #expect(SearchAttributeRules.indexedValues(name: "t", payload: payload("\"2026-01-02T03:04:05.123456789Z\""), type: .datetime)?
            .first?.int == 1_767_323_045_123_457)
        #expect(SearchAttributeRules.indexedValues(name: "k", payload: payload("null"), type: .keyword) == [])
    }

    @Test func mismatchedValuesAreRefused() {
        #expect(SearchAttributeRules.indexedValues(name: "i", payload: payload("\"x\""), type: .int) == nil)
        #expect(SearchAttributeRules.indexedValues(name: "i", payload: payload("1.5"), type: .int) == nil)
        #expect(SearchAttributeRules.indexedValues(name: "d", payload: payload("true"), type: .double) == nil)
        #expect(SearchAttributeRules.indexedValues(name: "b", payload: payload("1"), type: .bool) == nil)
        #expect(SearchAttributeRules.indexedValues(name: "t", payload: payload("\"yesterday\""), type: .datetime) == nil)
        #expect(SearchAttributeRules.indexedValues(name: "k", payload: payload("7"), type: .keyword) == nil)
    }
}
