import ArgumentParser
import Foundation
import Logging
import Temporal
import TemporalTestKit

/// How long a test that uses `TemporalTestKit` spends on the server: start an in-process test
/// server, run a one-activity workflow on a worker, stop it all; and a time-skipped 30-day timer.
/// Prints one JSON object (milliseconds). `bench/compare --testkit` runs it in release mode.
@main
struct TestKitBench: AsyncParsableCommand {
    @Option(help: "Measured iterations per scenario (after one warm-up).")
    var iterations = 20

    func run() async throws {
        var logger = Logger(label: "testkit-bench")
        logger.logLevel = .error
        var report: [String: [String: Double]] = [:]
        report["oneActivityWorkflow"] = try await measure {
            try await TemporalTestServer.withTestServer { server in
                try await server.withWorkerAndClient(
                    activities: Greetings().allActivities, workflows: [GreetingWorkflow.self], logger: logger
                ) { taskQueue, client in
                    let result = try await client.executeWorkflow(
                        type: GreetingWorkflow.self,
                        options: .init(id: "bench-\(UUID())", taskQueue: taskQueue), input: "bench")
                    guard result == "Hello, bench!" else { throw BenchFailure(message: "unexpected result \(result)") }
                }
            }
        }
        report["thirtyDayTimerTimeSkipped"] = try await measure {
            try await TemporalTestServer.withTimeSkippingTestServer { server in
                try await server.withWorkerAndClient(workflows: [MonthLongWorkflow.self], logger: logger) { taskQueue, client in
                    let days = try await client.executeWorkflow(
                        type: MonthLongWorkflow.self,
                        options: .init(id: "bench-\(UUID())", taskQueue: taskQueue), input: 30)
                    guard days >= 30 else { throw BenchFailure(message: "only \(days) days passed") }
                }
            }
        }
        let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// Wall time of `body`: the first (cold) run, then the median, 90th percentile and minimum of
    /// `iterations` more.
    private func measure(_ body: () async throws -> Void) async throws -> [String: Double] {
        let clock = ContinuousClock()
        let cold = try await clock.measure { try await body() }
        var samples: [Double] = []
        for _ in 0..<iterations {
            samples.append(milliseconds(try await clock.measure { try await body() }))
        }
        samples.sort()
        return [
            "coldMs": milliseconds(cold),
            "medianMs": samples[samples.count / 2],
            "p90Ms": samples[min(samples.count - 1, samples.count * 9 / 10)],
            "minMs": samples[0],
            "iterations": Double(iterations),
        ]
    }

    private func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}

struct BenchFailure: Error {
    var message: String
}

@ActivityContainer
struct Greetings {
    @Activity
    func greet(input: String) async throws -> String { "Hello, \(input)!" }
}

@Workflow
struct GreetingWorkflow {
    init(input: String) {}

    func run(context: WorkflowContext<Self>, input: String) async throws -> String {
        try await context.executeActivity(
            Greetings.Activities.Greet.self, options: ActivityOptions(startToCloseTimeout: .seconds(10)), input: input)
    }
}

/// Sleeps `input` days; returns how many days its clock moved.
@Workflow
struct MonthLongWorkflow {
    init(input: Int) {}

    func run(context: WorkflowContext<Self>, input: Int) async throws -> Int {
        let start = context.now
        try await context.sleep(for: .seconds(input * 86_400))
        return Int(context.now.timeIntervalSince(start) / 86_400)
    }
}
