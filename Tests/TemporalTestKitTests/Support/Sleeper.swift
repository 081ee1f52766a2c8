import Foundation
import Temporal

/// Sleeps for `input` seconds of workflow time and reports the workflow clock (seconds since
/// 1970) before and after, so a test can tell how far workflow time moved.
@Workflow
struct SleepingWorkflow {
    func run(context: WorkflowContext<Self>, input: Int) async throws -> [Double] {
        let before = context.now
        try await context.sleep(for: .seconds(input))
        return [before.timeIntervalSince1970, context.now.timeIntervalSince1970]
    }
}
