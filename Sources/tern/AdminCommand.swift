import ArgumentParser
import Foundation
import Logging
import TernConfig
import TernServer

struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Operate on a Tern installation.",
        subcommands: [DatabaseCommand.self])
}

struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "The database's schema: status and migration.",
        subcommands: [MigrateCommand.self, StatusCommand.self])
}

/// `tern admin db migrate`: brings the database's schema to this binary's version.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or upgrade the database's schema to this binary's version (back the database up first).")

    @OptionGroup var database: DatabaseFlags

    func run() async throws {
        try await withDatabase(database, command: "tern admin db migrate", ping: true) { db in
            let binary = try await db.binarySchemaVersion
            let (from, to) = try await db.migrate()
            let was = from.map { "was \($0)" } ?? "was empty"
            let outcome = from == to ? "up to date, nothing to do" : "migrated"
            print("database schema version \(to) (\(was)), binary schema version \(binary): \(outcome)")
        }
    }
}

/// `tern admin db status`: the database's schema version against the binary's. Exits 0 when
/// they match, 1 otherwise (so deploy scripts can test it).
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the database's schema version and this binary's; exit status 1 unless they match.")

    @OptionGroup var database: DatabaseFlags

    func run() async throws {
        let settings = try loadSettings(configFile: database.config, flags: database.values)
        let location = try requireDatabase(settings, command: "tern admin db status")
        let configFile = database.config
        let upToDate = try await withDatabase(database, command: "tern admin db status", ping: false) { db in
            let current = try await db.databaseSchemaVersion()
            let binary = try await db.binarySchemaVersion
            let shown = current.map(String.init) ?? "none (empty database)"
            let verdict: String
            switch SchemaDecision.decide(database: current, binary: binary) {
            case .serve: verdict = "up to date"
            case .migrateEmpty, .refuseOlder:
                verdict = "needs migration: \(migrateCommand(settings, db: location, configFile: configFile))"
            case .refuseNewer: verdict = "newer than this binary: run a newer tern"
            }
            print("database schema version \(shown), binary schema version \(binary): \(verdict)")
            for line in try await db.schemaDetails() { print("  \(line)") }
            return verdict == "up to date"
        }
        if !upToDate { throw ExitCode(1) }
    }
}

/// Loads the settings, connects, and runs `body` while the connection's service (PostgreSQL's
/// pool) runs. With `ping`, first checks the database can be used (reachable; a SQLite file
/// writable) within the connect timeout; without, `body` itself must finish within it (a status
/// read needs no write access). Errors end the command with their message.
private func withDatabase<T: Sendable>(
    _ flags: DatabaseFlags, command: String, ping: Bool,
    _ body: @escaping @Sendable (any ManagedDatabase) async throws -> T
) async throws -> T {
    let settings = try loadSettings(configFile: flags.config, flags: flags.values)
    let location = try requireDatabase(settings, command: command)
    bootstrapLogging(levelName: settings.logLevel, json: settings.logFormat == .json)
    let logger = Logger(label: "tern")
    do {
        let connection = try StoreOpener.connect(location, options: settings.databaseOptions, logger: logger)
        let database = connection.database
        let timeout = settings.databaseOptions.connectTimeout
        return try await connection.withService {
            if ping {
                try await DatabaseReachability.within(timeout, endpoint: database.endpoint) { try await database.ping() }
                return try await body(database)
            }
            return try await DatabaseReachability.within(timeout, endpoint: database.endpoint) { try await body(database) }
        }
    } catch let exit as ExitCode {
        throw exit
    } catch {
        throw fail("\(error)")
    }
}
