import Foundation
import GRDB
import TernStore

/// A SQLite database file as `tern server start` and `tern admin db` manage it. Its schema is
/// read without opening a `SQLiteStore`, which would migrate it on the spot.
public struct SQLiteDatabase: ManagedDatabase {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var endpoint: String { path }

    /// The migrations this binary knows, oldest first: those an empty in-memory store applies.
    static func knownMigrations() async throws -> [String] {
        try await SQLiteStore(path: nil).appliedMigrations()
    }

    public var binarySchemaVersion: Int {
        get async throws { try await Self.knownMigrations().count }
    }

    /// The file, or the directory it will be created in, must be writable; checked by trying,
    /// since permission bits do not tell (root, read-only or immutable mounts).
    public func ping() async throws {
        try WritableProbe.check(databasePath: path)
    }

    public func databaseSchemaVersion() async throws -> Int? {
        guard let applied = try appliedMigrations() else { return nil }
        return SQLiteSchemaVersion.version(applied: applied, known: try await Self.knownMigrations())
    }

    public func migrate() async throws -> (from: Int?, to: Int) {
        try await ping()
        let from = try await databaseSchemaVersion()
        let binary = try await binarySchemaVersion
        if let from, from > binary { throw StartupError.schemaTooNew(endpoint: path, database: from, binary: binary) }
        _ = try openStore()  // opening migrates; the store closes as it goes out of scope
        return (from, binary)
    }

    public func schemaDetails() async throws -> [String] {
        let applied = Set(try appliedMigrations() ?? [])
        let known = try await Self.knownMigrations()
        return known.map { (applied.contains($0) ? "applied  " : "pending  ") + $0 }
            + applied.subtracting(known).sorted().map { "unknown  \($0) (from a newer tern)" }
    }

    /// Opens the store (creating and migrating the file as needed). A file this call created is
    /// removed again if opening fails, so a failure leaves nothing half-made behind.
    public func openStore() throws -> SQLiteStore {
        let existed = FileManager.default.fileExists(atPath: path)
        do {
            return try SQLiteStore(path: path)
        } catch {
            if !existed {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            throw DatabaseSetupError.cannotOpen(endpoint: path, reason: "\(error)")
        }
    }

    /// The identifiers in GRDB's `grdb_migrations`; nil when there is no database yet (no file,
    /// an empty file, or a SQLite file without tables).
    func appliedMigrations() throws -> [String]? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes, ((attributes[.size] as? NSNumber)?.intValue ?? 0) > 0 else { return nil }
        var config = Configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            return try queue.read { db -> [String]? in
                if try db.tableExists("grdb_migrations") {
                    let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                    return applied.isEmpty ? nil : applied
                }
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                if tables == 0 { return nil }
                throw DatabaseSetupError.notTern(endpoint: path)
            }
        } catch let error as DatabaseSetupError {
            throw error
        } catch {
            throw DatabaseSetupError.cannotOpen(endpoint: path, reason: "\(error)")
        }
    }
}

/// A SQLite file's schema version, from the migrations it has applied: the number of this
/// binary's migrations it has, in order. One this binary does not know means a newer binary
/// wrote it: its `vN-` number, or one past ours.
enum SQLiteSchemaVersion {
    static func version(applied: [String], known: [String]) -> Int {
        let appliedSet = Set(applied)
        let unknown = appliedSet.subtracting(known)
        if !unknown.isEmpty {
            let numbered = unknown.compactMap(number(of:)).max() ?? 0
            return max(numbered, known.count + 1)
        }
        return known.prefix { appliedSet.contains($0) }.count
    }

    /// 8 for "v8-something".
    static func number(of identifier: String) -> Int? {
        guard identifier.hasPrefix("v") else { return nil }
        return Int(identifier.dropFirst().prefix { $0.isNumber })
    }
}

/// Checks that a database file can be written before anything creates it.
enum WritableProbe {
    static func check(databasePath path: String) throws {
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw DatabaseSetupError.notWritable(endpoint: path, reason: "it is a directory") }
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw DatabaseSetupError.notWritable(endpoint: path, reason: lastError()) }
            close(fd)
        } else {
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw DatabaseSetupError.notWritable(endpoint: path, reason: "directory \(directory) does not exist")
            }
        }
        // SQLite's WAL mode writes `-wal` and `-shm` files next to the database.
        let probe = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tern-probe-\(getpid())").path
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw DatabaseSetupError.notWritable(endpoint: path, reason: "cannot create files in \(directory): \(lastError())")
        }
        close(fd)
        unlink(probe)
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

/// Why a database cannot be used; each names it.
public enum DatabaseSetupError: Error, CustomStringConvertible {
    case notWritable(endpoint: String, reason: String)
    case cannotOpen(endpoint: String, reason: String)
    case notTern(endpoint: String)

    public var description: String {
        switch self {
        case .notWritable(let endpoint, let reason):
            "cannot use SQLite database \(endpoint): not writable (\(reason))"
        case .cannotOpen(let endpoint, let reason):
            "cannot open database \(endpoint): \(reason)"
        case .notTern(let endpoint):
            "\(endpoint) is a SQLite database but not Tern's (it has tables but no grdb_migrations); give another path"
        }
    }
}
