import Foundation
import Temporal
import TemporalTestKit
import Testing

/// The `.temporalTimeSkippingTestServer` trait and the kit's control of the virtual clock.
/// Serialized: the tests share one clock.
@Suite(
    .enabled(TimeSkippingProbe.reason) { await TimeSkippingProbe.isServed },
    .temporalTimeSkippingTestServer, .serialized, .timeLimit(.minutes(2)))
struct TimeSkippingTests {
    static let month = 30 * 24 * 3600

    @Test func theTraitProvidesATimeSkippingServer() async throws {
        let server = try #require(TemporalTestServer.timeSkippingTestServer)
        #expect(server.supportsTimeSkipping)
        #expect(TemporalTestServer.testServer == nil)
        // The clock starts at the wall clock's time and only ever runs ahead of it (other tests of
        // the suite may have skipped time already).
        let now = try await server.currentTime()
        #expect(now.timeIntervalSinceNow > -60)
    }

    @Test func aMonthLongSleepFinishesAtOnceAMonthLaterInWorkflowTime() async throws {
        let server = try #require(TemporalTestServer.timeSkippingTestServer)
        try await server.withWorkerAndClient(workflows: [SleepingWorkflow.self], logger: quietLogger) {
            taskQueue, client in
            let handle = try await client.startWorkflow(
                type: SleepingWorkflow.self, options: .init(id: "month-\(UUID())", taskQueue: taskQueue),
                input: Self.month)
            let start = ContinuousClock.now
            let times = try await handle.result()
            let waited = ContinuousClock.now - start
            // A month was skipped, not waited: the bound is loose on purpose (a loaded CI machine);
            // the wall time itself is measured by bench/testkit.
            #expect(waited < .seconds(30), "the result took \(waited) of wall time")
            #expect(times.count == 2)
            if times.count == 2 {
                #expect(times[1] - times[0] >= Double(Self.month))
                #expect(times[1] - times[0] < Double(Self.month) + 3600)
            }
        }
    }

    @Test func sleepMovesTheServerClock() async throws {
        let server = try #require(TemporalTestServer.timeSkippingTestServer)
        let before = try await server.currentTime()
        try await server.sleep(.seconds(3600))
        let after = try await server.currentTime()
        let moved = after.timeIntervalSince(before)
        #expect(moved >= 3600)
        #expect(moved < 3600 + 60)
    }

    @Test func withAutoTimeSkippingDisabledResultsWaitInRealTime() async throws {
        let server = try #require(TemporalTestServer.timeSkippingTestServer)
        try await server.withWorkerAndClient(workflows: [SleepingWorkflow.self], logger: quietLogger) {
            taskQueue, client in
            let handle = try await client.startWorkflow(
                type: SleepingWorkflow.self, options: .init(id: "real-\(UUID())", taskQueue: taskQueue), input: 2)
            // Locked clock: the 2 s timer cannot fire within one second of waiting.
            let finishedEarly = try await server.withAutoTimeSkippingDisabled {
                try await finishes(within: .seconds(1)) { _ = try await handle.result() }
            }
            #expect(!finishedEarly)
            // Unlocked again outside: the same wait now lets the clock jump to the timer.
            let times = try await handle.result()
            #expect(times.count == 2 && times[1] - times[0] >= 2)
        }
    }
}

/// Two time-skipping servers in one process each keep their own clock.
@Suite(.enabled(TimeSkippingProbe.reason) { await TimeSkippingProbe.isServed }, .timeLimit(.minutes(2)))
struct SeparateClocksTests {
    @Test func skippingTimeOnOneServerLeavesTheOtherAlone() async throws {
        try await TemporalTestServer.withTimeSkippingTestServer { first in
            try await TemporalTestServer.withTimeSkippingTestServer { second in
                #expect(first.hostAndPort().port != second.hostAndPort().port)
                try await first.sleep(.seconds(30 * 24 * 3600))
                let firstNow = try await first.currentTime()
                let secondNow = try await second.currentTime()
                #expect(firstNow.timeIntervalSince(secondNow) >= Double(30 * 24 * 3600) - 60)
                #expect(abs(secondNow.timeIntervalSinceNow) < 60)
            }
        }
    }
}

/// Whether `operation` completes within `limit` of wall time; it is cancelled if not.
private func finishes(
    within limit: Duration, _ operation: @escaping @Sendable () async throws -> Void
) async throws -> Bool {
    try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask {
            try await operation()
            return true
        }
        group.addTask {
            try await Task.sleep(for: limit)
            return false
        }
        defer { group.cancelAll() }
        return try await group.next() ?? false
    }
}
