import Foundation
import SwiftProtobuf
import TernAPI
import Testing
@testable import TernCore

@Suite("WorkflowMachine: updates when the run closes")
struct UpdateCloseTests {
    private func request(_ id: String) -> UpdateRequest {
        .with { $0.meta.updateID = id; $0.input.name = "change" }
    }

    private func completeCommand() -> Command {
        .with {
            $0.commandType = .completeWorkflowExecution
            $0.completeWorkflowExecutionCommandAttributes = .init()
        }
    }

    @Test func anAcceptedUpdateFailsAndAnAdmittedOneIsAbortedWhenTheRunCompletes() throws {
        var run = Run()
        try run.step { try $0.admitUpdate(request("accepted")) }
        let token = try run.startWorkflowTask()
        try run.step { try $0.admitUpdate(request("late")) }  // arrives while the task runs
        let accept = ProtocolMessage.with {
            $0.id = "accepted/accept"
            $0.protocolInstanceID = "accepted"
            $0.body = try! Google_Protobuf_Any(message: Temporal_Api_Update_V1_Acceptance())
        }
        var completion = RespondWorkflowTaskCompletedRequest()
        completion.messages = [accept]
        completion.commands = [
            .with { $0.commandType = .protocolMessage; $0.protocolMessageCommandAttributes.messageID = accept.id },
            completeCommand(),
        ]
        let ended = try run.step { m in
            _ = try m.completeWorkflowTask(token, completion, searchAttributeTypes: [:])
            return m.updatesEndedByClose
        }
        #expect(run.state.execution.status == .completed)
        #expect(run.state.updates.isEmpty)
        #expect(ended == [
            EndedUpdate(updateID: "accepted", end: .failed(WorkflowMachine.acceptedUpdateCompletedWorkflow)),
            EndedUpdate(updateID: "late", end: .abortedByClose),
        ])
        #expect(WorkflowMachine.acceptedUpdateCompletedWorkflow.applicationFailureInfo.type == "AcceptedUpdateCompletedWorkflow")
    }

    @Test func anUpdateNotYetAcceptedMovesToTheRunAContinueAsNewStarts() throws {
        var run = Run()
        let token = try run.startWorkflowTask()
        try run.step { try $0.admitUpdate(request("u1")) }
        var completion = RespondWorkflowTaskCompletedRequest()
        completion.commands = [.with {
            $0.commandType = .continueAsNewWorkflowExecution
            $0.continueAsNewWorkflowExecutionCommandAttributes = .init()
        }]
        let (ended, next) = try run.step { m in
            _ = try m.completeWorkflowTask(token, completion, searchAttributeTypes: [:])
            return (m.updatesEndedByClose, m.newRun)
        }
        let newRun = try #require(next)
        #expect(ended == [EndedUpdate(updateID: "u1", end: .movedTo(runID: newRun.runID))])
        let moved = try #require(newRun.state.updates["u1"])
        #expect(moved.stage == .admitted && moved.admittedEventID == 0)
        // The new run's first task carries it to the worker.
        var machine = WorkflowMachine(state: newRun.state, now: Date())
        let started = try machine.recordWorkflowTaskStarted(
            scheduledEventID: newRun.state.workflowTask.scheduledEventID, requestID: "r", identity: "w")
        #expect(started.messages.map(\.protocolInstanceID) == ["u1"])
    }
}

@Suite("PayloadMaps: upserts")
struct PayloadMapsTests {
    @Test func nullEmptyAndEmptyListValuesRemoveKeys() {
        func payload(_ text: String) -> Temporal_Api_Common_V1_Payload { .with { $0.data = Data(text.utf8) } }
        var memo = ["a": payload("1"), "b": payload("2"), "c": payload("3"), "d": payload("4")]
        PayloadMaps.merge(["a": payload("null"), "b": payload(""), "c": payload("[]"), "d": payload("5"), "e": payload("6")],
                          into: &memo)
        #expect(memo == ["d": payload("5"), "e": payload("6")])
    }
}

@Suite("RunIDs")
struct RunIDTests {
    @Test func runIDsAreVersion7UUIDsOrderedByTime() throws {
        let earlier = RunIDs.make(now: Date(timeIntervalSince1970: 1_700_000_000))
        let later = RunIDs.make(now: Date(timeIntervalSince1970: 1_700_000_001))
        for id in [earlier, later] {
            let uuid = try #require(UUID(uuidString: id))
            #expect((uuid.uuid.6 >> 4) == 7)
            #expect((uuid.uuid.8 & 0xC0) == 0x80)
        }
        #expect(earlier < later)
        #expect(RunIDs.make() != RunIDs.make())
    }
}
