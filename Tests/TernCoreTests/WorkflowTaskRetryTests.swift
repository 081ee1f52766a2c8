import Foundation
import TernAPI
import Testing
@testable import TernCore

@Suite("WorkflowMachine: a workflow task that keeps timing out")
struct WorkflowTaskRetryTests {
    @Test func fromTheFourthAttemptTheTaskGetsMoreTime() throws {
        var run = Run()  // task timeout: Temporal's default 10 s
        var timeouts: [Int64] = []
        for _ in 0..<6 {
            timeouts.append(run.state.workflowTask.startToCloseTimeout.seconds)
            _ = try run.startWorkflowTask()
            run.fire(.workflowTaskTimeout, after: 700)
        }
        #expect(timeouts == [10, 10, 10, 15, 20, 30])
        #expect(WorkflowMachine.workflowTaskTimeout(.init(seconds: 10), attempt: 40).seconds == 610)
    }
}
