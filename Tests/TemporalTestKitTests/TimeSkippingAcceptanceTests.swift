import Foundation
import Temporal
import TemporalTestKit
import Testing

/// Issue 13's time-skipping checks on the in-process test server: a week-long retry back-off and
/// a year-long run timeout pass in (much) less wall time than they span, with the workflow's
/// history carrying the skipped time. (A 30-day timer is in `TimeSkippingTests`.)
@Suite("Time skipping: retries and timeouts", .temporalTimeSkippingTestServer)
struct TimeSkippingAcceptanceTests {
    static let day: TimeInterval = 86_400

    @ActivityContainer
    struct Flaky {
        /// Fails until its third attempt.
        @Activity
        func thirdTimeLucky(input: String) async throws -> String {
            let attempt = ActivityExecutionContext.current?.info.attempt ?? 0
            if attempt < 3 { throw ApplicationError(message: "attempt \(attempt) fails", type: "NotYet") }
            return "\(input) on attempt \(attempt)"
        }
    }

    @Workflow
    struct WeeklyRetryWorkflow {
        init(input: String) {}

        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            try await context.executeActivity(
                Flaky.Activities.ThirdTimeLucky.self,
                options: ActivityOptions(
                    startToCloseTimeout: .seconds(30),
                    retryPolicy: RetryPolicy(initialInterval: .seconds(7 * 86_400), backoffCoefficient: 1)),
                input: input)
        }
    }

    /// Waits for a signal nobody sends: only its run timeout ends it.
    @Workflow
    struct WaitForeverWorkflow {
        var released = false

        init(input: String) {}

        mutating func run(context: WorkflowContext<Self>, input: String) async throws {
            try await context.condition { $0.released }
        }

        @WorkflowSignal
        mutating func release(input: Void) async throws { released = true }
    }

    private func server() throws -> TemporalTestServer {
        try #require(TemporalTestServer.timeSkippingTestServer)
    }

    private func seconds(_ from: Api.History.V1.HistoryEvent, _ to: Api.History.V1.HistoryEvent) -> TimeInterval {
        to.eventTime.date.timeIntervalSince(from.eventTime.date)
    }

    @Test func aWeekLongRetryBackOffTakesNoWallTime() async throws {
        let wall = ContinuousClock.now
        let events = try await server().withWorkerAndClient(
            activities: Flaky().allActivities, workflows: [WeeklyRetryWorkflow.self]
        ) { taskQueue, client in
            let handle = try await client.startWorkflow(
                type: WeeklyRetryWorkflow.self, options: .init(id: "retry-\(UUID())", taskQueue: taskQueue), input: "done")
            #expect(try await handle.result() == "done on attempt 3")
            return try await handle.fetchHistoryEvents()
        }
        // Two back-offs of a week each, skipped: far less wall time than the 14 days they span.
        #expect(ContinuousClock.now - wall < .seconds(30))
        let scheduled = try #require(events.first { $0.eventType == .activityTaskScheduled })
        let started = try #require(events.first { $0.eventType == .activityTaskStarted })
        #expect(started.activityTaskStartedEventAttributes.attempt == 3)
        #expect(abs(seconds(scheduled, started) - 14 * Self.day) < 60)
    }

    @Test func aYearLongRunTimeoutEndsTheRunAtOnce() async throws {
        let wall = ContinuousClock.now
        let events = try await server().withWorkerAndClient(workflows: [WaitForeverWorkflow.self]) { taskQueue, client in
            let handle = try await client.startWorkflow(
                type: WaitForeverWorkflow.self,
                options: .init(id: "forever-\(UUID())", taskQueue: taskQueue, runTimeout: .seconds(365 * 86_400)),
                input: "")
            let error = await #expect(throws: WorkflowFailedError.self) { try await handle.result() }
            #expect(error?.cause is TimeoutError)
            return try await handle.fetchHistoryEvents()
        }
        #expect(ContinuousClock.now - wall < .seconds(30))
        let first = try #require(events.first)
        let last = try #require(events.last)
        #expect(last.eventType == .workflowExecutionTimedOut)
        #expect(abs(seconds(first, last) - 365 * Self.day) < 60)
    }
}
