import Foundation
import Temporal
import TemporalTestKit
import Testing

/// `withActivityTestEnvironment` and the testing `ActivityExecutionContext.Info` initialiser:
/// activities called directly, without worker or server.
@Suite
struct ActivityTestEnvironmentTests {
    @Test func theBodySeesTheGivenInfo() async throws {
        let scheduled = Date(timeIntervalSince1970: 1_700_000_000)
        let info = try await ActivityExecutionContext.Info(
            activityID: "act-7", activityType: "Charge", attempt: 3, isLocal: true,
            scheduleToCloseTimeout: .seconds(60), startToCloseTimeout: .seconds(10), heartbeatTimeout: .seconds(2),
            scheduledTime: scheduled, currentAttemptScheduled: scheduled + 5, startedTime: scheduled + 6,
            taskQueue: "payments", taskToken: ActivityTaskToken(bytes: [1, 2, 3]), workflowID: "order-1",
            workflowNamespace: "shop", workflowRunID: "run-1", workflowType: "Order",
            heartbeatDetails: "resume here", 42)
        #expect(ActivityExecutionContext.current == nil)
        let seen = try await withActivityTestEnvironment(info: info) {
            let context = try #require(ActivityExecutionContext.current)
            #expect(context.info.activityID == "act-7")
            #expect(context.info.activityType == "Charge")
            #expect(context.info.attempt == 3)
            #expect(context.info.isLocal)
            #expect(context.info.scheduleToCloseTimeout == .seconds(60))
            #expect(context.info.startToCloseTimeout == .seconds(10))
            #expect(context.info.heartbeatTimeout == .seconds(2))
            #expect(context.info.scheduledTime == scheduled)
            #expect(context.info.currentAttemptScheduled == scheduled + 5)
            #expect(context.info.startedTime == scheduled + 6)
            #expect(context.info.taskQueue == "payments")
            #expect(context.info.taskToken == ActivityTaskToken(bytes: [1, 2, 3]))
            #expect(context.info.workflowID == "order-1")
            #expect(context.info.workflowNamespace == "shop")
            #expect(context.info.workflowRunID == "run-1")
            #expect(context.info.workflowType == "Order")
            #expect(context.cancellationReason == nil)
            let details = try await context.info.heartbeatDetails(as: String.self, Int.self)
            #expect(details?.0 == "resume here")
            #expect(details?.1 == 42)
            return context.info.activityID
        }
        #expect(seen == "act-7")
        #expect(ActivityExecutionContext.current == nil)
    }

    @Test func theDefaultInfoDescribesAFirstAttempt() async throws {
        let first = try await ActivityExecutionContext.Info()
        let second = try await ActivityExecutionContext.Info()
        #expect(first.attempt == 1)
        #expect(!first.isLocal)
        #expect(first.workflowNamespace == "default")
        #expect(first.taskToken.bytes.count == 32)
        #expect(first.taskToken != second.taskToken)
        #expect(first.workflowRunID != second.workflowRunID)
        #expect(try await first.heartbeatDetails(as: Int.self) == nil)
    }

    @Test func anActivityResumesFromTheInfosHeartbeatDetails() async throws {
        let info = try await ActivityExecutionContext.Info(attempt: 2, heartbeatDetails: 3)
        let steps = try await withActivityTestEnvironment(info: info) {
            try await ProgressActivities().countTo(input: 5)
        }
        #expect(steps == 2)
    }

    @Test func heartbeatsArriveInOrderAndTheSequenceEndsWithTheBody() async throws {
        let info = try await ActivityExecutionContext.Info()
        let steps = try await withActivityTestEnvironment(info: info) {
            try await ProgressActivities().countTo(input: 4)
        } assertHeartbeatDetails: { heartbeats in
            var numbers: [Int] = []
            var labels: [String] = []
            for await details in heartbeats {
                #expect(details.count == 2)
                if let number = details.first as? Int { numbers.append(number) }
                if let label = details.last as? String { labels.append(label) }
            }
            // Reaching this line at all shows the sequence ended.
            #expect(numbers == [1, 2, 3, 4])
            #expect(labels == ["step 1", "step 2", "step 3", "step 4"])
        }
        #expect(steps == 4)
    }

    @Test func aCancellationReasonIsVisibleToTheActivity() async throws {
        let info = try await ActivityExecutionContext.Info()
        try await withActivityTestEnvironment(info: info, cancellationReason: .serverRequest) {
            let context = try #require(ActivityExecutionContext.current)
            guard case .serverRequest = context.cancellationReason else {
                Issue.record("expected .serverRequest, got \(String(describing: context.cancellationReason))")
                return
            }
            #expect(context.cancellationDetails?.cancelRequested == true)
        }
        try await withActivityTestEnvironment(info: info, cancellationReason: .workerShutdown) {
            let context = try #require(ActivityExecutionContext.current)
            guard case .workerShutdown = context.cancellationReason else {
                Issue.record("expected .workerShutdown, got \(String(describing: context.cancellationReason))")
                return
            }
            #expect(context.cancellationDetails?.cancelRequested == false)
        }
    }

    @Test func aCancelledActivityStopsAndItsHeartbeatsUpToThenAreSeen() async throws {
        let info = try await ActivityExecutionContext.Info()
        await #expect(throws: ProgressActivities.Stop.self) {
            try await withActivityTestEnvironment(info: info, cancellationReason: .paused) {
                try await ProgressActivities().countTo(input: 10)
            } assertHeartbeatDetails: { heartbeats in
                var numbers: [Int] = []
                for await details in heartbeats {
                    if let number = details.first as? Int { numbers.append(number) }
                }
                #expect(numbers == [1, 2])
            }
        }
    }

    @Test func aFailedHeartbeatAssertionIsThrown() async throws {
        struct NotEnough: Error {}
        let info = try await ActivityExecutionContext.Info()
        await #expect(throws: NotEnough.self) {
            try await withActivityTestEnvironment(info: info) {
                try await ProgressActivities().countTo(input: 1)
            } assertHeartbeatDetails: { heartbeats in
                var count = 0
                for await _ in heartbeats { count += 1 }
                if count < 2 { throw NotEnough() }
            }
        }
    }
}
