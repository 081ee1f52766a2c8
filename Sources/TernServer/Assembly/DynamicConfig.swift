import Foundation
import TernCore

/// `--dynamic-config-value KEY=VALUE` settings, as `temporal server start-dev` takes them.
///
/// Keys Tern knows are parsed into typed values; unknown keys are kept in `ignored` so the
/// server can say it ignores them.
public struct DynamicConfig: Sendable, Equatable {
    /// How long an idle task-queue poll is held before it answers empty (Temporal: 1 minute).
    public var longPollExpiration: Duration = .seconds(60)
    public var enableUpdateWorkflowExecution = true
    public var enableUpdateWorkflowExecutionAsyncAccepted = true
    /// `system.enableEagerWorkflowStart`: a start may carry its run's first workflow task.
    public var enableEagerWorkflowStart = true
    /// Run states kept in memory (`history.cacheMaxSize`); beyond it the least recently used are
    /// dropped and re-read from the store when next needed.
    public var historyCacheMaxSize = 4096
    /// How often a client may ping (HTTP/2 keepalive) before the server counts it as abuse and
    /// closes the connection (`frontend.keepAliveMinTime`), and whether it may ping while it has no
    /// call open (`frontend.keepAlivePermitWithoutStream`). Temporal's values: the SDKs ping every
    /// 30 s, idle or not, which the transport's own default (5 minutes, never when idle) refuses.
    public var keepAliveMinTime: Duration = .seconds(10)
    public var keepAlivePermitWithoutStream = true
    /// Batch operations: how many may run at once in a namespace
    /// (`frontend.MaxConcurrentBatchOperationPerNamespace`) and how many runs a job acts on per
    /// second (`worker.batcherRPS`), Temporal's defaults.
    public var maxConcurrentBatchOperationsPerNamespace = 1
    public var batcherOperationsPerSecond: Double = 50
    /// `frontend.workerVersioningDataAPIs`: the deprecated version-set API is served (off by
    /// default, as on Temporal).
    public var workerVersioningDataAPIs = false
    /// `frontend.WorkflowPauseEnabled`: PauseWorkflowExecution is served (off by default, as on Temporal).
    public var workflowPauseEnabled = false
    /// `history.timerProcessorMaxTimeShift`: no durable timer (user timer, activity timeout or
    /// retry, workflow task timeout, start back-off) fires sooner than this after the change that
    /// armed it. Temporal's timer queue behaves so (its reader looks this far ahead, and a timer due
    /// before that is moved just past it), so `sleep(0.2)` takes about a second there; SDK tests
    /// time their waits by it. Zero gives exact sub-second timers.
    public var timerProcessorMaxTimeShift: Duration = .seconds(1)
    /// Payload and history limits (`limit.blobSize.error`, `limit.historyCount.error`, …).
    public var limits = Limits()
    /// `KEY=VALUE` entries Tern does not act on.
    public private(set) var ignored: [String] = []

    public init() {}

    public enum ParseError: Error, CustomStringConvertible {
        case malformed(String)
        case badValue(key: String, value: String, expected: String)

        public var description: String {
            switch self {
            case .malformed(let entry):
                "--dynamic-config-value \"\(entry)\" is not of the form KEY=VALUE"
            case .badValue(let key, let value, let expected):
                "--dynamic-config-value \(key)=\(value): expected \(expected)"
            }
        }
    }

    /// Keys whose values Tern acts on (`apply` parses them); any other key is ignored or accepted
    /// without effect. `tern server start` uses the list to point out a misspelt key.
    public static let knownKeys: [String] = [
        "matching.longPollExpirationInterval", "frontend.keepAliveMinTime", "history.timerProcessorMaxTimeShift",
        "frontend.keepAlivePermitWithoutStream", "frontend.enableUpdateWorkflowExecution",
        "frontend.enableUpdateWorkflowExecutionAsyncAccepted", "system.enableEagerWorkflowStart",
        "history.cacheMaxSize", "frontend.MaxConcurrentBatchOperationPerNamespace",
        "frontend.workerVersioningDataAPIs", "frontend.WorkflowPauseEnabled", "worker.batcherRPS",
        "limit.blobSize.error", "limit.historyCount.error", "limit.historySize.error",
        "limit.historyCount.suggestContinueAsNew", "limit.historySize.suggestContinueAsNew",
    ] + acceptedWithoutEffect.sorted()

    /// Keys that Tern accepts and that need no action: Tern never checks client versions and
    /// has no request-rate limiter to configure.
    static let acceptedWithoutEffect: Set<String> = [
        "frontend.enableServerVersionCheck",
        "frontend.rps", "frontend.namespaceRPS", "frontend.globalNamespaceRPS", "frontend.globalRPS",
        "frontend.namespaceRPS.visibility", "frontend.namespaceBurstRatio",
    ]

    public mutating func apply(_ entry: String) throws {
        guard let eq = entry.firstIndex(of: "="), eq != entry.startIndex else {
            throw ParseError.malformed(entry)
        }
        let key = String(entry[..<eq])
        var value = String(entry[entry.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
            value = String(value.dropFirst().dropLast())
        }
        switch key {
        case "matching.longPollExpirationInterval":
            guard let duration = Self.parseDuration(value) else {
                throw ParseError.badValue(key: key, value: value, expected: "a duration such as 30s or 1m")
            }
            longPollExpiration = duration
        case "frontend.keepAliveMinTime":
            guard let duration = Self.parseDuration(value) else {
                throw ParseError.badValue(key: key, value: value, expected: "a duration such as 10s or 1m")
            }
            keepAliveMinTime = duration
        case "history.timerProcessorMaxTimeShift":
            guard let duration = Self.parseDuration(value) else {
                throw ParseError.badValue(key: key, value: value, expected: "a duration such as 1s or 0s")
            }
            timerProcessorMaxTimeShift = duration
        case "frontend.keepAlivePermitWithoutStream":
            keepAlivePermitWithoutStream = try Self.parseBool(key, value)
        case "frontend.enableUpdateWorkflowExecution":
            enableUpdateWorkflowExecution = try Self.parseBool(key, value)
        case "frontend.enableUpdateWorkflowExecutionAsyncAccepted":
            enableUpdateWorkflowExecutionAsyncAccepted = try Self.parseBool(key, value)
        case "system.enableEagerWorkflowStart":
            enableEagerWorkflowStart = try Self.parseBool(key, value)
        case "history.cacheMaxSize":
            let size = try Self.parseInt(key, value)
            guard size > 0 else { throw ParseError.badValue(key: key, value: value, expected: "a positive integer") }
            historyCacheMaxSize = Int(size)
        case "frontend.MaxConcurrentBatchOperationPerNamespace":
            maxConcurrentBatchOperationsPerNamespace = Int(try Self.parseInt(key, value))
        case "frontend.workerVersioningDataAPIs":
            workerVersioningDataAPIs = try Self.parseBool(key, value)
        case "frontend.WorkflowPauseEnabled":
            workflowPauseEnabled = try Self.parseBool(key, value)
        case "worker.batcherRPS":
            batcherOperationsPerSecond = Double(try Self.parseInt(key, value))
        case "limit.blobSize.error":
            limits.blobSizeError = Int(try Self.parseInt(key, value))
        case "limit.historyCount.error":
            limits.historyCountError = try Self.parseInt(key, value)
        case "limit.historySize.error":
            limits.historySizeError = try Self.parseInt(key, value)
        case "limit.historyCount.suggestContinueAsNew":
            limits.historyCountSuggestContinueAsNew = try Self.parseInt(key, value)
        case "limit.historySize.suggestContinueAsNew":
            limits.historySizeSuggestContinueAsNew = try Self.parseInt(key, value)
        case _ where Self.acceptedWithoutEffect.contains(key):
            break
        default:
            ignored.append(entry)
        }
    }

    static func parseInt(_ key: String, _ value: String) throws -> Int64 {
        guard let n = Int64(value), n > 0 else {
            throw ParseError.badValue(key: key, value: value, expected: "a positive integer")
        }
        return n
    }

    static func parseBool(_ key: String, _ value: String) throws -> Bool {
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw ParseError.badValue(key: key, value: value, expected: "true or false")
        }
    }

    /// Go-style durations ("500ms", "30s", "1m", "1h30m"); a bare number is seconds.
    public static func parseDuration(_ text: String) -> Duration? {
        if let seconds = Double(text) { return seconds >= 0 ? .milliseconds(Int64(seconds * 1000)) : nil }
        var total: Duration = .zero
        var number = ""
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while let c = rest.first {
            if c.isNumber || c == "." {
                number.append(c)
                rest = rest.dropFirst()
                continue
            }
            guard let value = Double(number) else { return nil }
            let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
            guard let (unit, scale) = units.first(where: { rest.hasPrefix($0.0) && !(
                $0.0 == "m" && rest.hasPrefix("ms")) }) else { return nil }
            total += .milliseconds(Int64(value * scale * 1000))
            rest = rest.dropFirst(unit.count)
            number = ""
        }
        return number.isEmpty ? total : nil
    }
}
