import Foundation
import GRDB
import TernAPI
import TernCore

extension SQLiteStore {
    public func listWorkflows(
        namespaceID: String, query: VisibilityQuery, pageSize: Int, pageToken: Data
    ) async throws -> (executions: [WorkflowExecutionInfo], nextPageToken: Data) {
        let token = try VisibilityPageToken(pageToken)
        let statement = VisibilityStatements.list(
            namespaceID: namespaceID, query: query, pageSize: pageSize, token: token, dialect: .sqlite)
        let arguments = Self.arguments(statement.values)
        // Rows are not Sendable: turn them into plain values inside the read.
        let rows = try await reader.read { db in
            try Row.fetchAll(db, sql: statement.sql, arguments: arguments).map(Self.visibilityRow)
        }
        return try VisibilityStatements.page(rows, query: query, pageSize: pageSize, token: token)
    }

    public func countWorkflows(
        namespaceID: String, query: VisibilityQuery
    ) async throws -> (count: Int64, groups: [(status: WorkflowStatus, count: Int64)]) {
        let statement = VisibilityStatements.count(namespaceID: namespaceID, query: query, dialect: .sqlite)
        let arguments = Self.arguments(statement.values)
        return try await reader.read { db in
            if query.groupBy.isEmpty {
                return (try Int64.fetchOne(db, sql: statement.sql, arguments: arguments) ?? 0, [])
            }
            let groups = try Row.fetchAll(db, sql: statement.sql, arguments: arguments).map {
                (status: WorkflowStatus(rawValue: $0["status"]) ?? .unspecified, count: $0["n"] as Int64)
            }
            return (groups.reduce(0) { $0 + $1.count }, groups)
        }
    }

    /// GRDB's arguments for the compiler's bound values.
    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .int(let i): i
            case .double(let d): d
            case .text(let s): s
            case .null: nil
            }
        })
    }

    private static func visibilityRow(_ row: Row) -> VisibilityStatements.Row {
        VisibilityStatements.Row(
            workflowID: row["workflow_id"], runID: row["run_id"], workflowType: row["workflow_type"],
            taskQueue: row["task_queue"], status: row["status"], startTime: row["start_time"],
            executionTime: row["execution_time"], closeTime: row["close_time"], historyLength: row["history_length"],
            historySizeBytes: row["history_size_bytes"], stateTransitionCount: row["state_transition_count"],
            parentWorkflowID: row["parent_workflow_id"], parentRunID: row["parent_run_id"],
            rootWorkflowID: row["root_workflow_id"], rootRunID: row["root_run_id"], memo: row["memo"],
            searchAttributes: row["search_attributes"])
    }
}
