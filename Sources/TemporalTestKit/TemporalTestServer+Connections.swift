import Foundation
import GRPCNIOTransportHTTP2Posix
public import Logging
public import Temporal

extension TemporalTestServer {
    /// Runs `body` with a client connected to this server, and closes the client when `body` is done.
    ///
    /// On a time-skipping server the client waits for workflow results with the clock unlocked
    /// (see ``withTimeSkippingTestServer(_:)``).
    ///
    /// - Parameters:
    ///   - logger: The client's logger.
    ///   - body: What to do with the client.
    /// - Returns: What `body` returns.
    public func withConnectedClient<Result: Sendable>(
        logger: Logger,
        _ body: (TemporalClient) async throws -> Result
    ) async throws -> Result {
        try await withConnectedClient(logger: logger, interceptors: []) { client, _, _ in
            try await body(client)
        }
    }

    /// Runs `body` with a client connected to this server, and the host and port it is connected
    /// to; closes the client when `body` is done.
    ///
    /// On a time-skipping server an interceptor that unlocks the virtual clock while a result is
    /// awaited is placed before `interceptors`, so it wraps them all; it does nothing inside
    /// ``withAutoTimeSkippingDisabled(_:)``.
    ///
    /// - Parameters:
    ///   - logger: The client's logger.
    ///   - interceptors: The client's interceptors, the first outermost.
    ///   - body: What to do with the client, given the server's host and port.
    /// - Returns: What `body` returns.
    public func withConnectedClient<Result: Sendable>(
        logger: Logger,
        interceptors: [any Temporal.ClientInterceptor] = [],
        _ body: (TemporalClient, String, Int) async throws -> Result
    ) async throws -> Result {
        try await withConnectedClient(logger: logger, interceptors: interceptors, namespace: "default", body)
    }

    private func withConnectedClient<Result: Sendable>(
        logger: Logger,
        interceptors: [any Temporal.ClientInterceptor],
        namespace: String,
        _ body: (TemporalClient, String, Int) async throws -> Result
    ) async throws -> Result {
        var allInterceptors = interceptors
        if supportsTimeSkipping {
            allInterceptors.insert(TimeSkippingClientInterceptor(testServer: self), at: 0)
        }
        let configuration = TemporalClient.Configuration(
            instrumentation: .init(serverHostname: host), namespace: namespace, interceptors: allInterceptors)
        let transport = try HTTP2ClientTransport.Posix(
            target: Self.target(host: host, port: port), transportSecurity: .plaintext)
        return try await TemporalClient.connect(transport: transport, configuration: configuration, logger: logger) {
            client in
            try await body(client, host, port)
        }
    }

    /// Runs a worker against this server while `body` runs, and stops the worker when `body`
    /// returns or throws.
    ///
    /// If the worker stops with an error first (for instance because the configured namespace
    /// does not exist), `body` is cancelled and that error is thrown.
    ///
    /// - Parameters:
    ///   - configuration: The worker's namespace, task queue, interceptors and tuning.
    ///   - activities: The activities the worker runs.
    ///   - workflows: The workflows the worker runs.
    ///   - logger: The worker's logger; by default warnings and errors go to standard output.
    ///   - body: What to do while the worker runs; it is given the worker.
    /// - Returns: What `body` returns.
    public func withConnectedWorker<Result: Sendable>(
        configuration: TemporalWorker.Configuration,
        activities: [any ActivityDefinition] = [],
        workflows: [any WorkflowDefinition.Type] = [],
        logger: Logger = Self.defaultLogger(label: "TestWorker"),
        _ body: sending @escaping @isolated(any) (TemporalWorker) async throws -> sending Result
    ) async throws -> sending Result {
        let worker = try TemporalWorker(
            configuration: configuration,
            target: Self.target(host: host, port: port),
            transportSecurity: .plaintext,
            activities: activities,
            workflows: workflows,
            logger: logger)
        // `body` runs in a task of its own so that a worker failing first can cancel it; the
        // function still awaits it before returning, so nothing outlives the call.
        let bodyTask = Task { try await body(worker) }
        let (outcome, workerError) = await withTaskCancellationHandler {
            await withTaskGroup(of: (any Error)?.self) { group in
                group.addTask {
                    do {
                        try await worker.run()
                        // The worker stopped on its own (a graceful shutdown the body asked for):
                        // the body's wait for its work ends too, as with Apple's kit.
                        if !Task.isCancelled { bodyTask.cancel() }
                        return nil
                    } catch {
                        // Stopping because `body` is done is no failure.
                        if Task.isCancelled { return nil }
                        bodyTask.cancel()
                        return error
                    }
                }
                let outcome = await bodyTask.result
                group.cancelAll()
                let workerError = await group.next() ?? nil
                return (outcome, workerError)
            }
        } onCancel: {
            bodyTask.cancel()
        }
        // A body that failed because the worker failed under it reports the worker's error.
        if case .failure = outcome, let workerError { throw workerError }
        return try outcome.get()
    }

    /// Runs a worker on a fresh task queue and a client against this server while `body` runs,
    /// then stops both.
    ///
    /// - Parameters:
    ///   - activities: The activities the worker runs.
    ///   - workflows: The workflows the worker runs.
    ///   - namespace: The namespace of the worker and of the client.
    ///   - workerInterceptors: The worker's interceptors.
    ///   - clientInterceptors: The client's interceptors.
    ///   - logger: The logger of the worker and of the client.
    ///   - body: What to do, given the worker's task queue (a new UUID) and the client.
    /// - Returns: What `body` returns.
    public func withWorkerAndClient<Result: Sendable>(
        activities: [any ActivityDefinition] = [],
        workflows: [any WorkflowDefinition.Type] = [],
        namespace: String = "default",
        workerInterceptors: [any WorkerInterceptor] = [],
        clientInterceptors: [any Temporal.ClientInterceptor] = [],
        logger: Logger = Self.defaultLogger(label: "TestWorker"),
        body: sending @escaping (String, TemporalClient) async throws -> Result
    ) async throws -> sending Result {
        let taskQueue = UUID().uuidString
        var configuration = TemporalWorker.Configuration(
            namespace: namespace, taskQueue: taskQueue, instrumentation: .init(serverHostname: host))
        configuration.interceptors = workerInterceptors
        return try await withConnectedWorker(
            configuration: configuration, activities: activities, workflows: workflows, logger: logger
        ) { _ in
            try await self.withConnectedClient(
                logger: logger, interceptors: clientInterceptors, namespace: namespace
            ) { client, _, _ in
                try await body(taskQueue, client)
            }
        }
    }

    /// The logger workers get when none is given: standard output, warnings and errors only.
    @usableFromInline
    static func defaultLogger(label: String) -> Logger {
        var logger = Logger(label: label, factory: { StreamLogHandler.standardOutput(label: $0) })
        logger.logLevel = .warning
        return logger
    }
}
