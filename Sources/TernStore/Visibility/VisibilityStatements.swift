import Foundation
import SwiftProtobuf
import TernAPI
import TernCore

public typealias WorkflowExecutionInfo = Temporal_Api_Workflow_V1_WorkflowExecutionInfo

/// The list and count statements of the visibility API, and what their rows become, shared by
/// the SQLite and PostgreSQL stores: only the `SQLDialect` differs.
enum VisibilityStatements {
    /// The columns a listing selects, in this order.
    static let listColumns = """
        v.workflow_id, v.run_id, v.workflow_type, v.task_queue, v.status, v.start_time, v.execution_time, \
        v.close_time, v.history_length, v.history_size_bytes, v.state_transition_count, v.parent_workflow_id, \
        v.parent_run_id, v.root_workflow_id, v.root_run_id, v.memo, v.search_attributes
        """

    struct Statement {
        var sql: String
        var values: [SQLValue]
    }

    /// One page plus one row (to know whether there is a next page).
    static func list(
        namespaceID: String, query: VisibilityQuery, pageSize: Int, token: VisibilityPageToken, dialect: SQLDialect
    ) -> Statement {
        var b = SQLBuilder(dialect: dialect)
        var sql = "SELECT \(listColumns) FROM executions_visibility v WHERE v.namespace_id = \(b.bind(.text(namespaceID)))"
        sql += " AND (\(VisibilitySQL.whereClause(query.filter, &b)))"
        let limit = max(1, pageSize)
        if query.orderBy.isEmpty {
            // Keyset paging on the default order: no duplicates or gaps while workflows start meanwhile.
            if let last = token.lastRow {
                let key = VisibilitySQL.closeKey
                let c1 = b.bind(.int(last.closeKey))
                let c2 = b.bind(.int(last.closeKey))
                let s1 = b.bind(.int(last.startTime))
                let s2 = b.bind(.int(last.startTime))
                let run = b.bind(.text(last.runID))
                sql += " AND (\(key) < \(c1) OR (\(key) = \(c2) AND (v.start_time < \(s1) OR (v.start_time = \(s2) AND v.run_id < \(run)))))"
            }
            sql += " ORDER BY \(VisibilitySQL.defaultOrder) LIMIT \(b.bind(.int(Int64(limit + 1))))"
        } else {
            sql += " ORDER BY \(VisibilitySQL.orderClause(query.orderBy, &b)), v.run_id DESC"
            sql += " LIMIT \(b.bind(.int(Int64(limit + 1)))) OFFSET \(b.bind(.int(Int64(token.offset))))"
        }
        return Statement(sql: sql, values: b.values)
    }

    /// `SELECT COUNT(*)`, or per status (`status`, `n`) when the query groups by ExecutionStatus.
    static func count(namespaceID: String, query: VisibilityQuery, dialect: SQLDialect) -> Statement {
        var b = SQLBuilder(dialect: dialect)
        let base = "FROM executions_visibility v WHERE v.namespace_id = \(b.bind(.text(namespaceID))) AND (\(VisibilitySQL.whereClause(query.filter, &b)))"
        let sql = query.groupBy.isEmpty
            ? "SELECT COUNT(*) \(base)"
            : "SELECT v.status AS status, COUNT(*) AS n \(base) GROUP BY v.status ORDER BY n DESC"
        return Statement(sql: sql, values: b.values)
    }

    /// A listed row, as either store decodes it (columns of `listColumns`).
    struct Row {
        var workflowID: String
        var runID: String
        var workflowType: String
        var taskQueue: String
        var status: Int
        var startTime: Int64
        var executionTime: Int64
        var closeTime: Int64?
        var historyLength: Int64
        var historySizeBytes: Int64
        var stateTransitionCount: Int64
        var parentWorkflowID: String?
        var parentRunID: String?
        var rootWorkflowID: String?
        var rootRunID: String?
        var memo: Data?
        var searchAttributes: Data?

        /// Its place in the default order, for the next page token.
        var pageKey: (Int64, Int64, String) { (closeTime ?? Int64.max, startTime, runID) }
    }

    /// The page of `rows` (the statement fetched one more than `pageSize`) and its next token.
    static func page(
        _ rows: [Row], query: VisibilityQuery, pageSize: Int, token: VisibilityPageToken
    ) throws -> (executions: [WorkflowExecutionInfo], nextPageToken: Data) {
        let limit = max(1, pageSize)
        var next = Data()
        if rows.count > limit {
            next = query.orderBy.isEmpty
                ? VisibilityPageToken(lastRow: rows[limit - 1].pageKey).encoded
                : VisibilityPageToken(offset: token.offset + limit).encoded
        }
        return (try rows.prefix(limit).map(executionInfo), next)
    }

    static func executionInfo(_ row: Row) throws -> WorkflowExecutionInfo {
        var info = WorkflowExecutionInfo()
        info.execution = .with { $0.workflowID = row.workflowID; $0.runID = row.runID }
        info.type.name = row.workflowType
        info.taskQueue = row.taskQueue
        info.status = WorkflowStatus(rawValue: row.status) ?? .unspecified
        info.startTime = timestamp(micros: row.startTime)
        info.executionTime = timestamp(micros: row.executionTime)
        if let close = row.closeTime {
            info.closeTime = timestamp(micros: close)
            info.executionDuration = .init(rounding: Double(max(0, close - row.executionTime)) / 1_000_000)
        }
        info.historyLength = row.historyLength
        info.historySizeBytes = row.historySizeBytes
        info.stateTransitionCount = row.stateTransitionCount
        if let parent = row.parentWorkflowID {
            info.parentExecution = .with { $0.workflowID = parent; $0.runID = row.parentRunID ?? "" }
        }
        if let root = row.rootWorkflowID {
            info.rootExecution = .with { $0.workflowID = root; $0.runID = row.rootRunID ?? "" }
        }
        if let memo = row.memo { info.memo = try Temporal_Api_Common_V1_Memo(serializedBytes: memo) }
        if let attributes = row.searchAttributes {
            info.searchAttributes = try Temporal_Api_Common_V1_SearchAttributes(serializedBytes: attributes)
        }
        return info
    }

    static func timestamp(micros: Int64) -> Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(seconds: micros / 1_000_000, nanos: Int32(micros % 1_000_000) * 1000)
    }
}
