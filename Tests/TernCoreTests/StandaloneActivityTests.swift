import Foundation
import TernAPI
import Testing
@testable import TernCore

@Suite("WorkflowMachine: standalone activities")
struct StandaloneActivityTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func started(delay: Int64 = 0) -> WorkflowMachine {
        let request = StartActivityRequest.with {
            $0.namespace = "default"
            $0.activityID = "a1"
            $0.activityType.name = "charge"
            $0.taskQueue.name = "orders"
            $0.scheduleToCloseTimeout = .init(seconds: 60)
            $0.startDelay = .init(seconds: delay)
        }
        return WorkflowMachine.startStandaloneActivity(request, namespaceID: "ns/activities", runID: "r1",
                                                       retention: .init(seconds: 3600), now: now)
    }

    func token(_ m: WorkflowMachine) -> TaskToken {
        .with { $0.scheduledEventID = WorkflowMachine.standaloneActivityEventID; $0.attempt = 1 }
    }

    @Test func itIsQueuedAtOnceOrAfterItsDelayAndNeverSchedulesAWorkflowTask() {
        let m = started()
        #expect(m.transferTasks.map(\.kind) == [.activityTask])
        #expect(m.state.execution.standaloneActivity && m.state.activities.count == 1)
        let info = m.state.activities[WorkflowMachine.standaloneActivityEventID]
        #expect(info?.startToCloseTimeout.seconds == 60)  // defaults to schedule-to-close
        let delayed = started(delay: 5)
        #expect(delayed.transferTasks.isEmpty)
        #expect(delayed.timerTasks.contains { $0.kind == .activityRetry && $0.fireTime.seconds == Int64(now.timeIntervalSince1970) + 5 })
    }

    @Test func itsOutcomeClosesTheRun() throws {
        var m = WorkflowMachine(state: started().state, now: now)
        _ = try m.recordActivityStarted(scheduledEventID: 1, attempt: 1, requestID: "r", identity: "w")
        var done = WorkflowMachine(state: m.state, now: now.addingTimeInterval(1))
        try done.completeActivity(token(done), result: .with { $0.payloads = [.with { $0.data = Data("2".utf8) }] }, identity: "w")
        #expect(done.state.execution.status == .completed)
        #expect(done.state.execution.activityOutcome.result.payloads.first?.data == Data("2".utf8))
        #expect(!done.state.hasWorkflowTask && done.transferTasks.isEmpty)
        #expect(done.timerTasks.contains { $0.kind == .deleteHistory })
        #expect(done.state.activities[1]?.attempt == 1)  // kept for describe
    }

    @Test func cancelBeforeStartAndTerminateEndItAtOnce() throws {
        var m = WorkflowMachine(state: started().state, now: now)
        try m.requestCancelStandaloneActivity(reason: "not needed")
        #expect(m.state.execution.status == .canceled)
        #expect(m.state.execution.activityOutcome.failure.message == "not needed")
        var t = WorkflowMachine(state: started().state, now: now)
        try t.terminateStandaloneActivity(reason: "operator", identity: "me")
        #expect(t.state.execution.status == .terminated)
        #expect(t.state.execution.activityOutcome.failure.terminatedFailureInfo.identity == "me")
        #expect(throws: WorkflowMachine.standaloneActivityCompleted) { try t.terminateStandaloneActivity(reason: "", identity: "") }
    }

    @Test func keysLiveBesideTheNamespace() {
        #expect(StandaloneActivityKeys.namespaceID("ns") == "ns/activities")
        #expect(StandaloneActivityKeys.owningNamespaceID("ns/activities") == "ns")
        #expect(StandaloneActivityKeys.owningNamespaceID("ns") == "ns")
    }
}
