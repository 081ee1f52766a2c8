import Logging
import ServiceLifecycle
import Synchronization
import TernStore

/// A database as start-up and `tern admin db` see it: can it be reached, which schema version
/// does it hold, bring it to this binary's. The names follow `PostgresStore`'s, so that store
/// conforms as it is; `SQLiteDatabase` is the SQLite file's.
public protocol ManagedDatabase: Sendable {
    /// Where it is, for messages: a file path, or host:port/database.
    var endpoint: String { get }
    /// The schema version this binary reads and writes.
    var binarySchemaVersion: Int { get async throws }
    /// Throws when the database cannot be used (unreachable server, file not writable).
    func ping() async throws
    /// The schema version the database holds; nil for an empty (new) database.
    func databaseSchemaVersion() async throws -> Int?
    /// Brings the schema to `binarySchemaVersion`; refuses a newer one.
    func migrate() async throws -> (from: Int?, to: Int)
    /// Lines `tern admin db status` prints under its summary (the migrations, where known).
    func schemaDetails() async throws -> [String]
}

extension ManagedDatabase {
    public func schemaDetails() async throws -> [String] { [] }
}

/// A database ready to be used: how to manage it, the service that must run while it is used
/// (PostgreSQL's connection pool; none for SQLite), and how to open the store on it once its
/// schema has been checked.
public struct DatabaseConnection: Sendable {
    public var location: DatabaseLocation
    public var database: any ManagedDatabase
    /// Runs in the server's ServiceGroup ahead of the node: started first, stopped last.
    public var service: (any Service)?
    public var openStore: @Sendable () async throws -> any Store

    public init(
        location: DatabaseLocation, database: any ManagedDatabase, service: (any Service)?,
        openStore: @escaping @Sendable () async throws -> any Store
    ) {
        self.location = location
        self.database = database
        self.service = service
        self.openStore = openStore
    }

    /// Runs `body` while the connection's service runs (for commands that use the database
    /// without serving, such as `tern admin db`); the service is cancelled when `body` returns.
    public func withService<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard let service else { return try await body() }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }
}

/// Runs `body`, but gives up after `timeout` with `onTimeout()`. The body is not awaited past
/// the deadline: a connection attempt that ignores cancellation must not hold start-up.
func withDeadline<T: Sendable>(
    _ timeout: Duration, onTimeout: @escaping @Sendable () -> any Error, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let race = FirstResult<T>()
    var tasks: [Task<Void, Never>] = []
    defer { tasks.forEach { $0.cancel() } }
    return try await withCheckedThrowingContinuation { continuation in
        race.continuation.withLock { $0 = continuation }
        tasks.append(Task {
            do { race.finish(.success(try await body())) } catch { race.finish(.failure(error)) }
        })
        tasks.append(Task {
            try? await Task.sleep(for: timeout)
            race.finish(.failure(onTimeout()))
        })
    }
}

/// Resumes a continuation with whichever result comes first.
private final class FirstResult<T: Sendable>: Sendable {
    let continuation = Mutex<CheckedContinuation<T, any Error>?>(nil)

    func finish(_ result: Result<T, any Error>) {
        continuation.withLock { pending in
            pending?.resume(with: result)
            pending = nil
        }
    }
}
