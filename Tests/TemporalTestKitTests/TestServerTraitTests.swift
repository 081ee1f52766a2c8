import Foundation
import Logging
import ServiceLifecycle
import Temporal
import TemporalTestKit
import Testing

/// The `.temporalTestServer` trait: one in-process server for the suite, reached through
/// `TemporalTestServer.testServer`, with the worker and client helpers working against it.
@Suite(.temporalTestServer, .timeLimit(.minutes(2)))
struct TestServerTraitTests {
    @Test func theTraitProvidesAListeningRealTimeServer() async throws {
        let server = try #require(TemporalTestServer.testServer)
        #expect(!server.supportsTimeSkipping)
        #expect(TemporalTestServer.timeSkippingTestServer == nil)
        let (host, port) = server.hostAndPort()
        #expect(port > 0)
        #expect(acceptsConnections(host: host, port: port))
    }

    @Test func withWorkerAndClientRunsAWorkflowThatCallsAnActivity() async throws {
        let server = try #require(TemporalTestServer.testServer)
        let greeting = try await server.withWorkerAndClient(
            activities: GreetingActivities().allActivities,
            workflows: [GreetingWorkflow.self],
            logger: quietLogger
        ) { taskQueue, client in
            try await client.executeWorkflow(
                type: GreetingWorkflow.self,
                options: .init(id: "greet-\(UUID())", taskQueue: taskQueue),
                input: "World")
        }
        #expect(greeting == "Hello, World!")
    }

    @Test func withConnectedWorkerAndWithConnectedClientWorkTogether() async throws {
        let server = try #require(TemporalTestServer.testServer)
        let (host, port) = server.hostAndPort()
        let taskQueue = "kit-\(UUID())"
        let configuration = TemporalWorker.Configuration(
            namespace: "default", taskQueue: taskQueue, instrumentation: .init(serverHostname: host))
        let greeting = try await server.withConnectedWorker(
            configuration: configuration,
            activities: GreetingActivities().allActivities,
            workflows: [GreetingWorkflow.self],
            logger: quietLogger
        ) { _ in
            try await server.withConnectedClient(logger: quietLogger) { client, clientHost, clientPort in
                #expect(clientHost == host)
                #expect(clientPort == port)
                let handle = try await client.startWorkflow(
                    type: GreetingWorkflow.self,
                    options: .init(id: "greet-\(UUID())", taskQueue: taskQueue),
                    input: "worker")
                return try await handle.result()
            }
        }
        #expect(greeting == "Hello, worker!")
    }

    @Test func aWorkerThatCannotStartEndsTheScopeWithItsError() async throws {
        let server = try #require(TemporalTestServer.testServer)
        let configuration = TemporalWorker.Configuration(
            namespace: "no-such-namespace", taskQueue: "kit-\(UUID())", instrumentation: .init(serverHostname: "127.0.0.1"))
        await #expect(throws: (any Error).self) {
            try await server.withConnectedWorker(
                configuration: configuration, workflows: [GreetingWorkflow.self], logger: quietLogger
            ) { _ in
                // Would wait for ever if the worker's failure did not end the scope.
                try await Task.sleep(for: .seconds(3600))
            }
        }
    }

    @Test func aWorkerShutDownGracefullyEndsTheScope() async throws {
        let server = try #require(TemporalTestServer.testServer)
        struct WaitingService: Service {
            let server: TemporalTestServer

            func run() async throws {
                let configuration = TemporalWorker.Configuration(
                    namespace: "default", taskQueue: "kit-\(UUID())", instrumentation: .init(serverHostname: "127.0.0.1"))
                try await server.withConnectedWorker(
                    configuration: configuration, workflows: [GreetingWorkflow.self], logger: quietLogger
                ) { _ in
                    // Would wait for ever if the worker's graceful stop did not end the scope.
                    try await Task.sleep(for: .seconds(3600))
                }
            }
        }
        let group = ServiceGroup(services: [WaitingService(server: server)], logger: quietLogger)
        let started = ContinuousClock.now
        await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try? await Task.sleep(for: .milliseconds(200))  // let the worker start polling
            await group.triggerGracefulShutdown()
            await #expect(throws: (any Error).self) { try await tasks.waitForAll() }
        }
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func timeSkippingOperationsNeedATimeSkippingServer() async throws {
        let server = try #require(TemporalTestServer.testServer)
        await #expect(throws: TemporalTestServerError.requiresTimeSkipping(operation: "currentTime()")) {
            _ = try await server.currentTime()
        }
        await #expect(throws: TemporalTestServerError.requiresTimeSkipping(operation: "sleep(_:)")) {
            try await server.sleep(.seconds(1))
        }
    }
}
