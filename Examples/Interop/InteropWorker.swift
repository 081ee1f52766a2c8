import Crypto
import EncryptionExample
import Foundation
import GRPCNIOTransportHTTP2Posix
import Logging
import Temporal

/// A Swift worker for the cross-language tests in conformance/ (test_swift_sdk.py):
///
///     InteropWorker HOST:PORT TASK_QUEUE
///
/// serves `InteropWorkflow` (which calls a Python activity by name on another task queue and waits
/// for a signal), `CountdownWorkflow` (activities and timers, for the crash test) and the
/// `Tally` activities, until it is killed. With `INTEROP_ENCRYPTION_KEY` (64 hex digits) set, its
/// payloads go through `EncryptionCodec` under key id `interop`, the format of Temporal's
/// encryption samples, so the Python side reads them with its own codec.
@main
struct InteropWorker {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3, let colon = arguments[1].lastIndex(of: ":"), let port = Int(arguments[1][arguments[1].index(after: colon)...])
        else {
            FileHandle.standardError.write(Data("usage: InteropWorker HOST:PORT TASK_QUEUE\n".utf8))
            exit(2)
        }
        let host = String(arguments[1][..<colon])
        var logger = Logger(label: "InteropWorker")
        logger.logLevel = .warning
        var configuration = TemporalWorker.Configuration(
            namespace: "default", taskQueue: arguments[2], instrumentation: .init(serverHostname: host))
        if let hex = ProcessInfo.processInfo.environment["INTEROP_ENCRYPTION_KEY"] {
            guard let key = Data(hexDigits: hex), key.count == 32 else {
                FileHandle.standardError.write(Data("INTEROP_ENCRYPTION_KEY must be 64 hex digits (a 256-bit key)\n".utf8))
                exit(2)
            }
            configuration.dataConverter = DataConverter(
                payloadConverter: DefaultPayloadConverter(), failureConverter: DefaultFailureConverter(),
                payloadCodec: EncryptionCodec(keyID: "interop", key: SymmetricKey(data: key)))
        }
        let worker = try TemporalWorker(
            configuration: configuration,
            target: .ipv4(address: host, port: port), transportSecurity: .plaintext,
            activityContainers: Tally(), workflows: [InteropWorkflow.self, CountdownWorkflow.self], logger: logger)
        FileHandle.standardOutput.write(Data("ready\n".utf8))
        try await worker.run()
    }
}

extension Data {
    init?(hexDigits: String) {
        var bytes: [UInt8] = []
        var iterator = hexDigits.makeIterator()
        while let high = iterator.next() {
            guard let low = iterator.next(), let byte = UInt8(String([high, low]), radix: 16) else { return nil }
            bytes.append(byte)
        }
        self.init(bytes)
    }
}

/// What the Python side sends and receives: the JSON of a Python dataclass.
struct Greeting: Codable, Sendable {
    var name: String
    var times: Int
    var tags: [String]
}

struct GreetingResult: Codable, Sendable {
    var text: String
    var approvedBy: String?
    var pythonSaid: String

    enum CodingKeys: String, CodingKey {
        case text
        case approvedBy = "approved_by"
        case pythonSaid = "python_said"
    }
}

@Workflow
struct InteropWorkflow {
    var approver: String?
    var stage = "started"

    mutating func run(context: WorkflowContext<Self>, input: Greeting) async throws -> GreetingResult {
        // A Python worker serves `py_shout` on the task queue named after ours.
        stage = "calling python"
        let shouted = try await context.executeActivity(
            name: "py_shout",
            options: ActivityOptions(startToCloseTimeout: .seconds(30), taskQueue: "\(context.info.taskQueue)-python"),
            input: input, outputType: String.self)
        stage = "waiting for approval"
        try await context.condition { $0.approver != nil }
        stage = "done"
        return GreetingResult(
            text: Array(repeating: "hello \(input.name)", count: input.times).joined(separator: " "), approvedBy: approver,
            pythonSaid: shouted)
    }

    @WorkflowSignal(name: "approve")
    mutating func approve(input: String) { approver = input }

    @WorkflowQuery(name: "stage")
    func stage(input: Void) -> String { stage }
}

/// An activity named like its container (the macro must keep the two apart).
@ActivityContainer
struct Tally {
    @Activity(name: "tally")
    func tally(input: String) async throws -> Int {
        try await Task.sleep(for: .milliseconds(50))
        return input.count
    }
}

@Workflow
struct CountdownWorkflow {
    func run(context: WorkflowContext<Self>, input: Int) async throws -> Int {
        var total = 0
        for step in 0..<input {
            total += try await context.executeActivity(
                Tally.Activities.Tally.self, options: ActivityOptions(startToCloseTimeout: .seconds(10)),
                input: String(repeating: "x", count: step + 1))
            try await context.sleep(for: .milliseconds(100))
        }
        return total
    }
}
