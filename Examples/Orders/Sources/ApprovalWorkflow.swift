import Temporal

/// Seed 004's approval: wait for an `approve` signal, or reject on our own when no decision
/// arrives in time (the document waits 24 hours; the input carries the wait).
@Workflow
public struct ApprovalWorkflow {
    var approved: Bool?

    public init(input: ApprovalInput) {}

    public mutating func run(context: WorkflowContext<Self>, input: ApprovalInput) async throws -> ApprovalResult {
        do {
            try await context.timeout(for: .milliseconds(Int64(input.timeoutSeconds * 1000))) {
                try await context.condition { $0.approved != nil }
            }
        } catch where !Task.isCancelled && approved == nil {
            // The timer won (the workflow itself was not cancelled): nobody decided in time.
            return ApprovalResult(status: "auto_rejected")
        }
        return ApprovalResult(status: approved == true ? "approved" : "rejected")
    }

    @WorkflowSignal
    public mutating func approve(input: Bool) {
        approved = input
    }
}
