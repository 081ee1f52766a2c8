import Foundation
import TernAPI
import Testing
@testable import TernCore

@Suite("WorkflowMachine: activity operations")
struct ActivityOperationsTests {
    /// A run with one activity "a1" started on queue "orders"; returns its scheduled event id.
    private func runWithStartedActivity() throws -> (Run, Int64) {
        var run = Run()
        try run.complete([scheduleActivity("a1", retry: .with { $0.initialInterval = .init(seconds: 1); $0.maximumAttempts = 5 })])
        let id = try #require(run.state.activities.keys.first)
        try run.startActivity(id)
        return (run, id)
    }

    @Test func aPausedActivityStartsNoAttemptUntilUnpaused() throws {
        var (run, id) = try runWithStartedActivity()
        try run.step { try $0.pauseActivities(.id("a1"), identity: "op", reason: "why", requestID: "p1") }
        let token = run.activityToken(id)
        #expect(try run.step { try $0.recordActivityHeartbeat(token, details: nil) }.paused)
        run.transfers.removeAll()
        run.timers.removeAll()
        try run.failActivity(id, .with { $0.message = "stopped" })
        let info = try #require(run.state.activities[id])
        #expect(info.attempt == 2 && !info.started && info.paused)
        #expect(run.transfers.isEmpty && run.timers.isEmpty)  // no retry timer, no task
        #expect(throws: TernError.self) {
            try run.step { _ = try $0.recordActivityStarted(scheduledEventID: id, attempt: 2, requestID: "r", identity: "w") }
        }
        try run.step { try $0.unpauseActivities(.all, resetAttempts: true, resetHeartbeat: false, jitter: 0) }
        #expect(run.state.activities[id]?.attempt == 1)
        #expect(run.transfers.last?.scheduledEventID == id && run.transfers.last?.attempt == 1)
    }

    @Test func aResetWhileRunningIsHeardByHeartbeatsAndClearsDetailsForTheNextAttempt() throws {
        var (run, id) = try runWithStartedActivity()
        _ = try run.heartbeat(id, details: .with { $0.payloads = [.with { $0.data = Data("1".utf8) }] })
        try run.step { try $0.resetActivities(.type("charge"), resetHeartbeat: true, keepPaused: false, jitter: 0,
                                              restoreOriginalOptions: false) }
        let token = run.activityToken(id)
        let answer = try run.step { try $0.recordActivityHeartbeat(token, details: nil) }
        #expect(answer.reset && !answer.paused)
        try run.failActivity(id, .with { $0.message = "reset" })
        let info = try #require(run.state.activities[id])
        #expect(info.attempt == 2 && !info.resetRequested && !info.hasLastHeartbeatDetails)
    }

    @Test func newOptionsMoveAWaitingAttemptToItsNewQueueAndCanBeRestored() throws {
        var run = Run()
        try run.complete([scheduleActivity("a1")])
        let id = try #require(run.state.activities.keys.first)
        var options = ActivityOptions()
        options.taskQueue.name = "elsewhere"
        let updated = try run.step { try $0.updateActivityOptions(.id("a1"), options, paths: ["task_queue.name"], restoreOriginal: false) }
        #expect(updated.taskQueue.name == "elsewhere" && updated.startToCloseTimeout.seconds == 10)
        #expect(run.transfers.last?.taskQueue == "elsewhere")
        // The task still queued on the old queue is stale now.
        #expect(throws: TernError.self) {
            try run.step { _ = try $0.recordActivityStarted(scheduledEventID: id, attempt: 1, requestID: "r", identity: "w", taskQueue: "orders") }
        }
        let restored = try run.step { try $0.updateActivityOptions(.all, ActivityOptions(), paths: [], restoreOriginal: true) }
        #expect(restored.taskQueue.name == "orders")
        #expect(throws: TernError.self) {
            try run.step { _ = try $0.updateActivityOptions(.id("a1"), options, paths: ["no_such_field"], restoreOriginal: false) }
        }
    }

    @Test func operationsNameOnlyPendingActivities() throws {
        var (run, _) = try runWithStartedActivity()
        #expect(throws: WorkflowMachine.activityNotFoundByID) {
            try run.step { try $0.pauseActivities(.id("nope"), identity: "", reason: "", requestID: "") }
        }
        try run.step { try $0.pauseActivities(.id("a1"), identity: "", reason: "", requestID: "x") }
        #expect(throws: TernError(.failedPrecondition, "activity is already paused")) {
            try run.step { try $0.pauseActivities(.id("a1"), identity: "", reason: "", requestID: "y") }
        }
    }
}
