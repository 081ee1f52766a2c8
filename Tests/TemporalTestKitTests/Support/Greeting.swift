import Temporal

/// One activity and the workflow that calls it: the smallest thing that needs both a worker's
/// activity and workflow sides and the server's matching between them.
@ActivityContainer
struct GreetingActivities {
    @Activity
    func greet(input: String) -> String {
        "Hello, \(input)!"
    }
}

@Workflow
struct GreetingWorkflow {
    func run(context: WorkflowContext<Self>, input: String) async throws -> String {
        try await context.executeActivity(
            GreetingActivities.Activities.Greet.self,
            options: ActivityOptions(startToCloseTimeout: .seconds(30)),
            input: input)
    }
}
