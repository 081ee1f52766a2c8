import GRPCCore
import GRPCNIOTransportHTTP2
import Logging
import ServiceLifecycle
import TernCore
import TernStore

/// One running Tern server: the store, the services on top of it, and the gRPC listener.
/// Runs as a swift-service-lifecycle `Service`, so SIGTERM/SIGINT drain it gracefully.
public final class TernNode: Service {
    public let configuration: ServerConfiguration
    private let logger: Logger
    private let store: any Store
    /// How the ready message names the database.
    private let databaseName: String
    private let transport: HTTP2ServerTransport.Posix
    private let server: GRPCServer<HTTP2ServerTransport.Posix>
    private let namespaces: NamespaceRegistry
    private let engine: HistoryEngine
    private let timers: TimerQueue
    private let schedules: ScheduleEngine
    private let matching: MatchingEngine
    private let batches: BatchOperations
    private let clock: ServerClock

    /// Opens a SQLite store on `configuration.databasePath` (in memory when nil), creating or
    /// migrating the database, as start-dev and the test kit want. Nothing listens until `run()`.
    public convenience init(configuration: ServerConfiguration, logger: Logger) throws {
        try self.init(
            configuration: configuration, store: SQLiteStore(path: configuration.databasePath),
            databaseName: configuration.databasePath ?? "in-memory", logger: logger)
    }

    /// A node on a store opened (and schema-checked) by the caller. A store that needs a service
    /// running (PostgreSQL's pool) must have it running before `run()`: see `CheckedNode`.
    /// `readinessProbe` tells whether the database answers (gRPC health: NOT_SERVING when not);
    /// none for an embedded store, which always does.
    public init(
        configuration: ServerConfiguration, store: any Store, databaseName: String,
        readinessProbe: (@Sendable () async -> Bool)? = nil, logger: Logger
    ) throws {
        self.configuration = configuration
        self.logger = logger
        self.store = store
        self.databaseName = databaseName
        namespaces = NamespaceRegistry(store: store)
        let matching = MatchingEngine(store: store)
        self.matching = matching
        let clock: ServerClock = configuration.timeSkipping ? .skipping() : .wall()
        self.clock = clock
        timers = TimerQueue(clock: clock)
        engine = HistoryEngine(
            store: store, namespaces: namespaces, matching: matching, timers: timers, clock: clock,
            limits: configuration.dynamicConfig.limits, cacheCapacity: configuration.dynamicConfig.historyCacheMaxSize,
            timerFloor: configuration.dynamicConfig.timerProcessorMaxTimeShift, logger: logger)
        schedules = ScheduleEngine(store: store, history: engine, logger: logger)
        batches = BatchOperations(
            store: store, engine: engine, namespaces: namespaces,
            maxConcurrentPerNamespace: configuration.dynamicConfig.maxConcurrentBatchOperationsPerNamespace,
            operationsPerSecond: configuration.dynamicConfig.batcherOperationsPerSecond)
        let features = ServerFeatures(
            dynamicConfig: configuration.dynamicConfig, storeName: store is SQLiteStore ? "sqlite" : "postgres12")

        let host = configuration.host == "localhost" ? "127.0.0.1" : configuration.host
        let address: GRPCNIOTransportCore.SocketAddress = host.contains(":")
            ? .ipv6(host: host, port: configuration.port)
            : .ipv4(host: host, port: configuration.port)
        transport = HTTP2ServerTransport.Posix(
            address: address,
            transportSecurity: .plaintext,
            config: .defaults {
                // The Python SDK's client compresses every request with gzip.
                $0.compression.enabledAlgorithms = .all
                // One client connection carries every long poll (task queues and workflow results);
                // HTTP/2's usual 100 streams would make the 101st wait for a poll to expire.
                $0.http2.maxConcurrentStreams = 10_000
                $0.connection.keepalive.clientBehavior = .init(
                    minPingIntervalWithoutCalls: configuration.dynamicConfig.keepAliveMinTime,
                    allowWithoutCalls: configuration.dynamicConfig.keepAlivePermitWithoutStream)
            })
        server = GRPCServer(
            transport: transport,
            services: ([
                WorkflowServiceFrontend(
                    namespaces: namespaces, features: features, clock: clock, readiness: Readiness(probe: readinessProbe)),
                OperatorServiceFrontend(namespaces: namespaces),
                ExecutionFrontend(
                    namespaces: namespaces, engine: engine,
                    eagerWorkflowStart: configuration.dynamicConfig.enableEagerWorkflowStart),
                UpdateFrontend(
                    namespaces: namespaces, engine: engine,
                    enabled: configuration.dynamicConfig.enableUpdateWorkflowExecution,
                    asyncEnabled: configuration.dynamicConfig.enableUpdateWorkflowExecutionAsyncAccepted),
                WorkerFrontend(
                    namespaces: namespaces, engine: engine, matching: matching,
                    longPoll: configuration.dynamicConfig.longPollExpiration),
                ActivityOperationsFrontend(namespaces: namespaces, engine: engine),
                StandaloneActivityFrontend(namespaces: namespaces, engine: engine, store: store),
                DeploymentFrontend(namespaces: namespaces, engine: engine, deployments: matching.deployments),
                VersionSetFrontend(
                    namespaces: namespaces, store: store, enabled: configuration.dynamicConfig.workerVersioningDataAPIs,
                    clock: clock),
                ScheduleFrontend(namespaces: namespaces, schedules: schedules),
                BatchFrontend(namespaces: namespaces, batches: batches),
                PauseFrontend(
                    namespaces: namespaces, engine: engine, enabled: configuration.dynamicConfig.workflowPauseEnabled),
                VisibilityFrontend(namespaces: namespaces, store: store, clock: clock),
            ] as [any RegistrableRPCService]) + (configuration.timeSkipping ? [TestServiceFrontend(clock: clock)] : []),
            interceptors: logger.logLevel <= .debug ? [RequestLogger(logger: logger)] : [])
    }

    /// The address the server listens on, once it does (useful with port 0).
    public var listeningAddress: (host: String, port: Int) {
        get async throws {
            let address = try await transport.listeningAddress
            if let v4 = address.ipv4 { return (v4.host, v4.port) }
            if let v6 = address.ipv6 { return (v6.host, v6.port) }
            return (configuration.host, configuration.port)
        }
    }

    public func run() async throws {
        try await namespaces.bootstrap(
            namespaces: configuration.namespaces, searchAttributes: configuration.searchAttributes)
        for entry in configuration.dynamicConfig.ignored {
            logger.notice("Ignoring dynamic config value Tern does not use", metadata: ["entry": "\(entry)"])
        }
        try await engine.recover()
        try await batches.resume()
        let timerLoop = Task { await self.fireTimers() }
        let scheduleLoop = Task { await self.schedules.run() }
        defer {
            timerLoop.cancel()
            scheduleLoop.cancel()
        }
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask {
                    do {
                        try await self.server.serve()
                    } catch {
                        throw ListenError(host: self.configuration.host, port: self.configuration.port, underlying: error)
                    }
                }
                // If binding failed, serve() throws the reason; nothing to announce here.
                guard let (host, port) = try? await self.listeningAddress else { return }
                logger.info(
                    "Tern server ready",
                    metadata: [
                        "address": "\(host):\(port)",
                        "database": "\(databaseName)",
                        "namespaces": "\(configuration.namespaces.joined(separator: ","))",
                    ])
            }
        } onGracefulShutdown: {
            self.logger.info("Tern server shutting down")
            timerLoop.cancel()
            scheduleLoop.cancel()
            self.server.beginGracefulShutdown()
            // Long polls would hold the shutdown for up to a minute: answer them empty now.
            Task { await self.matching.shutdown() }
            self.engine.changes.close()
        }
    }
}

extension TernNode {
    /// Hands due timers to the engine until the server stops. Timers of different runs fire
    /// concurrently; the engine serializes per run.
    fileprivate func fireTimers() async {
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let due = await timers.nextDue()
                for timer in due {
                    group.addTask {
                        await self.engine.fire(timer)
                        self.clock.release()  // taken by nextDue for each timer it hands out
                    }
                }
            }
        }
    }
}

/// The gRPC listener failed (most often: could not bind); says where and why.
public struct ListenError: Error, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var underlying: any Error

    public var description: String {
        let reason = String(describing: underlying)
        if reason.contains("Address already in use") || reason.contains("errno: 98") {
            return "cannot listen on \(host):\(port): the port is already in use (is another server running? choose another with --port)"
        }
        return "gRPC server on \(host):\(port) failed: \(reason)"
    }
}
