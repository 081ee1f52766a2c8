import Foundation
import TernAPI
import Testing
@testable import TernCore

/// What a time-skipping clock waits for before it jumps (`WorkflowState.hasWorkInFlight`).
@Suite("WorkflowState: work in flight")
struct WorkInFlightTests {
    @Test func aScheduledOrRunningWorkflowTaskIsInFlight() throws {
        var run = Run()
        #expect(run.state.hasWorkInFlight(at: run.clock))  // first task scheduled
        _ = try run.startWorkflowTask()
        #expect(run.state.hasWorkInFlight(at: run.clock))
    }

    @Test func aRunWaitingOnATimerHasNothingInFlight() throws {
        var run = Run()
        try run.complete([startTimer("t", seconds: 30 * 86_400)])
        #expect(!run.state.hasWorkInFlight(at: run.clock))
        run.fire(.userTimer, after: 30 * 86_400)
        #expect(run.state.hasWorkInFlight(at: run.clock))  // the timer's workflow task
    }

    @Test func anActivityIsInFlightUntilItsAttemptEndsAndNotDuringItsBackOff() throws {
        var run = Run()
        let retry = RetryPolicy.with { $0.initialInterval = .init(seconds: 7 * 86_400); $0.backoffCoefficient = 1 }
        try run.complete([scheduleActivity("a1", retry: retry)])
        let id = try #require(run.state.activities.keys.first)
        #expect(run.state.hasWorkInFlight(at: run.clock))  // queued
        try run.startActivity(id)
        #expect(run.state.hasWorkInFlight(at: run.clock))  // running
        try run.failActivity(id, .with { $0.message = "boom" })
        #expect(!run.state.hasWorkInFlight(at: run.clock))  // a week of back-off
        run.fire(.activityRetry, after: 7 * 86_400)
        #expect(run.state.activities[id]?.attempt == 2)
        #expect(run.state.hasWorkInFlight(at: run.clock))  // the second attempt is queued
    }

    @Test func aClosedRunHasNothingInFlight() throws {
        var run = Run()
        try run.complete([command {
            $0.commandType = .completeWorkflowExecution
            $0.completeWorkflowExecutionCommandAttributes = .init()
        }])
        #expect(run.state.execution.status == .completed)
        #expect(!run.state.hasWorkInFlight(at: run.clock))
    }
}
