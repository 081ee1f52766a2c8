import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import TernConfig
import TernServer

/// `tern server start`: a production server on a SQLite file or PostgreSQL, configured by a YAML
/// file, `TERN_*` environment variables and flags (in increasing priority). Never in memory.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a Tern server on a database (a SQLite file or PostgreSQL).",
        discussion: """
            Settings come from defaults, then the --config file, then TERN_<KEY> environment variables \
            (TERN_DB, TERN_PORT, …), then these flags: a flag wins over the environment, which wins over the file. \
            An empty database is created and migrated; one at an older schema is refused until \
            `tern admin db migrate` has run. See docs/configuration.md.
            """)

    @OptionGroup var database: DatabaseFlags

    @Option(name: .long, help: "IP address to bind the gRPC frontend to (default 127.0.0.1).")
    var ip: String?

    @Option(name: [.short, .long], help: "Port for the gRPC frontend (default 7233).")
    var port: String?

    @Option(name: .long, help: "HTTP API port (accepted; not served yet).")
    var httpPort: String?

    @Option(name: .long, help: "Web UI port (accepted; Tern has no web UI yet).")
    var uiPort: String?

    @Option(name: .long, help: "Metrics port (accepted; not served yet).")
    var metricsPort: String?

    @Option(name: .long, help: "Log level: debug, info (default), warn, error or never.")
    var logLevel: String?

    @Option(name: .long, help: "Log format: pretty (default) or json.")
    var logFormat: String?

    @Option(name: [.short, .long], help: "Namespace to create at start; repeatable. \"default\" always exists.")
    var namespace: [String] = []

    @Option(name: .long, help: "Custom search attribute Name=Type (Keyword, Text, Int, Double, Bool, Datetime, KeywordList); repeatable.")
    var searchAttribute: [String] = []

    @Option(name: .long, help: "Dynamic config KEY=VALUE; repeatable. Unknown keys are logged and ignored.")
    var dynamicConfigValue: [String] = []

    var flags: [ConfigKey: [String]] {
        var flags = database.values
        let scalars: [ConfigKey: String?] = [
            .ip: ip, .port: port, .httpPort: httpPort, .uiPort: uiPort, .metricsPort: metricsPort,
            .logLevel: logLevel, .logFormat: logFormat,
        ]
        for case (let key, let value?) in scalars { flags[key] = [value] }
        flags[.namespaces] = namespace
        flags[.searchAttributes] = searchAttribute
        flags[.dynamicConfig] = dynamicConfigValue
        return flags
    }

    func run() async throws {
        let settings = try loadSettings(configFile: database.config, flags: flags)
        let db = try requireDatabase(settings, command: "tern server start")
        bootstrapLogging(levelName: settings.logLevel, json: settings.logFormat == .json)
        let logger = Logger(label: "tern")
        for (key, port) in [(ConfigKey.httpPort, settings.httpPort), (.uiPort, settings.uiPort), (.metricsPort, settings.metricsPort)] {
            if let port { logger.notice("Accepted but not served yet", metadata: ["setting": "\(key.rawValue)", "port": "\(port)"]) }
        }

        let connection: DatabaseConnection
        do {
            connection = try StoreOpener.connect(db, options: settings.databaseOptions, logger: logger)
        } catch {
            throw fail("\(error)")
        }
        let check = StartupCheck(
            database: connection.database, connectTimeout: settings.databaseOptions.connectTimeout,
            migrateCommand: migrateCommand(settings, db: db, configFile: database.config), logger: logger)
        let node = CheckedNode(
            configuration: settings.serverConfiguration, connection: connection, check: check, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: node.services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
        } catch {
            throw fail("\(error)")
        }
    }
}
