import Temporal

/// An activity that resumes from its last heartbeat and reports each step as one.
@ActivityContainer
struct ProgressActivities {
    struct NoContext: Error {}
    struct Stop: Error {}

    /// Counts from after the previous attempt's last heartbeat up to `input`, heartbeating each
    /// step as (number, label); returns how many steps this attempt made. Throws after step 2
    /// when the attempt was cancelled, as a well-behaved activity stops once it knows.
    @Activity
    func countTo(input: Int) async throws -> Int {
        guard let context = ActivityExecutionContext.current else { throw NoContext() }
        let start = try await context.info.heartbeatDetails(as: Int.self) ?? 0
        var steps = 0
        for step in (start + 1)...max(start + 1, input) {
            context.heartbeat(details: step, "step \(step)")
            steps += 1
            if step == 2, context.cancellationReason != nil { throw Stop() }
        }
        return steps
    }
}
