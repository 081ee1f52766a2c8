public import Foundation

/// One page of a workflow listing and the token that fetches the next.
public struct WorkflowListPage: Sendable {
    /// The executions on this page.
    public let executions: [WorkflowExecution]

    /// The token for the next page; empty on the last page.
    public let nextPageToken: Data

    package init(executions: [WorkflowExecution], nextPageToken: Data) {
        self.executions = executions
        self.nextPageToken = nextPageToken
    }
}
