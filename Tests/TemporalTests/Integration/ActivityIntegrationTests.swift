import Foundation
import Synchronization
import Temporal
import Testing

/// Activities run from workflows: results, retries, timeouts, heartbeats and cancellation.
@Suite("Activities")
struct ActivityIntegrationTests {
    @ActivityContainer
    struct Flaky {
        let attempts = Counts()

        /// Fails with a retryable error until the `input`-th attempt.
        @Activity
        func succeedOnAttempt(input: Int) async throws -> Int {
            let attempt = ActivityExecutionContext.current?.info.attempt ?? 0
            if attempt < input { throw ApplicationError(message: "not yet (attempt \(attempt))", type: "NotYet") }
            return attempt
        }

        @Activity
        func failForGood(input: String) async throws -> String {
            attempts.withLock { $0[input, default: 0] += 1 }
            throw ApplicationError(message: "bad input \(input)", type: "BadInput", isNonRetryable: true)
        }

        @Activity
        func failWithType(input: String) async throws {
            attempts.withLock { $0[input, default: 0] += 1 }
            throw ApplicationError(message: "typed failure", type: input)
        }

        /// Heartbeats its progress; a retry resumes from the last heartbeat.
        @Activity
        func countWithHeartbeats(input: Int) async throws -> [Int] {
            guard let context = ActivityExecutionContext.current else { return [] }
            let start = (try await context.info.heartbeatDetails(as: Int.self)) ?? 0
            var seen: [Int] = [start]
            for step in (start + 1)...input {
                context.heartbeat(details: step)
                seen.append(step)
                if step == 2 && context.info.attempt == 1 {
                    try await Task.sleep(for: .milliseconds(1200))  // let the heartbeat reach the server
                    throw ApplicationError(message: "crash after step 2")
                }
            }
            return seen
        }

        @Activity
        func sleepFor(input: Double) async throws -> String {
            try await Task.sleep(for: .milliseconds(Int64(input * 1000)))
            return "slept"
        }

        /// Heartbeats until cancelled; reports how it ended.
        @Activity
        func waitForCancellation(input: Void) async throws -> String {
            guard let context = ActivityExecutionContext.current else { return "" }
            while true {
                context.heartbeat()
                do {
                    try await Task.sleep(for: .milliseconds(100))
                } catch {
                    attempts.withLock { $0["cancelled", default: 0] += 1 }
                    throw error
                }
            }
        }
    }

    /// Calls per key, shared by the activities and the test.
    final class Counts: Sendable {
        private let counts = Mutex<[String: Int]>([:])
        func withLock<R>(_ body: (inout [String: Int]) -> R) -> R { counts.withLock { body(&$0) } }
    }

    @Workflow
    struct RunActivity {
        func run(context: WorkflowContext<Self>, input: Step) async throws -> String {
            let options = ActivityOptions(
                startToCloseTimeout: .seconds(input.startToClose), heartbeatTimeout: input.heartbeat.map { .seconds($0) },
                retryPolicy: RetryPolicy(
                    initialInterval: .milliseconds(100), backoffCoefficient: 1, maximumAttempts: input.maximumAttempts,
                    nonRetryableErrorTypes: input.nonRetryable))
            switch input.kind {
            case "retry":
                return "\(try await context.executeActivity(Flaky.Activities.SucceedOnAttempt.self, options: options, input: 3))"
            case "nonRetryable":
                return try await context.executeActivity(Flaky.Activities.FailForGood.self, options: options, input: input.key)
            case "nonRetryableType":
                try await context.executeActivity(Flaky.Activities.FailWithType.self, options: options, input: input.key)
                return ""
            case "heartbeats":
                let seen = try await context.executeActivity(Flaky.Activities.CountWithHeartbeats.self, options: options, input: 4)
                return seen.map(String.init).joined(separator: ",")
            case "local":
                // Two local activities at once, then one that fails for good.
                let local = LocalActivityOptions(startToCloseTimeout: .seconds(5))
                async let first = context.executeLocalActivity(Flaky.Activities.SucceedOnAttempt.self, options: local, input: 2)
                async let second = context.executeLocalActivity(Flaky.Activities.SucceedOnAttempt.self, options: local, input: 1)
                let attempts = try await [first, second]
                do {
                    _ = try await context.executeLocalActivity(Flaky.Activities.FailForGood.self, options: local, input: input.key)
                    return "no failure"
                } catch let error as ActivityError {
                    return "\(attempts) then \((error.cause as? ApplicationError)?.message ?? "?")"
                }
            case "sleep":
                return try await context.executeActivity(Flaky.Activities.SleepFor.self, options: options, input: input.sleep)
            default:
                return "unknown step"
            }
        }
    }

    struct Step: Codable, Sendable {
        var kind: String
        var key = ""
        var startToClose: Int64 = 10
        var heartbeat: Int64?
        var maximumAttempts = 5
        var nonRetryable: [String] = []
        var sleep = 0.0
    }

    private func run(_ step: Step, flaky: Flaky = Flaky()) async throws -> String {
        try await withWorkerAndClient(workflows: [RunActivity.self], containers: [flaky]) { client, taskQueue in
            try await client.executeWorkflow(
                type: RunActivity.self, options: .init(id: "activity-\(UUID())", taskQueue: taskQueue), input: step)
        }
    }

    @Test func retriesUntilTheActivitySucceeds() async throws {
        #expect(try await run(Step(kind: "retry")) == "3")
    }

    @Test func aNonRetryableErrorFailsAtOnceWithItsTypeAndMessage() async throws {
        let flaky = Flaky()
        let error = await #expect(throws: WorkflowFailedError.self) { try await run(Step(kind: "nonRetryable", key: "x"), flaky: flaky) }
        let activityError = error?.cause as? ActivityError
        let cause = activityError?.cause as? ApplicationError
        #expect(cause?.type == "BadInput")
        #expect(cause?.message == "bad input x")
        #expect(cause?.isNonRetryable == true)
        #expect(activityError?.activityType == "FailForGood")
        #expect(flaky.attempts.withLock { $0["x"] } == 1)
    }

    @Test func aRetryPolicyCanNameNonRetryableErrorTypes() async throws {
        let flaky = Flaky()
        await #expect(throws: WorkflowFailedError.self) {
            try await run(Step(kind: "nonRetryableType", key: "Fatal", nonRetryable: ["Fatal"]), flaky: flaky)
        }
        #expect(flaky.attempts.withLock { $0["Fatal"] } == 1)
    }

    @Test func heartbeatDetailsReachTheNextAttempt() async throws {
        // Attempt 1 heartbeats 1 and 2, then fails; attempt 2 starts from 2.
        #expect(try await run(Step(kind: "heartbeats", heartbeat: 10)) == "2,3,4")
    }

    @Test func localActivitiesRunInTheWorkerAndRetry() async throws {
        let flaky = Flaky()
        #expect(try await run(Step(kind: "local", key: "y"), flaky: flaky) == "[2, 1] then bad input y")
        #expect(flaky.attempts.withLock { $0["y"] } == 1)
    }

    @Test func startToCloseTimeoutFailsTheActivity() async throws {
        let error = await #expect(throws: WorkflowFailedError.self) {
            try await run(Step(kind: "sleep", startToClose: 1, maximumAttempts: 1, sleep: 5))
        }
        let timeout = (error?.cause as? ActivityError)?.cause as? TimeoutError
        #expect(timeout?.type == .startToClose)
    }

    @Test func heartbeatTimeoutFailsAnActivityThatStopsHeartbeating() async throws {
        let error = await #expect(throws: WorkflowFailedError.self) {
            try await run(Step(kind: "sleep", startToClose: 30, heartbeat: 1, maximumAttempts: 1, sleep: 5))
        }
        let timeout = (error?.cause as? ActivityError)?.cause as? TimeoutError
        #expect(timeout?.type == .heartbeat)
    }

    @Workflow
    struct CancelActivity {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            let cancellation: ActivityOptions.CancellationType = input.hasPrefix("wait") ? .waitCancellationCompleted : .tryCancel
            // A heartbeat timeout long enough that a loaded machine never times the attempt out (a
            // retry would be cancelled a second time); the cancellation arrives with the first heartbeat.
            // "wait-no-heartbeat-timeout" has none: the worker's throttle settings alone decide then.
            let heartbeatTimeout: Duration? = input.hasSuffix("no-heartbeat-timeout") ? nil : .seconds(5)
            let options = ActivityOptions(
                startToCloseTimeout: .seconds(30), cancellationType: cancellation, heartbeatTimeout: heartbeatTimeout)
            do {
                _ = try await context.timeout(for: .milliseconds(500)) {
                    try await context.executeActivity(Flaky.Activities.WaitForCancellation.self, options: options)
                }
                return "finished"
            } catch let error as ActivityError {
                return (error.cause is CanceledError) ? "cancelled" : "other: \(error)"
            }
        }
    }

    @Test(arguments: ["try", "wait"])
    func cancellingTheWaitCancelsTheActivity(type: String) async throws {
        let flaky = Flaky()
        let result = try await withWorkerAndClient(workflows: [CancelActivity.self], containers: [flaky]) { client, taskQueue in
            try await client.executeWorkflow(
                type: CancelActivity.self, options: .init(id: "cancel-\(UUID())", taskQueue: taskQueue), input: type)
        }
        #expect(result == "cancelled")
        if type == "wait" {
            // Waiting for the cancellation to complete means the activity saw it before the workflow went on.
            #expect(flaky.attempts.withLock { $0["cancelled"] } == 1)
        }
    }

    /// Without a heartbeat timeout the throttle is the default interval (30 s) capped by the
    /// maximum, so a small maximum lets the cancellation reach the activity on its next heartbeat.
    @Test func aSmallMaximumThrottleDeliversCancellationWithoutAHeartbeatTimeout() async throws {
        let flaky = Flaky()
        let result = try await withWorkerAndClient(
            workflows: [CancelActivity.self], containers: [flaky],
            configure: { $0.maxHeartbeatThrottleInterval = .milliseconds(50) }
        ) { client, taskQueue in
            try await client.executeWorkflow(
                type: CancelActivity.self, options: .init(id: "cancel-\(UUID())", taskQueue: taskQueue),
                input: "wait-no-heartbeat-timeout")
        }
        #expect(result == "cancelled")
        #expect(flaky.attempts.withLock { $0["cancelled"] } == 1)
    }
}
