import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
public import Temporal
import TernServer

/// A Temporal server for tests, running inside the test process.
///
/// Each server is a complete Tern node (the same server `tern server start-dev` runs) listening on
/// a free local port with an in-memory store. It is started by ``withTestServer(searchAttributes:extraArguments:_:)``
/// or ``withTimeSkippingTestServer(_:)`` and stopped when that call's closure returns; nothing
/// outside the process is needed.
///
/// Most suites let a trait manage the server and read it from a task-local value:
///
/// ```swift
/// @Suite(.temporalTestServer)
/// struct GreetingTests {
///     @Test func greets() async throws {
///         let server = try #require(TemporalTestServer.testServer)
///         let greeting = try await server.withWorkerAndClient(
///             activities: GreetingActivities().allActivities,
///             workflows: [GreetingWorkflow.self]
///         ) { taskQueue, client in
///             try await client.executeWorkflow(
///                 type: GreetingWorkflow.self,
///                 options: .init(id: "greet-\(UUID())", taskQueue: taskQueue),
///                 input: "World")
///         }
///         #expect(greeting == "Hello, World!")
///     }
/// }
/// ```
///
/// A time-skipping server (``withTimeSkippingTestServer(_:)``, trait ``Testing/Trait/temporalTimeSkippingTestServer``)
/// runs on a virtual clock: while a client waits for a workflow's result, the clock jumps to the
/// next timer, retry or timeout as soon as no work is in flight, so a workflow that sleeps for a
/// month finishes at once.
public struct TemporalTestServer: Sendable {
    /// The server provided by the ``TemporalTestServerTrait`` (``Testing/Trait/temporalTestServer``)
    /// of the running test or suite; `nil` outside one.
    @TaskLocal
    public static var testServer: TemporalTestServer?

    /// The server provided by the ``TemporalTimeSkippingTestServerTrait``
    /// (``Testing/Trait/temporalTimeSkippingTestServer``) of the running test or suite; `nil` outside one.
    @TaskLocal
    public static var timeSkippingTestServer: TemporalTestServer?

    /// Set while ``withAutoTimeSkippingDisabled(_:)`` runs.
    @TaskLocal
    static var autoTimeSkippingDisabled = false

    let host: String
    let port: Int
    /// Temporal's `TestService` on this server; `nil` unless it was started for time skipping.
    let testService: Api.Testservice.V1.TestService.Client<HTTP2ClientTransport.Posix>?
    /// The result waits under way on this server's clients (see ``ResultWaits``).
    let resultWaits = ResultWaits()

    /// Whether this server runs on a virtual clock that can skip ahead
    /// (it was started by ``withTimeSkippingTestServer(_:)``).
    public var supportsTimeSkipping: Bool { testService != nil }

    /// Whether waiting for a workflow result lets the clock skip ahead right now.
    var isAutoTimeSkippingEnabled: Bool { supportsTimeSkipping && !Self.autoTimeSkippingDisabled }

    init(host: String, port: Int, testService: Api.Testservice.V1.TestService.Client<HTTP2ClientTransport.Posix>?) {
        self.host = host
        self.port = port
        self.testService = testService
    }

    /// The address the server listens on, for clients and workers built by hand.
    public func hostAndPort() -> (host: String, port: Int) {
        (host, port)
    }

    /// Starts a server that runs in real time, calls `body` with it, and stops it when `body` returns
    /// or throws.
    ///
    /// Each call starts its own server on its own port, so calls may overlap. A suite usually uses
    /// the ``Testing/Trait/temporalTestServer`` trait instead, which shares one server among its tests.
    ///
    /// - Parameters:
    ///   - searchAttributes: Custom search attributes every namespace of the server has from the start.
    ///   - extraArguments: Flags of `temporal server start-dev` to apply, as `["--flag", "value"]` or
    ///     `["--flag=value"]`: `--dynamic-config-value KEY=VALUE`, `--search-attribute Name=Type`,
    ///     `--namespace NAME`, `--db-filename PATH`, `--ip ADDRESS`, `--port PORT`,
    ///     `--log-level LEVEL` and `--headless`. Any other flag throws
    ///     ``TemporalTestServerError/unsupportedArgument(_:)``.
    ///   - body: What to do while the server runs.
    /// - Returns: What `body` returns.
    /// - Throws: ``TemporalTestServerError`` if the arguments are not usable or the server does not
    ///   start, and whatever `body` throws.
    public static func withTestServer<Result>(
        searchAttributes: [AnySearchAttributeKey] = [],
        extraArguments: [String] = [],
        _ body: (borrowing TemporalTestServer) async throws -> Result
    ) async throws -> Result {
        var arguments = TestServerArguments(configuration: baseConfiguration(timeSkipping: false), logLevel: .warning)
        for key in searchAttributes {
            arguments.configuration.searchAttributes[key.name] = key.type
        }
        try arguments.apply(extraArguments)
        return try await InProcessNode.run(arguments) { host, port in
            try await body(TemporalTestServer(host: host, port: port, testService: nil))
        }
    }

    /// Starts a server on a virtual clock, calls `body` with it, and stops it when `body` returns or
    /// throws.
    ///
    /// The clock starts at the current time and is locked. Waiting for a workflow's result through
    /// a client from ``withConnectedClient(logger:interceptors:_:)`` unlocks it for the wait, so timers
    /// fire as soon as nothing else is going on; ``sleep(_:)`` moves it forward explicitly and
    /// ``currentTime()`` reads it. A suite usually uses the
    /// ``Testing/Trait/temporalTimeSkippingTestServer`` trait instead, which shares one server among
    /// its tests.
    ///
    /// - Parameter body: What to do while the server runs.
    /// - Throws: ``TemporalTestServerError/timeSkippingUnavailable`` if the server does not offer
    ///   time skipping, and whatever `body` throws.
    public static func withTimeSkippingTestServer(
        _ body: (borrowing TemporalTestServer) async throws -> Void
    ) async throws {
        let arguments = TestServerArguments(configuration: baseConfiguration(timeSkipping: true), logLevel: .warning)
        try await InProcessNode.run(arguments) { host, port in
            let grpc = GRPCClient(
                transport: try HTTP2ClientTransport.Posix(
                    target: Self.target(host: host, port: port), transportSecurity: .plaintext))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await grpc.runConnections() }
                defer {
                    grpc.beginGracefulShutdown()
                }
                let server = TemporalTestServer(
                    host: host, port: port, testService: Api.Testservice.V1.TestService.Client(wrapping: grpc))
                try await server.checkTimeSkippingServed()
                try await body(server)
            }
        }
    }

    /// Where clients reach a server listening on `host` (an IPv6 literal when given `--ip ::1`).
    static func target(host: String, port: Int) -> any ResolvableTarget {
        host.contains(":") ? .ipv6(address: host, port: port) : .ipv4(address: host, port: port)
    }

    private static func baseConfiguration(timeSkipping: Bool) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.timeSkipping = timeSkipping
        return configuration
    }
}
