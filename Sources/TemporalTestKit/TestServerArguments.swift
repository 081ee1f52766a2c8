import Foundation
import Logging
import TernCore
import TernServer

/// Reads the `temporal server start-dev` flags that `extraArguments` may carry into the settings of
/// the in-process node, with the parsing the `tern` command line uses for the same flags.
///
/// Flags are given as `--flag value` (two entries, or one entry with a newline between them, as
/// Apple's kit joins them) or as `--flag=value`.
struct TestServerArguments {
    var configuration: ServerConfiguration
    /// `nil` turns the server's logging off (`--log-level never`).
    var logLevel: Logger.Level?

    static let supportedFlags =
        "--dynamic-config-value KEY=VALUE, --search-attribute Name=Type, --namespace/-n NAME, "
        + "--db-filename/-f PATH, --ip ADDRESS, --port/-p PORT, --log-level LEVEL, --headless"

    init(configuration: ServerConfiguration, logLevel: Logger.Level?) {
        self.configuration = configuration
        self.logLevel = logLevel
    }

    mutating func apply(_ arguments: [String]) throws(TemporalTestServerError) {
        // Apple's kit hands the dev server one newline-separated string; accept that shape too.
        var tokens = arguments.flatMap { $0.split(separator: "\n") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }[...]
        while let token = tokens.popFirst() {
            var flag = token
            var inlineValue: String?
            if token.hasPrefix("--"), let eq = token.firstIndex(of: "=") {
                flag = String(token[..<eq])
                inlineValue = String(token[token.index(after: eq)...])
            }
            if flag == "--headless" {
                // No web UI runs in process; the flag asks for exactly that.
                guard inlineValue == nil else { throw .invalidValue(argument: flag, value: inlineValue ?? "", reason: "takes no value") }
                continue
            }
            guard Self.valueFlags.contains(flag) else { throw .unsupportedArgument(token) }
            guard let value = inlineValue ?? tokens.popFirst() else { throw .missingValue(argument: flag) }
            try apply(flag: flag, value: value)
        }
    }

    private static let valueFlags: Set<String> = [
        "--dynamic-config-value", "--search-attribute", "--namespace", "-n", "--db-filename", "-f",
        "--ip", "--port", "-p", "--log-level",
    ]

    private mutating func apply(flag: String, value: String) throws(TemporalTestServerError) {
        switch flag {
        case "--dynamic-config-value":
            do {
                try configuration.dynamicConfig.apply(value)
            } catch {
                throw .invalidValue(argument: flag, value: value, reason: "\(error)")
            }
        case "--search-attribute":
            guard let (name, type) = SearchAttributeRules.parse(value) else {
                throw .invalidValue(
                    argument: flag, value: value,
                    reason: "expected Name=Type with Type one of Keyword, Text, Int, Double, Bool, Datetime, KeywordList")
            }
            configuration.searchAttributes[name] = type
        case "--namespace", "-n":
            do {
                try NamespaceRules.validateName(value)
            } catch {
                throw .invalidValue(argument: flag, value: value, reason: error.message)
            }
            if !configuration.namespaces.contains(value) { configuration.namespaces.append(value) }
        case "--db-filename", "-f":
            configuration.databasePath = value
        case "--ip":
            configuration.host = value
        case "--port", "-p":
            guard let port = Int(value), (0...65535).contains(port) else {
                throw .invalidValue(argument: flag, value: value, reason: "expected a port between 0 and 65535")
            }
            configuration.port = port
        case "--log-level":
            guard let level = LogLevelName.level(value) else {
                throw .invalidValue(argument: flag, value: value, reason: "expected debug, info, warn, error or never")
            }
            logLevel = level
        default:
            throw .unsupportedArgument(flag)
        }
    }
}
