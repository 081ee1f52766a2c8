import Logging
import ServiceLifecycle

/// `tern server start`'s node: checks the database by `StartupCheck` (reachable, schema at the
/// binary's version, an empty one migrated), then opens the store and runs a `TernNode` on it.
///
/// Run it in one ServiceGroup after the connection's service (if any): the group starts that
/// first, so the store can answer, and on shutdown stops this node before it.
public final class CheckedNode: Service {
    private let configuration: ServerConfiguration
    private let connection: DatabaseConnection
    private let check: StartupCheck
    private let logger: Logger

    public init(configuration: ServerConfiguration, connection: DatabaseConnection, check: StartupCheck, logger: Logger) {
        self.configuration = configuration
        self.connection = connection
        self.check = check
        self.logger = logger
    }

    /// The services to run, in start order.
    public var services: [any Service] {
        (connection.service.map { [$0] } ?? []) + [self]
    }

    public func run() async throws {
        try await check.run()
        let store = try await connection.openStore()
        let node = try TernNode(
            configuration: configuration, store: store, databaseName: connection.location.displayName,
            readinessProbe: connection.service == nil ? nil : readinessProbe, logger: logger)
        try await node.run()
    }

    /// The database answers a ping within the connect timeout (at most 2 s: a health check waits).
    private var readinessProbe: @Sendable () async -> Bool {
        let database = connection.database
        let timeout: Duration = min(check.connectTimeout, .seconds(2))
        return {
            do {
                try await withDeadline(timeout, onTimeout: { CancellationError() }) { try await database.ping() }
                return true
            } catch {
                return false
            }
        }
    }
}
