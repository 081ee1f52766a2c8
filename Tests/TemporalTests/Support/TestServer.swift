import Foundation
import GRPCNIOTransportHTTP2Posix
import Logging
import Temporal
import TernServer

/// The server the integration tests talk to: the one named by `TEMPORAL_TEST_SERVER`
/// (`host:port`, e.g. a `temporal server start-dev`), or else a Tern node started in this
/// process on a free port (once, shared by every test; each test uses its own task queue).
enum TestServer {
    static func address() async throws -> (host: String, port: Int) {
        try await Registry.shared.address()
    }

    /// Whether the tests run against Tern in this process (some checks need Tern's dynamic config).
    static var isExternal: Bool { ProcessInfo.processInfo.environment["TEMPORAL_TEST_SERVER"] != nil }

    private actor Registry {
        static let shared = Registry()
        // One start, awaited by every caller (an actor method that suspends could start two nodes).
        private var starting: Task<(host: String, port: Int), any Error>?

        func address() async throws -> (host: String, port: Int) {
            if let starting { return try await starting.value }
            let task = Task { try await Self.start() }
            starting = task
            return try await task.value
        }

        private static func start() async throws -> (host: String, port: Int) {
            if let named = ProcessInfo.processInfo.environment["TEMPORAL_TEST_SERVER"] {
                let parts = named.split(separator: ":")
                guard parts.count == 2, let port = Int(parts[1]) else {
                    fatalError("TEMPORAL_TEST_SERVER must be host:port, got \(named)")
                }
                return (String(parts[0]), port)
            }
            var configuration = ServerConfiguration()
            configuration.port = 0
            configuration.searchAttributes = ["CustomerId": .keyword, "OrderTotal": .double]
            var logger = Logger(label: "tern-test-server")
            // TERN_TEST_LOG=debug shows every request the in-process server serves.
            logger.logLevel = ProcessInfo.processInfo.environment["TERN_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
            let node = try TernNode(configuration: configuration, logger: logger)
            Task { try await node.run() }
            // Waits for the bind; it throws only once the node has stopped, so asking again is pointless.
            guard let address = try? await node.listeningAddress else {
                fatalError("the in-process Tern node did not start listening")
            }
            return address
        }
    }
}

/// A worker and a client on a fresh task queue, running while `body` runs.
func withWorkerAndClient<Result: Sendable>(
    workflows: [any WorkflowDefinition.Type] = [],
    activities: [any ActivityDefinition] = [],
    containers: [any ActivityContainer] = [],
    configure: (inout TemporalWorker.Configuration) -> Void = { _ in },
    clientConverter: DataConverter = .default,
    clientInterceptors: [any Temporal.ClientInterceptor] = [],
    _ body: @Sendable (TemporalClient, String) async throws -> Result
) async throws -> Result {
    let (host, port) = try await TestServer.address()
    let taskQueue = "tq-\(UUID().uuidString.prefix(12))"
    var logger = Logger(label: "sdk-test")
    logger.logLevel = .warning
    var configuration = TemporalWorker.Configuration(
        namespace: "default", taskQueue: taskQueue, instrumentation: .init(serverHostname: host))
    configure(&configuration)
    let worker = try TemporalWorker(
        configuration: configuration, target: .ipv4(address: host, port: port), transportSecurity: .plaintext,
        activityContainers: ActivityList(containers: containers), activities: activities, workflows: workflows,
        logger: logger)
    let client = try TemporalClient(
        target: .ipv4(address: host, port: port), transportSecurity: .plaintext,
        configuration: .init(
            instrumentation: .init(serverHostname: host), dataConverter: clientConverter, interceptors: clientInterceptors),
        logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await worker.run() }
        group.addTask { try await client.run() }
        defer { group.cancelAll() }
        return try await body(client, taskQueue)
    }
}

/// Several containers as one (the worker takes a parameter pack of concrete containers).
struct ActivityList: ActivityContainer {
    let containers: [any ActivityContainer]
    var allActivities: [any ActivityDefinition] { containers.flatMap(\.allActivities) }
}
