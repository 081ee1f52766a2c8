public import GRPCCore
public import Foundation

extension TemporalClient {
    /// The executions a visibility query matches (`""` for all), fetched a page at a time as the
    /// sequence is iterated; `limit` ends it after that many. Temporal's visibility store may
    /// trail the executions themselves by a moment.
    public func listWorkflows(
        query: String,
        limit: Int? = nil,
        callOptions: CallOptions? = nil
    ) async throws -> some AsyncSequence<WorkflowExecution, any Error> & Sendable {
        try await workflowService.listWorkflowExecutions(query: query, limit: limit, callOptions: callOptions)
    }

    /// One page of the executions a visibility query matches; pass its `nextPageToken` to get the
    /// next.
    public func listWorkflowsPage(
        query: String,
        pageSize: Int? = nil,
        nextPageToken: Data = Data(),
        callOptions: CallOptions? = nil
    ) async throws -> WorkflowListPage {
        try await workflowService.listWorkflowExecutionsPage(
            query: query, pageSize: pageSize, nextPageToken: nextPageToken, callOptions: callOptions)
    }

    /// How many executions a visibility query matches, per group when it has `GROUP BY`.
    public func countWorkflows(
        query: String,
        callOptions: CallOptions? = nil
    ) async throws -> WorkflowExecutionCount {
        try await workflowService.countWorkflowExecutions(query: query, callOptions: callOptions)
    }
}
