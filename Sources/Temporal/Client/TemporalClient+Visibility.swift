public import GRPCCore
public import Foundation

extension TemporalClient {
    /// The executions a visibility query matches (`""` for all), fetched a page at a time as the
    /// sequence is iterated; `limit` ends it after that many. Temporal's visibility store may
    /// trail the executions themselves by a moment. Each page fetched goes through the
    /// interceptors' ``ClientOutboundInterceptor/listWorkflowsPage(input:next:)``.
    public func listWorkflows(
        query: String,
        limit: Int? = nil,
        callOptions: CallOptions? = nil
    ) async throws -> some AsyncSequence<WorkflowExecution, any Error> & Sendable {
        try await intercepted(ListWorkflowsInput(query: query, limit: limit, callOptions: callOptions)) {
            try await $0.listWorkflows(input: $1, next: $2)
        } rpc: { call in
            PaginatedSequence(limit: call.limit) { [self] token in
                let page = try await listWorkflowsPage(
                    query: call.query, nextPageToken: token, callOptions: call.callOptions)
                return (page.executions, page.nextPageToken)
            }
        }
    }

    /// One page of the executions a visibility query matches; pass its `nextPageToken` to get the
    /// next.
    public func listWorkflowsPage(
        query: String,
        pageSize: Int? = nil,
        nextPageToken: Data = Data(),
        callOptions: CallOptions? = nil
    ) async throws -> WorkflowListPage {
        let page = ListWorkflowsPageInput(
            query: query, pageSize: pageSize, nextPageToken: nextPageToken, callOptions: callOptions)
        return try await intercepted(page) {
            try await $0.listWorkflowsPage(input: $1, next: $2)
        } rpc: { call in
            try await workflowService.listWorkflowExecutionsPage(
                query: call.query, pageSize: call.pageSize, nextPageToken: call.nextPageToken,
                callOptions: call.callOptions)
        }
    }

    /// How many executions a visibility query matches, per group when it has `GROUP BY`.
    public func countWorkflows(
        query: String,
        callOptions: CallOptions? = nil
    ) async throws -> WorkflowExecutionCount {
        try await intercepted(CountWorkflowsInput(query: query, callOptions: callOptions)) {
            try await $0.countWorkflows(input: $1, next: $2)
        } rpc: { call in
            try await workflowService.countWorkflowExecutions(query: call.query, callOptions: call.callOptions)
        }
    }
}
