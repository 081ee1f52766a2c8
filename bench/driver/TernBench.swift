import ArgumentParser
import Foundation

/// The workflow shapes the driver can run; the raw value is also the workflow type name.
enum Scenario: String, CaseIterable, ExpressibleByArgument, Sendable {
    case startOnly = "start-only"
    case noop
    case oneActivity = "one-activity"
    case tenActivities = "ten-activities"
    case signalQuery = "signal-query"
    case timer
    case child
    case fanOut = "fan-out"
    /// Left open: the first task starts a one-hour timer. Counts as done once that task is
    /// acknowledged; used to measure the server's memory with many waiting workflows.
    case waiting

    /// Whether the run needs worker pollers at all.
    var needsWorkflowWorker: Bool { self != .startOnly }
    var needsActivityWorker: Bool { [.oneActivity, .tenActivities, .fanOut].contains(self) }
}

@main
struct TernBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tern-bench",
        abstract: "Load driver playing Temporal client and worker over the gRPC API."
    )

    @Option(help: "Frontend address, host:port.")
    var address = "127.0.0.1:7233"

    @Option(help: "Namespace (must exist).")
    var namespace = "default"

    @Option(help: "One of: \(Scenario.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scenario: Scenario = .oneActivity

    @Option(help: "Workflows to start.")
    var count = 200

    @Option(help: "Workflows in flight at once (closed loop; ignored when --rate > 0).")
    var concurrency = 100

    @Option(help: "Offered load in workflows/s (open loop); 0 = saturation (closed loop).")
    var rate: Double = 0

    @Option(help: "Concurrent PollWorkflowTaskQueue loops.")
    var workflowPollers = 16

    @Option(help: "Concurrent PollActivityTaskQueue loops.")
    var activityPollers = 16

    @Option(help: "Closed loop: stop starting workflows after this many seconds (0 = start all --count).")
    var duration: Double = 0

    @Option(help: "Give up on workflows not closed this many seconds after the run began.")
    var timeout: Double = 300

    @Flag(inversion: .prefixedNo,
          help: "Route connections through the in-process relay that answers the server's HTTP/2 PINGs (see PingRelay.swift).")
    var pingRelay = true

    @Flag(help: "Ask for eager execution of activities (request_eager_execution), as the SDK workers do.")
    var eagerActivities = false

    @Flag(help: "Ask for eager workflow start (request_eager_execution on StartWorkflowExecution): the start's answer carries the first workflow task, which the starter runs.")
    var eagerStart = false

    @Flag(help: "Keep each workflow's state between its tasks and ask for them on a sticky queue, as SDK workers do: a task then carries only the events new since the last one.")
    var sticky = false

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    mutating func validate() throws {
        guard count > 0, concurrency > 0, rate >= 0, duration >= 0, workflowPollers > 0, activityPollers > 0 else {
            throw ValidationError("--count, --concurrency, --*-pollers must be > 0 and --rate >= 0")
        }
        guard address.split(separator: ":").count >= 2, Int(address.split(separator: ":").last!) != nil else {
            throw ValidationError("--address must be host:port")
        }
    }

    func run() async throws {
        let colon = address.lastIndex(of: ":")!
        let config = Driver.Config(
            host: String(address[..<colon]), port: Int(address[address.index(after: colon)...])!,
            namespace: namespace, scenario: scenario, count: count, concurrency: concurrency, rate: rate,
            workflowPollers: workflowPollers, activityPollers: activityPollers, duration: duration, timeout: timeout,
            taskQueue: "bench-\(scenario.rawValue)-\(UUID().uuidString.prefix(8).lowercased())",
            pingRelay: pingRelay, eagerActivities: eagerActivities, eagerStart: eagerStart, sticky: sticky
        )
        let report = try await Driver(config).run()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
    }
}
