import Foundation
import GRPCCore
import Synchronization
import Temporal
import Testing

/// Activities that their worker leaves running (`CompleteAsyncError`) and the client finishes.
@Suite("Async activities")
struct AsyncActivityIntegrationTests {
    /// Where a deferred activity left itself: its task token and ids, by the activity's input.
    final class Parked: Sendable {
        struct Entry: Sendable {
            var token: ActivityTaskToken
            var workflowID: String
            var activityID: String
        }

        private let entries = Mutex<[String: Entry]>([:])

        func park(_ key: String, _ entry: Entry) { entries.withLock { $0[key] = entry } }
        func entry(_ key: String) -> Entry? { entries.withLock { $0[key] } }
    }

    @ActivityContainer
    struct Deferring {
        let parked: Parked

        /// Records how to reach it, then leaves the result to someone else.
        @Activity
        func deferred(input: String) async throws -> String {
            guard let info = ActivityExecutionContext.current?.info else { return "no context" }
            parked.park(input, .init(token: info.taskToken, workflowID: info.workflowID, activityID: info.activityID))
            throw CompleteAsyncError()
        }
    }

    @Workflow
    struct AwaitDeferred {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            let options = ActivityOptions(startToCloseTimeout: .seconds(60), retryPolicy: RetryPolicy(maximumAttempts: 1))
            do {
                return try await context.executeActivity(Deferring.Activities.Deferred.self, options: options, input: input)
            } catch let error as ActivityError {
                return "failed: \((error.cause as? ApplicationError)?.message ?? "\(String(describing: error.cause))")"
            }
        }
    }

    @Workflow
    struct AwaitDeferredCancellably {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            let options = ActivityOptions(startToCloseTimeout: .seconds(60), cancellationType: .waitCancellationCompleted)
            do {
                return try await context.executeActivity(Deferring.Activities.Deferred.self, options: options, input: input)
            } catch let error as ActivityError {
                return "activity ended: \(error.cause is CanceledError ? "cancelled" : "\(String(describing: error.cause))")"
            }
        }
    }

    @Test func anActivityIsHeartbeatedAndCompletedByItsTaskToken() async throws {
        let parked = Parked()
        try await withWorkerAndClient(workflows: [AwaitDeferred.self], containers: [Deferring(parked: parked)]) {
            client, taskQueue in
            let handle = try await client.startWorkflow(
                type: AwaitDeferred.self, options: .init(id: "deferred-\(UUID())", taskQueue: taskQueue), input: "by-token")
            try await eventually { parked.entry("by-token") != nil }
            let entry = try #require(parked.entry("by-token"))

            let activity = client.asyncActivityHandle(for: .taskToken(taskToken: entry.token))
            try await activity.heartbeat(options: .init(details: ["halfway"]))
            try await activity.complete(result: "done by token")
            #expect(try await handle.result() == "done by token")

            // The activity is gone now: the server says so.
            let error = await #expect(throws: RPCError.self) { try await activity.heartbeat() }
            #expect(error?.code == .notFound)
        }
    }

    @Test func anActivityIsFailedByItsWorkflowAndActivityIDs() async throws {
        let parked = Parked()
        try await withWorkerAndClient(workflows: [AwaitDeferred.self], containers: [Deferring(parked: parked)]) {
            client, taskQueue in
            let handle = try await client.startWorkflow(
                type: AwaitDeferred.self, options: .init(id: "deferred-\(UUID())", taskQueue: taskQueue), input: "by-id")
            try await eventually { parked.entry("by-id") != nil }
            let entry = try #require(parked.entry("by-id"))
            #expect(entry.workflowID == handle.id)

            let activity = client.asyncActivityHandle(
                for: .id(workflowId: entry.workflowID, activityId: entry.activityID))
            try await activity.heartbeat()
            try await activity.fail(
                ApplicationError(message: "rejected by a reviewer", type: "Rejected", isNonRetryable: true),
                options: .init(lastHeartbeatDetails: ["reviewed"]))
            #expect(try await handle.result() == "failed: rejected by a reviewer")
        }
    }

    @Test func anActivityCompletedByIDsReturnsItsResult() async throws {
        let parked = Parked()
        try await withWorkerAndClient(workflows: [AwaitDeferred.self], containers: [Deferring(parked: parked)]) {
            client, taskQueue in
            let handle = try await client.startWorkflow(
                type: AwaitDeferred.self, options: .init(id: "deferred-\(UUID())", taskQueue: taskQueue), input: "ids-ok")
            try await eventually { parked.entry("ids-ok") != nil }
            let entry = try #require(parked.entry("ids-ok"))
            try await client.asyncActivityHandle(
                for: .id(workflowId: entry.workflowID, runId: handle.resultRunID, activityId: entry.activityID)
            ).complete(result: "done by ids")
            #expect(try await handle.result() == "done by ids")
        }
    }

    @Test func aCancelledActivityLearnsOfItFromAHeartbeatAndReportsTheCancellation() async throws {
        let parked = Parked()
        try await withWorkerAndClient(workflows: [AwaitDeferredCancellably.self], containers: [Deferring(parked: parked)]) {
            client, taskQueue in
            let handle = try await client.startWorkflow(
                type: AwaitDeferredCancellably.self, options: .init(id: "deferred-\(UUID())", taskQueue: taskQueue),
                input: "to-cancel")
            try await eventually { parked.entry("to-cancel") != nil }
            let entry = try #require(parked.entry("to-cancel"))
            let activity = client.asyncActivityHandle(for: .taskToken(taskToken: entry.token))

            try await handle.cancel()
            var cancellation: ActivityCancellationDetails?
            try await eventually {
                do {
                    try await activity.heartbeat()
                    return false
                } catch let error as AsyncActivityCanceledError {
                    cancellation = error.details
                    return true
                }
            }
            #expect(cancellation?.cancelRequested == true)
            try await activity.reportCancellation(options: .init(details: ["stopped"]))
            #expect(try await handle.result() == "activity ended: cancelled")
        }
    }
}
