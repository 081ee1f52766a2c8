import Foundation
import GRDB
import SwiftProtobuf
import TernAPI
import TernCore

public typealias WorkflowExecutionInfo = Temporal_Api_Workflow_V1_WorkflowExecutionInfo

extension SQLiteStore {
    public func listWorkflows(
        namespaceID: String, query: VisibilityQuery, pageSize: Int, pageToken: Data
    ) async throws -> (executions: [WorkflowExecutionInfo], nextPageToken: Data) {
        let token = try VisibilityPageToken(pageToken)
        let (filterSQL, filterArguments) = VisibilitySQL.whereClause(query.filter)
        var sql = "SELECT v.* FROM executions_visibility v WHERE v.namespace_id = ? AND (\(filterSQL))"
        var arguments: StatementArguments = [namespaceID]
        arguments += filterArguments
        let limit = max(1, pageSize)
        if query.orderBy.isEmpty {
            // Keyset paging on the default order: no duplicates or gaps while workflows start meanwhile.
            if let last = token.lastRow {
                let key = VisibilitySQL.closeKey
                sql += " AND (\(key) < ? OR (\(key) = ? AND (v.start_time < ? OR (v.start_time = ? AND v.run_id < ?))))"
                arguments += [last.closeKey, last.closeKey, last.startTime, last.startTime, last.runID]
            }
            sql += " ORDER BY \(VisibilitySQL.defaultOrder) LIMIT ?"
            arguments += [limit + 1]
        } else {
            sql += " ORDER BY \(VisibilitySQL.orderClause(query.orderBy)), v.run_id DESC LIMIT ? OFFSET ?"
            arguments += [limit + 1, token.offset]
        }
        let (finalSQL, finalArguments) = (sql, arguments)
        // Rows are not Sendable: turn them into results inside the read.
        let (executions, keys) = try await reader.read { db in
            let rows = try Row.fetchAll(db, sql: finalSQL, arguments: finalArguments)
            let keys = rows.map { row in ((row["close_time"] as Int64?) ?? Int64.max, row["start_time"] as Int64, row["run_id"] as String) }
            return (try rows.prefix(limit).map(Self.executionInfo), keys)
        }
        var next = Data()
        if keys.count > limit {
            next = query.orderBy.isEmpty
                ? VisibilityPageToken(lastRow: keys[limit - 1]).encoded
                : VisibilityPageToken(offset: token.offset + limit).encoded
        }
        return (executions, next)
    }

    public func countWorkflows(
        namespaceID: String, query: VisibilityQuery
    ) async throws -> (count: Int64, groups: [(status: WorkflowStatus, count: Int64)]) {
        let (filterSQL, filterArguments) = VisibilitySQL.whereClause(query.filter)
        var bound: StatementArguments = [namespaceID]
        bound += filterArguments
        let arguments = bound
        let base = "FROM executions_visibility v WHERE v.namespace_id = ? AND (\(filterSQL))"
        return try await reader.read { db in
            if query.groupBy.isEmpty {
                let count = try Int64.fetchOne(db, sql: "SELECT COUNT(*) \(base)", arguments: arguments) ?? 0
                return (count, [])
            }
            let rows = try Row.fetchAll(
                db, sql: "SELECT v.status AS status, COUNT(*) AS n \(base) GROUP BY v.status ORDER BY n DESC", arguments: arguments)
            let groups = rows.map { (status: WorkflowStatus(rawValue: $0["status"]) ?? .unspecified, count: $0["n"] as Int64) }
            return (groups.reduce(0) { $0 + $1.count }, groups)
        }
    }

    static func executionInfo(_ row: Row) throws -> WorkflowExecutionInfo {
        var info = WorkflowExecutionInfo()
        info.execution = .with { $0.workflowID = row["workflow_id"]; $0.runID = row["run_id"] }
        info.type.name = row["workflow_type"]
        info.taskQueue = row["task_queue"]
        info.status = WorkflowStatus(rawValue: row["status"]) ?? .unspecified
        info.startTime = timestamp(micros: row["start_time"])
        info.executionTime = timestamp(micros: row["execution_time"])
        if let close: Int64 = row["close_time"] {
            info.closeTime = timestamp(micros: close)
            let execution: Int64 = row["execution_time"]
            info.executionDuration = .init(rounding: Double(max(0, close - execution)) / 1_000_000)
        }
        info.historyLength = row["history_length"]
        info.historySizeBytes = row["history_size_bytes"]
        info.stateTransitionCount = row["state_transition_count"]
        if let parent: String = row["parent_workflow_id"] {
            info.parentExecution = .with { $0.workflowID = parent; $0.runID = row["parent_run_id"] ?? "" }
        }
        if let root: String = row["root_workflow_id"] {
            info.rootExecution = .with { $0.workflowID = root; $0.runID = row["root_run_id"] ?? "" }
        }
        if let memo: Data = row["memo"] { info.memo = try Temporal_Api_Common_V1_Memo(serializedBytes: memo) }
        if let attributes: Data = row["search_attributes"] {
            info.searchAttributes = try Temporal_Api_Common_V1_SearchAttributes(serializedBytes: attributes)
        }
        return info
    }

    static func timestamp(micros: Int64) -> Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(seconds: micros / 1_000_000, nanos: Int32(micros % 1_000_000) * 1000)
    }
}

/// Where a visibility page ends: the last row of the default order (keyset paging), or an
/// offset for a query with its own ORDER BY. Opaque to clients (JSON).
struct VisibilityPageToken: Codable {
    var closeKey: Int64?
    var startTime: Int64?
    var runID: String?
    var offset = 0

    var lastRow: (closeKey: Int64, startTime: Int64, runID: String)? {
        guard let closeKey, let startTime, let runID else { return nil }
        return (closeKey, startTime, runID)
    }

    init(lastRow: (Int64, Int64, String)) {
        closeKey = lastRow.0
        startTime = lastRow.1
        runID = lastRow.2
    }

    init(offset: Int) { self.offset = offset }

    init(_ data: Data) throws {
        if data.isEmpty { self.init(offset: 0); return }
        do {
            self = try JSONDecoder().decode(Self.self, from: data)
        } catch {
            throw TernError.invalidArgument("Invalid NextPageToken: it was not issued by this server for this query.")
        }
    }

    var encoded: Data { (try? JSONEncoder().encode(self)) ?? Data() }
}
