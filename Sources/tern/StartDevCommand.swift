import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import TernCore
import TernServer

/// `tern server start-dev`: takes the flags of `temporal server start-dev` that clients and the
/// Python SDK's `WorkflowEnvironment.start_local` pass, with the same defaults.
struct StartDevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start-dev",
        abstract: "Start a development server (in-memory unless --db-filename is given).")

    @Option(name: .long, help: "IP address to bind the gRPC frontend to.")
    var ip = "127.0.0.1"

    @Option(name: [.short, .long], help: "Port for the gRPC frontend.")
    var port = 7233

    @Option(name: [.short, .long], help: "Namespace to create at start; repeatable. \"default\" always exists.")
    var namespace: [String] = []

    @Option(name: [.customShort("f"), .long], help: "SQLite file to persist to; in memory when omitted.")
    var dbFilename: String?

    @Flag(name: .long, help: "Do not start the web UI (Tern has none yet, so this is always the case).")
    var headless = false

    @Option(name: .long, help: "Web UI port (accepted for compatibility; Tern has no web UI yet).")
    var uiPort: Int?

    @Option(name: .long, help: "HTTP API port (accepted for compatibility; not served yet).")
    var httpPort: Int?

    @Option(name: .long, help: "Metrics port (accepted for compatibility; not served yet).")
    var metricsPort: Int?

    @Option(name: .long, help: "Log level: debug, info, warn, error or never.")
    var logLevel = "info"

    @Option(name: .long, help: "Log format: pretty or json.")
    var logFormat = "pretty"

    @Option(name: .long, help: "Dynamic config KEY=VALUE; repeatable. Unknown keys are logged and ignored.")
    var dynamicConfigValue: [String] = []

    @Option(name: .long, help: "Custom search attribute Name=Type (Keyword, Text, Int, Double, Bool, Datetime, KeywordList); repeatable.")
    var searchAttribute: [String] = []

    @Flag(name: .long, help: "Run as a test server: a virtual clock that skips ahead to the next timer when nothing is in flight, and Temporal's TestService (what the SDKs' time-skipping environments use). Always in memory.")
    var timeSkipping = false

    func validate() throws {
        if timeSkipping, dbFilename != nil {
            throw ValidationError("--time-skipping keeps its data in memory (its clock starts anew each time); drop --db-filename")
        }
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535, got \(port)")
        }
        guard LogLevelName.level(logLevel) != nil else {
            throw ValidationError("--log-level must be one of debug, info, warn, error, never; got \"\(logLevel)\"")
        }
        guard ["pretty", "json", "text"].contains(logFormat) else {
            throw ValidationError("--log-format must be pretty or json; got \"\(logFormat)\"")
        }
        for spec in searchAttribute where SearchAttributeRules.parse(spec) == nil {
            throw ValidationError(
                "--search-attribute \"\(spec)\" must be Name=Type with Type one of Keyword, Text, Int, Double, Bool, Datetime, KeywordList")
        }
        for name in namespace {
            do { try NamespaceRules.validateName(name) } catch {
                throw ValidationError("--namespace \"\(name)\": \(error.message)")
            }
        }
        var dynamic = DynamicConfig()
        for entry in dynamicConfigValue {
            do { try dynamic.apply(entry) } catch { throw ValidationError("\(error)") }
        }
    }

    func run() async throws {
        bootstrapLogging(levelName: logLevel, json: logFormat == "json")
        let logger = Logger(label: "tern")

        var config = ServerConfiguration()
        config.host = ip
        config.port = port
        config.databasePath = dbFilename
        config.timeSkipping = timeSkipping
        config.namespaces = ["default"] + namespace.filter { $0 != "default" }
        for spec in searchAttribute {
            if let (name, type) = SearchAttributeRules.parse(spec) { config.searchAttributes[name] = type }
        }
        for entry in dynamicConfigValue { try config.dynamicConfig.apply(entry) }
        for (flag, value) in [("--ui-port", uiPort), ("--http-port", httpPort), ("--metrics-port", metricsPort)] where value != nil {
            logger.debug("Accepted for compatibility; Tern does not serve this yet", metadata: ["flag": "\(flag)"])
        }

        let node: TernNode
        do {
            node = try TernNode(configuration: config, logger: logger)
        } catch {
            throw CleanExit.message("error: cannot open database \(dbFilename ?? "in memory"): \(error)")
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: node)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
        } catch let error as ListenError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
