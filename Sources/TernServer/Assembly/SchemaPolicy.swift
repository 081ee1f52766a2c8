import Logging

/// What `tern server start` does with a database's schema version.
public enum SchemaDecision: Sendable, Equatable {
    case serve
    /// An empty database: create the schema and go on.
    case migrateEmpty
    /// Older than the binary: an operator runs `tern admin db migrate` (after a backup), not start-up.
    case refuseOlder(database: Int, binary: Int)
    /// Written by a newer binary, which this one cannot read safely.
    case refuseNewer(database: Int, binary: Int)

    public static func decide(database: Int?, binary: Int) -> SchemaDecision {
        guard let database, database > 0 else { return .migrateEmpty }
        if database < binary { return .refuseOlder(database: database, binary: binary) }
        if database > binary { return .refuseNewer(database: database, binary: binary) }
        return .serve
    }
}

/// The start-up policy of `tern server start`, the same for every store: the database answers
/// within the connect timeout; an empty one is migrated (and that is logged); one at another
/// schema version than the binary is refused, naming both versions.
public struct StartupCheck: Sendable {
    public var database: any ManagedDatabase
    public var connectTimeout: Duration
    /// The command that migrates this database, as the refusal tells it.
    public var migrateCommand: String
    public var logger: Logger

    public init(database: any ManagedDatabase, connectTimeout: Duration, migrateCommand: String, logger: Logger) {
        self.database = database
        self.connectTimeout = connectTimeout
        self.migrateCommand = migrateCommand
        self.logger = logger
    }

    public func run() async throws {
        let database = database
        try await DatabaseReachability.within(connectTimeout, endpoint: database.endpoint) { try await database.ping() }
        let current = try await database.databaseSchemaVersion()
        let binary = try await database.binarySchemaVersion
        switch SchemaDecision.decide(database: current, binary: binary) {
        case .serve:
            logger.debug("Database schema up to date", metadata: ["database": "\(database.endpoint)", "version": "\(binary)"])
        case .migrateEmpty:
            let (_, to) = try await database.migrate()
            logger.info("Empty database: created the schema", metadata: ["database": "\(database.endpoint)", "version": "\(to)"])
        case .refuseOlder(let old, let new):
            throw StartupError.schemaOutdated(endpoint: database.endpoint, database: old, binary: new, migrateCommand: migrateCommand)
        case .refuseNewer(let newer, let ours):
            throw StartupError.schemaTooNew(endpoint: database.endpoint, database: newer, binary: ours)
        }
    }
}

/// A database that does not answer in time is reported as unreachable, naming where it is.
public enum DatabaseReachability {
    public static func within<T: Sendable>(
        _ timeout: Duration, endpoint: String, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withDeadline(timeout, onTimeout: { StartupError.unreachable(endpoint: endpoint, timeout: timeout) }, body)
    }
}

/// Why `tern server start` refuses a database.
public enum StartupError: Error, CustomStringConvertible {
    case unreachable(endpoint: String, timeout: Duration)
    case schemaOutdated(endpoint: String, database: Int, binary: Int, migrateCommand: String)
    case schemaTooNew(endpoint: String, database: Int, binary: Int)

    public var description: String {
        switch self {
        case .unreachable(let endpoint, let timeout):
            "database \(endpoint) did not answer within \(timeout.settingText()) (db-connect-timeout): is it running and reachable?"
        case .schemaOutdated(let endpoint, let database, let binary, let command):
            "database \(endpoint) has schema version \(database), this binary needs schema version \(binary): "
                + "back it up, then run `\(command)`"
        case .schemaTooNew(let endpoint, let database, let binary):
            "database \(endpoint) has schema version \(database), newer than this binary's schema version \(binary): "
                + "run a newer tern (or restore a backup taken before the upgrade)"
        }
    }
}

extension Duration {
    /// "10s", "500ms": as the settings spell durations.
    fileprivate func settingText() -> String {
        let ms = components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
        return ms % 1000 == 0 ? "\(ms / 1000)s" : "\(ms)ms"
    }
}
