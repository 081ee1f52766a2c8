import Foundation
import Temporal
import Testing

/// The timeout kinds and child policies not covered elsewhere, randomness that survives replay,
/// and the update info a handler sees.
@Suite("Timeouts and policies")
struct TimeoutsAndPoliciesIntegrationTests {
    @ActivityContainer
    struct Unserved {
        @Activity
        func neverRuns(input: String) async throws -> String { input }
    }

    @Workflow
    struct StartsUnserved {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            do {
                // Nobody polls this queue: the activity is never picked up.
                var options = ActivityOptions(startToCloseTimeout: .seconds(5), taskQueue: "nobody-polls-\(context.info.workflowID)")
                options.scheduleToStartTimeout = .seconds(1)
                return try await context.executeActivity(Unserved.Activities.NeverRuns.self, options: options, input: input)
            } catch let error as ActivityError {
                return "\((error.cause as? TimeoutError)?.type == .scheduleToStart)"
            }
        }
    }

    @Test func aScheduleToStartTimeoutEndsAnActivityNobodyPicksUp() async throws {
        let result = try await withWorkerAndClient(workflows: [StartsUnserved.self]) { client, taskQueue in
            try await client.executeWorkflow(type: StartsUnserved.self, options: .init(id: "s2s-\(UUID())", taskQueue: taskQueue), input: "x")
        }
        #expect(result == "true")
    }

    @Workflow
    struct Sleeper {
        func run(context: WorkflowContext<Self>, input: Int) async throws -> String {
            try await context.sleep(for: .seconds(input))
            return "woke"
        }
    }

    @Test func anExecutionTimeoutEndsTheWorkflowAsTimedOut() async throws {
        try await withWorkerAndClient(workflows: [Sleeper.self]) { client, taskQueue in
            let id = "exec-timeout-\(UUID())"
            let error = await #expect(throws: WorkflowFailedError.self) {
                try await client.executeWorkflow(
                    type: Sleeper.self, options: .init(id: id, taskQueue: taskQueue, executionTimeOut: .seconds(1)), input: 60)
            }
            #expect(error?.cause is TimeoutError)
            let description = try await client.workflowHandle(type: Sleeper.self, id: id).describe()
            #expect(description.execution.status == .timedOut)
        }
    }

    @Workflow
    struct Parent {
        /// "request-cancel": starts a child under that close policy and returns; "abandon-wait":
        /// stops waiting for a child whose cancellation type is abandon.
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            let childID = "child-of-\(context.info.workflowID)"
            switch input {
            case "request-cancel":
                _ = try await context.startChildWorkflow(
                    Sleeper.self, options: .init(id: childID, parentClosePolicy: .requestCancel), input: 3600)
                return childID
            default:
                let child = try await context.startChildWorkflow(
                    Sleeper.self, options: .init(id: childID, parentClosePolicy: .abandon, cancellationType: .abandon),
                    input: 3600)
                do {
                    _ = try await context.timeout(for: .milliseconds(200)) { try await child.result() }
                    return "child finished"
                } catch {
                    return childID
                }
            }
        }
    }

    @Test func aRequestCancelPolicyCancelsTheChildWhenTheParentCloses() async throws {
        try await withWorkerAndClient(workflows: [Parent.self, Sleeper.self]) { client, taskQueue in
            let childID = try await client.executeWorkflow(
                type: Parent.self, options: .init(id: "parent-\(UUID())", taskQueue: taskQueue), input: "request-cancel")
            let child = client.workflowHandle(type: Sleeper.self, id: childID)
            await #expect(throws: WorkflowFailedError.self) { try await child.result() }
            #expect(try await child.describe().execution.status == .canceled)
        }
    }

    @Test func anAbandonedWaitLeavesTheChildRunning() async throws {
        try await withWorkerAndClient(workflows: [Parent.self, Sleeper.self]) { client, taskQueue in
            let childID = try await client.executeWorkflow(
                type: Parent.self, options: .init(id: "parent-\(UUID())", taskQueue: taskQueue), input: "abandon-wait")
            let child = client.workflowHandle(type: Sleeper.self, id: childID)
            #expect(try await child.describe().execution.status == .running)
            try await child.terminate(reason: "test done")
        }
    }

    @ActivityContainer
    struct Echo {
        @Activity
        func echo(input: String) async throws -> String { input }
    }

    @Workflow
    struct Random {
        /// Names its activities with random numbers: the replay engine compares activity ids, so a
        /// generator that gave other numbers on replay would fail the run's next task.
        func run(context: WorkflowContext<Self>, input: Int) async throws -> [String] {
            var generator = context.randomNumberGenerator
            var seen: [String] = []
            for _ in 0..<input {
                let id = "act-\(UInt32.random(in: 0...UInt32.max, using: &generator))"
                var options = ActivityOptions(startToCloseTimeout: .seconds(10))
                options.activityID = id
                seen.append(try await context.executeActivity(Echo.Activities.Echo.self, options: options, input: id))
                try await context.sleep(for: .milliseconds(5))
            }
            return seen
        }
    }

    @Test func randomNumbersAreTheSameOnEveryReplay() async throws {
        let id = "random-\(UUID())"
        let (result, history) = try await withWorkerAndClient(
            workflows: [Random.self], containers: [Echo()], configure: { $0.maxCachedWorkflows = 0 }
        ) { client, taskQueue in
            let handle = try await client.startWorkflow(type: Random.self, options: .init(id: id, taskQueue: taskQueue), input: 3)
            let result = try await handle.result()
            return (result, try await handle.fetchHistoryEvents())
        }
        #expect(result.count == 3 && Set(result).count == 3)
        // No task of the run failed although each one replayed the code from the start.
        #expect(!history.contains { $0.eventType == .workflowTaskFailed })
        try await HistoryReplay.replay(history, workflows: [Random.self])
    }

    @Workflow
    struct UpdateInfo {
        var done = false
        mutating func run(context: WorkflowContext<Self>, input: Void) async throws -> String {
            try await context.condition { $0.done }
            return "done"
        }

        @WorkflowUpdate
        mutating func whoAmI(context: WorkflowContext<Self>, input: Void) async throws -> String {
            done = true
            let info = context.currentUpdateInfo
            return "\(info?.name ?? "none") \(info?.id ?? "none")"
        }
    }

    @Test func anUpdateHandlerSeesItsOwnIdAndName() async throws {
        try await withWorkerAndClient(workflows: [UpdateInfo.self]) { client, taskQueue in
            let handle = try await client.startWorkflow(type: UpdateInfo.self, options: .init(id: "upd-\(UUID())", taskQueue: taskQueue))
            let answer = try await handle.executeUpdate(updateType: UpdateInfo.WhoAmI.self, updateID: "my-update")
            #expect(answer == "WhoAmI my-update")
            #expect(try await handle.result() == "done")
        }
    }
}
