import Foundation
import TernAPI
import Testing
@testable import TernCore

@Suite("WorkflowMachine: pause and unpause")
struct PauseTests {
    @Test func aTaskNoWorkerStartedIsWithdrawnAndNothingIsScheduledWhilePaused() throws {
        var run = Run()
        try run.step { try $0.pause(identity: "op", reason: "r", requestID: "p1") }
        #expect(run.types == [.workflowExecutionStarted, .workflowTaskScheduled, .workflowTaskFailed, .workflowExecutionPaused])
        #expect(run.events[2].workflowTaskFailedEventAttributes.cause == .workflowPauseRequestedBeforeTaskStarted)
        #expect(run.events[3].workerMayIgnore)
        #expect(!run.state.hasWorkflowTask && run.state.execution.visibleStatus == .paused)
        try run.signal()
        #expect(run.types.last == .workflowExecutionSignaled && !run.state.hasWorkflowTask)
        // The same request again does nothing; another is refused.
        try run.step { try $0.pause(identity: "op", reason: "r", requestID: "p1") }
        #expect(run.types.filter { $0 == .workflowExecutionPaused }.count == 1)
        #expect(throws: TernError.self) { try run.step { try $0.pause(identity: "op", reason: "r", requestID: "p2") } }
        try run.step { try $0.unpause(identity: "op", reason: "done", requestID: "") }
        #expect(Array(run.types.suffix(2)) == [.workflowExecutionUnpaused, .workflowTaskScheduled])
        #expect(run.state.execution.visibleStatus == .running && !run.state.execution.hasPauseInfo)
        #expect(throws: TernError.self) { try run.step { try $0.unpause(identity: "op", reason: "", requestID: "") } }
    }

    @Test func activitiesDueWhilePausedWaitForTheUnpause() throws {
        var run = Run()
        try run.complete([scheduleActivity("a")])
        let scheduled = try #require(run.state.activities.keys.first)
        try run.step { try $0.pause(identity: "op", reason: "", requestID: "") }
        #expect(throws: TernError.self) { try run.startActivity(scheduled) }
        run.transfers.removeAll()
        try run.step { try $0.unpause(identity: "op", reason: "", requestID: "") }
        #expect(run.transfers.map(\.kind).contains(.activityTask))
        try run.startActivity(scheduled)
    }

    @Test func aClosedRunCannotBePausedAndAPausedOneCanBeTerminated() throws {
        var run = Run()
        try run.step { try $0.pause(identity: "op", reason: "", requestID: "") }
        try run.step { try $0.terminate(reason: "stop", details: nil, identity: "op") }
        #expect(run.state.execution.visibleStatus == .terminated)
        #expect(throws: TernError.self) { try run.step { try $0.unpause(identity: "op", reason: "", requestID: "") } }
    }
}
