import Foundation
import Temporal
import Testing

/// The workflow whose histories are committed under `Tests/TemporalTests/Histories/` (a timer, an
/// activity and a signal), the changed versions of it that must fail to replay them, and the
/// recorder that wrote them (see `Histories/README.md` and `scripts/record-history-fixtures`).
enum GreetingFixture {
    /// The workflow id every recorded run uses (the file names carry the server).
    static let workflowID = "greeting-fixture"
    static let activityOptions = ActivityOptions(startToCloseTimeout: .seconds(10))

    @ActivityContainer
    struct Activities {
        @Activity
        func compose(input: String) -> String { "Hello, \(input)!" }

        @Activity
        func shout(input: String) -> String { "HELLO, \(input.uppercased())!" }
    }

    /// Waits a second, composes a greeting in an activity, then waits for someone to approve it.
    @Workflow(name: "GreetingFixture")
    struct Greeting {
        var greeting: String?
        var approvedBy: String?

        mutating func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            try await context.sleep(for: .seconds(1))
            greeting = try await context.executeActivity(
                Activities.Activities.Compose.self, options: GreetingFixture.activityOptions, input: input)
            try await context.condition { $0.approvedBy != nil }
            return "\(greeting ?? "") (approved by \(approvedBy ?? ""))"
        }

        @WorkflowSignal
        mutating func approve(input: String) { approvedBy = input }

        /// Whether the greeting is composed and waits for its approval.
        @WorkflowQuery
        func waitingForApproval(input: Void) -> Bool { greeting != nil && approvedBy == nil }
    }

    /// Changed code: another activity type where the history has `compose`.
    @Workflow(name: "GreetingFixture")
    struct OtherActivity {
        var approvedBy: String?

        mutating func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            try await context.sleep(for: .seconds(1))
            let greeting = try await context.executeActivity(
                Activities.Activities.Shout.self, options: GreetingFixture.activityOptions, input: input)
            try await context.condition { $0.approvedBy != nil }
            return "\(greeting) (approved by \(approvedBy ?? ""))"
        }

        @WorkflowSignal
        mutating func approve(input: String) { approvedBy = input }
    }

    /// Changed code: a second timer where the history has the activity.
    @Workflow(name: "GreetingFixture")
    struct TimerInsteadOfActivity {
        var approvedBy: String?

        mutating func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            try await context.sleep(for: .seconds(1))
            try await context.sleep(for: .seconds(1))
            try await context.condition { $0.approvedBy != nil }
            return "Hello, \(input)! (approved by \(approvedBy ?? ""))"
        }

        @WorkflowSignal
        mutating func approve(input: String) { approvedBy = input }
    }
}

/// Writes a fixture run: enabled only when `RECORD_HISTORY_FIXTURE=1`, against the server named by
/// `TEMPORAL_TEST_SERVER`; `scripts/record-history-fixtures` runs it and exports the history with
/// the `temporal` CLI.
@Suite("HistoryFixtureRecorder")
struct HistoryFixtureRecorder {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["RECORD_HISTORY_FIXTURE"] == "1"))
    func recordGreetingFixture() async throws {
        try await withWorkerAndClient(
            workflows: [GreetingFixture.Greeting.self], containers: [GreetingFixture.Activities()]
        ) { client, taskQueue in
            let handle = try await client.startWorkflow(
                type: GreetingFixture.Greeting.self,
                options: .init(id: GreetingFixture.workflowID, taskQueue: taskQueue),
                input: "Ada")
            // Signal only once the workflow waits for it, so that both servers' histories hold the
            // same events in the same order.
            try await eventually(timeout: .seconds(30)) {
                try await handle.query(queryType: GreetingFixture.Greeting.WaitingForApproval.self)
            }
            try await handle.signal(signalType: GreetingFixture.Greeting.Approve.self, input: "Grace")
            #expect(try await handle.result() == "Hello, Ada! (approved by Grace)")
        }
    }
}
