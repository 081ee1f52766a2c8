import Foundation
import SwiftProtobuf
import TernAPI
import Testing
@testable import TernCore

@Suite("SchedulerRules")
struct SchedulerRulesTests {
    let created = Date(timeIntervalSince1970: 1_800_000_000)

    /// A schedule firing every `seconds`, created at `created`.
    func record(every seconds: Int64 = 10, overlap: ScheduleOverlapPolicy = .skip) -> ScheduleRecord {
        .with {
            $0.scheduleID = "nightly"
            $0.schedule.spec.interval = [.with { $0.interval = .init(seconds: seconds) }]
            $0.schedule.policies.overlapPolicy = overlap
            $0.info.createTime = created.timestamp
            $0.processedThrough = created.timestamp
        }
    }

    func spec(_ record: ScheduleRecord) throws -> CompiledScheduleSpec {
        try CompiledScheduleSpec(record.schedule.spec)
    }

    func running(_ id: String) -> WorkflowExecution { .with { $0.workflowID = id; $0.runID = "r-\(id)" } }

    @Test func dueTimesAreEachMatchingTimeOnceAndAdvanceTheCursor() throws {
        var r = record()
        let due = SchedulerRules.dueStarts(&r, spec: try spec(r), now: created.addingTimeInterval(35))
        #expect(due.map(\.nominalTime.seconds) == [1_800_000_010, 1_800_000_020, 1_800_000_030])
        #expect(r.processedThrough.seconds == 1_800_000_030)
        #expect(SchedulerRules.dueStarts(&r, spec: try spec(r), now: created.addingTimeInterval(36)).isEmpty)
    }

    @Test func timesOutsideTheCatchupWindowAreCountedAsMissed() throws {
        var r = record()
        r.schedule.policies.catchupWindow = .init(seconds: 15)
        let due = SchedulerRules.dueStarts(&r, spec: try spec(r), now: created.addingTimeInterval(45))
        #expect(due.map(\.nominalTime.seconds) == [1_800_000_030, 1_800_000_040])
        #expect(r.info.missedCatchupWindow == 2)
    }

    @Test func aPausedScheduleSkipsItsTimes() throws {
        var r = record()
        r.schedule.state.paused = true
        #expect(SchedulerRules.dueStarts(&r, spec: try spec(r), now: created.addingTimeInterval(35)).isEmpty)
        #expect(r.processedThrough.seconds == 1_800_000_030)
    }

    func starts(_ n: Int, policy: ScheduleOverlapPolicy = .unspecified) -> [BufferedStart] {
        (1...n).map { i in .with { $0.nominalTime = .init(seconds: Int64(i)); $0.overlapPolicy = policy } }
    }

    @Test func skipStartsOnlyWhenNothingRuns() {
        var r = record(overlap: .skip)
        #expect(SchedulerRules.decide(&r, newStarts: starts(2)).starts.count == 1)
        r.info.runningWorkflows = [running("a")]
        #expect(SchedulerRules.decide(&r, newStarts: starts(2)).starts.isEmpty)
        #expect(r.info.overlapSkipped == 3)
    }

    @Test func bufferOneKeepsOneAndSkipsTheRest() {
        var r = record(overlap: .bufferOne)
        r.info.runningWorkflows = [running("a")]
        let round = SchedulerRules.decide(&r, newStarts: starts(3))
        #expect(round.starts.isEmpty)
        #expect(r.buffered.count == 1 && r.info.overlapSkipped == 2)
        r.info.runningWorkflows = []  // the running one closed: the buffered start goes
        #expect(SchedulerRules.decide(&r, newStarts: []).starts.map(\.nominalTime.seconds) == [1])
    }

    @Test func bufferAllRunsThemOneAfterAnother() {
        var r = record(overlap: .bufferAll)
        r.info.runningWorkflows = [running("a")]
        _ = SchedulerRules.decide(&r, newStarts: starts(3))
        #expect(r.buffered.count == 3 && r.info.bufferSize == 3)
        r.info.runningWorkflows = []
        let round = SchedulerRules.decide(&r, newStarts: [])
        #expect(round.starts.count == 1 && r.buffered.count == 2)
    }

    @Test func cancelAndTerminateOther() {
        var r = record(overlap: .cancelOther)
        r.info.runningWorkflows = [running("a")]
        let cancel = SchedulerRules.decide(&r, newStarts: starts(1))
        #expect(cancel.cancel == [running("a")] && cancel.starts.isEmpty && r.buffered.count == 1)
        var t = record(overlap: .terminateOther)
        t.info.runningWorkflows = [running("a")]
        let terminate = SchedulerRules.decide(&t, newStarts: starts(1))
        #expect(terminate.terminate == [running("a")] && terminate.starts.count == 1)
    }

    @Test func allowAllAndPerStartPolicies() {
        var r = record(overlap: .skip)
        r.info.runningWorkflows = [running("a")]
        #expect(SchedulerRules.decide(&r, newStarts: starts(2, policy: .allowAll)).starts.count == 2)
    }

    @Test func theActionLimitStopsStarts() {
        var r = record(overlap: .allowAll)
        r.schedule.state.limitedActions = true
        r.schedule.state.remainingActions = 2
        #expect(SchedulerRules.decide(&r, newStarts: starts(3)).starts.count == 2)
        #expect(r.schedule.state.remainingActions == 0)
        #expect(SchedulerRules.decide(&r, newStarts: starts(1)).starts.isEmpty)
    }

    @Test func startedWorkflowsAreRecorded() {
        var r = record()
        let start = starts(1)[0]
        SchedulerRules.started(&r, start, execution: running("w"), at: created)
        #expect(r.info.actionCount == 1 && r.info.runningWorkflows == [running("w")])
        #expect(r.info.recentActions.first?.startWorkflowResult == running("w"))
        #expect(SchedulerRules.workflowID("report", nominal: created) == "report-2027-01-15T08:00:00Z")
    }
}
