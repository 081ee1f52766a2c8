import Foundation
import Temporal
import Testing

/// Histories written by a worker replay against the same code; changed code fails with a
/// nondeterminism error unless the change is patched.
@Suite("Replay")
struct ReplayIntegrationTests {
    @ActivityContainer
    struct Steps {
        @Activity
        func step(input: String) -> String { "did \(input)" }
    }

    static let options = ActivityOptions(startToCloseTimeout: .seconds(10))

    @Workflow(name: "TwoSteps")
    struct TwoSteps {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            let a = try await context.executeActivity(Steps.Activities.Step.self, options: ReplayIntegrationTests.options, input: "a")
            try await context.sleep(for: .milliseconds(10))
            let b = try await context.executeActivity(Steps.Activities.Step.self, options: ReplayIntegrationTests.options, input: "b")
            return "\(a), \(b)"
        }
    }

    /// The same workflow type with its steps reordered (a sleep before the first activity).
    @Workflow(name: "TwoSteps")
    struct TwoStepsReordered {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            try await context.sleep(for: .milliseconds(10))
            let a = try await context.executeActivity(Steps.Activities.Step.self, options: ReplayIntegrationTests.options, input: "a")
            let b = try await context.executeActivity(Steps.Activities.Step.self, options: ReplayIntegrationTests.options, input: "b")
            return "\(a), \(b)"
        }
    }

    /// The same workflow type with a third step added behind a patch: old histories skip it.
    @Workflow(name: "TwoSteps")
    struct TwoStepsPatched {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            let a = try await context.executeActivity(Steps.Activities.Step.self, options: ReplayIntegrationTests.options, input: "a")
            if context.patch("audit") {
                _ = try await context.executeActivity(Steps.Activities.Step.self, options: ReplayIntegrationTests.options, input: "audit")
            }
            try await context.sleep(for: .milliseconds(10))
            let b = try await context.executeActivity(Steps.Activities.Step.self, options: ReplayIntegrationTests.options, input: "b")
            return "\(a), \(b)"
        }
    }

    private func history(of workflow: any WorkflowDefinition.Type) async throws -> [Api.History.V1.HistoryEvent] {
        try await withWorkerAndClient(workflows: [workflow], containers: [Steps()]) { client, taskQueue in
            let handle = try await client.startWorkflow(
                name: "TwoSteps", options: .init(id: "replay-\(UUID())", taskQueue: taskQueue), input: "x")
            _ = try await handle.result(resultTypes: String.self)
            return try await handle.fetchHistoryEvents()
        }
    }

    @Test func aHistoryReplaysAgainstTheCodeThatWroteIt() async throws {
        let events = try await history(of: TwoSteps.self)
        try await HistoryReplay.replay(events, workflows: [TwoSteps.self])
    }

    @Test func reorderedStepsFailReplayWithANondeterminismError() async throws {
        let events = try await history(of: TwoSteps.self)
        let error = await #expect(throws: WorkflowNondeterminismError.self) {
            try await HistoryReplay.replay(events, workflows: [TwoStepsReordered.self])
        }
        #expect(error?.message.contains("TMPRL1100") == true)
        #expect(error?.message.contains("StartTimer") == true)
    }

    @Test func theWorkflowReplayerReportsEachHistory() async throws {
        let history = try WorkflowHistory(events: try await history(of: TwoSteps.self))
        let good = WorkflowReplayer(configuration: .init(workflows: [TwoSteps.self]))
        #expect(try await good.replayWorkflow(history: history).replayFailure == nil)
        let changed = WorkflowReplayer(configuration: .init(workflows: [TwoStepsReordered.self]))
        // Collected per history instead of thrown when asked.
        let results = try await changed.replayWorkflows(histories: [history, history], throwOnReplayFailure: false)
        #expect(results.count == 2 && results.allSatisfy { $0.replayFailure is WorkflowNondeterminismError })
        await #expect(throws: WorkflowNondeterminismError.self) { try await changed.replayWorkflow(history: history) }
    }

    @Test func aPatchedChangeReplaysOldHistoriesAndNewOnes() async throws {
        let old = try await history(of: TwoSteps.self)
        try await HistoryReplay.replay(old, workflows: [TwoStepsPatched.self])
        let new = try await history(of: TwoStepsPatched.self)
        #expect(new.contains { $0.markerRecordedEventAttributes.markerName == "core_patch" })
        try await HistoryReplay.replay(new, workflows: [TwoStepsPatched.self])
        // Without the patch call, the new history no longer replays.
        await #expect(throws: WorkflowNondeterminismError.self) {
            try await HistoryReplay.replay(new, workflows: [TwoSteps.self])
        }
    }

    @Workflow(name: "UpdateWithLocalActivity")
    struct UpdateWithLocalActivity {
        var log: [String] = []
        var done = false

        mutating func run(context: WorkflowContext<Self>, input: String) async throws -> [String] {
            try await context.condition { $0.done }
            return log
        }

        @WorkflowUpdate
        mutating func record(context: WorkflowContext<Self>, input: String) async throws -> String {
            let result = try await context.executeLocalActivity(
                Steps.Activities.Step.self, options: LocalActivityOptions(startToCloseTimeout: .seconds(5)), input: input)
            log.append(result)
            done = log.count == 2
            return result
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func updatesWhoseHandlersRunLocalActivitiesReplay() async throws {
        let events = try await withWorkerAndClient(workflows: [UpdateWithLocalActivity.self], containers: [Steps()]) {
            client, taskQueue in
            let handle = try await client.startWorkflow(
                type: UpdateWithLocalActivity.self, options: .init(id: "update-la-\(UUID())", taskQueue: taskQueue), input: "")
            #expect(try await handle.executeUpdate(updateType: UpdateWithLocalActivity.Record.self, input: "one") == "did one")
            #expect(try await handle.executeUpdate(updateType: UpdateWithLocalActivity.Record.self, input: "two") == "did two")
            #expect(try await handle.result() == ["did one", "did two"])
            return try await client.untypedWorkflowHandle(id: handle.id).fetchHistoryEvents()
        }
        #expect(events.contains { $0.markerRecordedEventAttributes.markerName == "core_local_activity" })
        try await HistoryReplay.replay(events, workflows: [UpdateWithLocalActivity.self])
    }
}
