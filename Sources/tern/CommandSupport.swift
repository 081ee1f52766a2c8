import ArgumentParser
import Foundation
import Logging
import TernConfig
import TernServer

/// The database flags that `tern server start` and `tern admin db` share, with `--config`.
struct DatabaseFlags: ParsableArguments {
    @Option(name: .long, help: "YAML configuration file (docs/configuration.md); flags, then TERN_* variables, override it.")
    var config: String?

    @Option(name: .long, help: "Database: a SQLite file path or postgres://user:password@host:port/database?sslmode=… (env TERN_DB).")
    var db: String?

    @Option(name: .long, help: "PostgreSQL connections to keep open (default 20).")
    var dbPoolSize: String?

    @Option(name: .long, help: "How long to wait for the database at start, e.g. 10s (default).")
    var dbConnectTimeout: String?

    @Option(name: .long, help: "Longest a PostgreSQL statement may run, e.g. 30s (default); 0s for no limit.")
    var dbStatementTimeout: String?

    var values: [ConfigKey: [String]] {
        [.db: db, .dbPoolSize: dbPoolSize, .dbConnectTimeout: dbConnectTimeout, .dbStatementTimeout: dbStatementTimeout]
            .compactMapValues { $0.map { [$0] } }
    }
}

/// Ends the command with `error: message` on standard error and exit status 1.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCode(1)
}

/// The settings of a command: defaults < file < environment < flags; a mistake ends the command.
func loadSettings(configFile: String?, flags: [ConfigKey: [String]]) throws -> TernSettings {
    do {
        return try ConfigLoader.load(configFile: configFile, environment: ProcessInfo.processInfo.environment, flags: flags)
    } catch {
        throw fail(error.description)
    }
}

/// The database a command must have; without one, says every way to give it.
func requireDatabase(_ settings: TernSettings, command: String) throws -> DatabaseLocation {
    if let db = settings.db { return db }
    throw fail("""
        \(command) needs a database; it never keeps data in memory (tern server start-dev does). Give one of:
          --db /var/lib/tern/tern.db                                          a SQLite file, created if absent
          --db 'postgres://tern:secret@db.internal:5432/tern?sslmode=require'   a PostgreSQL database
          TERN_DB=/var/lib/tern/tern.db                                       the same, in the environment
          db: /var/lib/tern/tern.db                                           the same, in the file given to --config
        """)
}

/// How a message tells the operator to migrate this database.
func migrateCommand(_ settings: TernSettings, db: DatabaseLocation, configFile: String?) -> String {
    if case .file(let path)? = settings.origins[.db] { return "tern admin db migrate --config \(shellQuoted(path))" }
    return "tern admin db migrate --db \(shellQuoted(db.displayName))"
}

func shellQuoted(_ text: String) -> String {
    let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-:@+=,".contains($0) }
    return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Logs to standard error (or JSON lines) at `levelName`; "never" silences everything.
func bootstrapLogging(levelName: String, json: Bool) {
    let level: Logger.Level? = LogLevelName.level(levelName) ?? .info
    LoggingSystem.bootstrap { label in
        guard let level else { return SwiftLogNoOpLogHandler() }
        var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}
