import ArgumentParser
import Foundation
import GRPCNIOTransportHTTP2Posix
import Logging
import Temporal

/// The activity of the one-activity workflow: returns its input.
@ActivityContainer
struct EchoActivities {
    @Activity(name: "echo")
    func echo(input: String) async throws -> String { input }
}

/// Runs `echo` once (start-to-close 30 s) and returns what it returned.
@Workflow(name: "OneActivity")
struct OneActivityWorkflow {
    func run(context: WorkflowContext<Self>, input: String) async throws -> String {
        try await context.executeActivity(
            EchoActivities.Activities.Echo.self, options: ActivityOptions(startToCloseTimeout: .seconds(30)),
            input: input)
    }
}

/// The Swift SDK's side of `bench/compare --workers`: a `TemporalWorker` and a `TemporalClient` in one
/// process, the client running one-activity workflows closed-loop with `executeWorkflow`. Prints one
/// JSON line: workflows completed, errors, wall seconds and this process's CPU seconds (user + system,
/// getrusage), both counted from the first start to the last result.
@main
struct SDKBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sdk-bench",
        abstract: "One-activity workflows through the Swift SDK: worker and client in one process."
    )

    @Option(help: "Frontend host.")
    var host = "127.0.0.1"

    @Option(help: "Frontend port.")
    var port = 7233

    @Option(help: "Namespace (must exist).")
    var namespace = "default"

    @Option(help: "Task queue (default: a new one).")
    var taskQueue: String?

    @Option(help: "Workflows to run.")
    var count = 200

    @Option(help: "Workflows in flight at once (closed loop).")
    var concurrency = 100

    @Option(help: "Stop starting workflows after this many seconds (0 = run all --count).")
    var duration: Double = 0

    @Option(help: "Workflow-task polls the worker keeps open, sticky ones included (default: the SDK's, 5).")
    var workflowPollers: Int?

    @Option(help: "Activity-task polls the worker keeps open (default: the SDK's, 5).")
    var activityPollers: Int?

    @Flag(help: "Ask for eager workflow start (opt-in in the SDK).")
    var eagerStart = false

    mutating func validate() throws {
        guard count > 0, concurrency > 0, duration >= 0, (workflowPollers ?? 1) > 0, (activityPollers ?? 1) > 0 else {
            throw ValidationError("--count, --concurrency and --*-pollers must be > 0, --duration >= 0")
        }
    }

    func run() async throws {
        let queue = taskQueue ?? "sdk-bench-\(UUID().uuidString.prefix(8).lowercased())"
        var logger = Logger(label: "sdk-bench")
        logger.logLevel = .warning
        var configuration = TemporalWorker.Configuration(
            namespace: namespace, taskQueue: queue, instrumentation: .init(serverHostname: host))
        if let workflowPollers { configuration.workflowTaskPollerBehavior = .simpleMaximum(maximum: workflowPollers) }
        if let activityPollers { configuration.activityTaskPollerBehavior = .simpleMaximum(maximum: activityPollers) }
        let worker = try TemporalWorker(
            configuration: configuration, target: .dns(host: host, port: port), transportSecurity: .plaintext,
            activityContainers: EchoActivities(), workflows: [OneActivityWorkflow.self], logger: logger)
        let client = try TemporalClient(
            target: .dns(host: host, port: port), transportSecurity: .plaintext,
            configuration: .init(instrumentation: .init(serverHostname: host)), logger: logger)

        let report = await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            group.addTask { try await client.run() }
            defer { group.cancelAll() }
            return await drive(client, taskQueue: queue)
        }
        print(report.json)
    }

    /// `concurrency` tasks each run one workflow after another until `count` have started (or
    /// `duration` has passed); the clocks run from the first start to the last result.
    private func drive(_ client: TemporalClient, taskQueue: String) async -> BenchReport {
        let tally = Tally()
        let next = Counter()
        let cpuBefore = processCPUSeconds()
        let began = ContinuousClock.now
        let stopStarting = duration > 0 ? began + .seconds(duration) : nil
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<min(concurrency, count) {
                group.addTask {
                    while case let i = next.take(), i < count, stopStarting.map({ ContinuousClock.now < $0 }) ?? true {
                        do {
                            let output = try await client.executeWorkflow(
                                type: OneActivityWorkflow.self,
                                options: .init(id: "\(taskQueue)-\(i)", taskQueue: taskQueue, requestEagerStart: eagerStart),
                                input: "v\(i)")
                            if output == "v\(i)" { tally.completed() } else { tally.error("wrong result", output) }
                        } catch {
                            tally.error(String(describing: type(of: error)), String(describing: error))
                        }
                    }
                }
            }
        }
        let cpu = processCPUSeconds() - cpuBefore
        let seconds = (ContinuousClock.now - began) / .seconds(1)
        return tally.report(
            driver: "swift-sdk", taskQueue: taskQueue, concurrency: concurrency, seconds: seconds, cpuSeconds: cpu,
            settings: [
                "workflowPollers": workflowPollers.map(String.init) ?? "SDK default",
                "activityPollers": activityPollers.map(String.init) ?? "SDK default",
                "eagerStart": String(eagerStart),
            ])
    }
}
