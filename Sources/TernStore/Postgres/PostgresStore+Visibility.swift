import Foundation
import PostgresNIO
import TernAPI
import TernCore

extension PostgresStore {
    public func listWorkflows(
        namespaceID: String, query: VisibilityQuery, pageSize: Int, pageToken: Data
    ) async throws -> (executions: [WorkflowExecutionInfo], nextPageToken: Data) {
        let token = try VisibilityPageToken(pageToken)
        let statement = VisibilityStatements.list(
            namespaceID: namespaceID, query: query, pageSize: pageSize, token: token, dialect: try await dialect())
        let rows = try await access.query(statement.sql, PostgresBindings(statement.values)).map(Self.visibilityRow)
        return try VisibilityStatements.page(rows, query: query, pageSize: pageSize, token: token)
    }

    public func countWorkflows(
        namespaceID: String, query: VisibilityQuery
    ) async throws -> (count: Int64, groups: [(status: WorkflowStatus, count: Int64)]) {
        let statement = VisibilityStatements.count(namespaceID: namespaceID, query: query, dialect: try await dialect())
        let rows = try await access.query(statement.sql, PostgresBindings(statement.values))
        if query.groupBy.isEmpty {
            return (try rows.first?.decode(Int64.self) ?? 0, [])
        }
        let groups = try rows.map { row in
            let (status, count) = try row.decode((Int, Int64).self)
            return (status: WorkflowStatus(rawValue: status) ?? .unspecified, count: count)
        }
        return (groups.reduce(0) { $0 + $1.count }, groups)
    }

    private static func visibilityRow(_ row: PostgresRow) throws -> VisibilityStatements.Row {
        let r = row.makeRandomAccess()
        return VisibilityStatements.Row(
            workflowID: try r["workflow_id"].decode(String.self), runID: try r["run_id"].decode(String.self),
            workflowType: try r["workflow_type"].decode(String.self), taskQueue: try r["task_queue"].decode(String.self),
            status: try r["status"].decode(Int.self), startTime: try r["start_time"].decode(Int64.self),
            executionTime: try r["execution_time"].decode(Int64.self), closeTime: try r["close_time"].decode(Int64?.self),
            historyLength: try r["history_length"].decode(Int64.self),
            historySizeBytes: try r["history_size_bytes"].decode(Int64.self),
            stateTransitionCount: try r["state_transition_count"].decode(Int64.self),
            parentWorkflowID: try r["parent_workflow_id"].decode(String?.self),
            parentRunID: try r["parent_run_id"].decode(String?.self),
            rootWorkflowID: try r["root_workflow_id"].decode(String?.self),
            rootRunID: try r["root_run_id"].decode(String?.self), memo: try r["memo"].decode(Data?.self),
            searchAttributes: try r["search_attributes"].decode(Data?.self))
    }
}
