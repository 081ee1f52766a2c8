import Foundation
import Temporal
@testable import TemporalTestKit
import Testing

/// The kit's side of time skipping, against a recording `TestService` next to a real node: these
/// do not need the server's time skipping and check what the kit asks of it.
@Suite(.timeLimit(.minutes(2)))
struct TimeSkippingClientTests {
    /// Runs `body` with a server whose workflow service is a real node and whose `TestService` is
    /// the recording one.
    private func withRecordedServer(
        _ body: (TemporalTestServer, RecordingTestService) async throws -> Void
    ) async throws {
        let service = RecordingTestService()
        try await TemporalTestServer.withTestServer { node in
            let (host, port) = node.hostAndPort()
            try await service.serve { testService in
                try await body(TemporalTestServer(host: host, port: port, testService: testService), service)
            }
        }
    }

    @Test func waitingForAResultUnlocksTheClockAndLocksItAgain() async throws {
        try await withRecordedServer { server, service in
            #expect(server.supportsTimeSkipping)
            let greeting = try await server.withWorkerAndClient(
                activities: GreetingActivities().allActivities, workflows: [GreetingWorkflow.self], logger: quietLogger
            ) { taskQueue, client in
                let handle = try await client.startWorkflow(
                    type: GreetingWorkflow.self, options: .init(id: "greet-\(UUID())", taskQueue: taskQueue),
                    input: "clock")
                // Reads that are not a wait for the close event leave the clock alone.
                _ = try await handle.describe()
                _ = try await handle.fetchHistoryEvents()
                #expect(service.recorded.isEmpty)
                return try await handle.result()
            }
            #expect(greeting == "Hello, clock!")
            let calls = service.recorded
            // One unlock-lock pair per long poll, never two unlocks in a row.
            #expect(!calls.isEmpty && calls.count.isMultiple(of: 2))
            #expect(calls.enumerated().allSatisfy { $0.element == ($0.offset.isMultiple(of: 2) ? "unlock" : "lock") })
        }
    }

    @Test func withAutoTimeSkippingDisabledResultsLeaveTheClockLocked() async throws {
        try await withRecordedServer { server, service in
            let greeting = try await server.withWorkerAndClient(
                activities: GreetingActivities().allActivities, workflows: [GreetingWorkflow.self], logger: quietLogger
            ) { taskQueue, client in
                try await server.withAutoTimeSkippingDisabled {
                    try await client.executeWorkflow(
                        type: GreetingWorkflow.self, options: .init(id: "greet-\(UUID())", taskQueue: taskQueue),
                        input: "locked")
                }
            }
            #expect(greeting == "Hello, locked!")
            #expect(service.recorded.isEmpty)
        }
    }

    @Test func aCancelledWaitStillLocksTheClockAgain() async throws {
        try await withRecordedServer { server, service in
            try await server.withConnectedClient(logger: quietLogger) { client in
                // Nobody polls this queue: the result never comes.
                let handle = try await client.startWorkflow(
                    type: GreetingWorkflow.self, options: .init(id: "stuck-\(UUID())", taskQueue: "nobody-\(UUID())"),
                    input: "never")
                let wait = Task { try await handle.result() }
                while service.recorded.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
                wait.cancel()
                _ = await wait.result
                #expect(service.recorded == ["unlock", "lock"])
            }
        }
    }

    @Test func sleepAndCurrentTimeSpeakTheTestService() async throws {
        try await withRecordedServer { server, service in
            try await server.sleep(.milliseconds(1500))
            try await server.sleep(.seconds(30 * 24 * 3600))
            let now = try await server.currentTime()
            #expect(abs(now.timeIntervalSince(RecordingTestService.now)) < 0.001)
            #expect(service.recorded == ["sleep 1s 500000000ns", "sleep 2592000s 0ns", "time"])
        }
    }

    @Test func aRealTimeServerGetsNoTimeSkippingInterceptor() async throws {
        // The kit's plain server has no TestService: a result wait must not try to unlock.
        try await TemporalTestServer.withTestServer { server in
            #expect(!server.supportsTimeSkipping)
            #expect(!server.isAutoTimeSkippingEnabled)
            let greeting = try await server.withWorkerAndClient(
                activities: GreetingActivities().allActivities, workflows: [GreetingWorkflow.self], logger: quietLogger
            ) { taskQueue, client in
                try await client.executeWorkflow(
                    type: GreetingWorkflow.self, options: .init(id: "greet-\(UUID())", taskQueue: taskQueue), input: "plain")
            }
            #expect(greeting == "Hello, plain!")
        }
    }
}
