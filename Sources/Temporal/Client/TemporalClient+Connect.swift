public import GRPCCore
public import Logging

extension TemporalClient {
    /// Runs `body` with a client connected over `transport`, then closes the connection (also
    /// when `body` throws) and returns what `body` returned.
    public static func connect<Transport: ClientTransport, Result: Sendable>(
        transport: Transport,
        configuration: TemporalClient.Configuration,
        logger: Logger = Logger(label: "NoOpLogger", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (TemporalClient) async throws -> sending Result
    ) async throws -> sending Result {
        let client = TemporalClient(transport: transport, configuration: configuration, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            // Connection failures reach the body through its calls; what `run` reports once the
            // body is done (such as being stopped before it got going) is of no interest.
            group.addTask { try? await client.run() }
            let outcome: Swift.Result<Result, any Error>
            do {
                outcome = .success(try await body(client))
            } catch {
                outcome = .failure(error)
            }
            client.beginGracefulShutdown()
            try await group.waitForAll()
            return try outcome.get()
        }
    }
}
