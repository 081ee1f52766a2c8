import Foundation
import GRDB
import SwiftProtobuf
import TernAPI
import TernCore

extension SQLiteStore {
    public func currentExecution(namespaceID: String, workflowID: String) async throws -> CurrentExecution? {
        try await reader.read { db in
            try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT run_id, status, start_request_id FROM current_executions WHERE namespace_id = ? AND workflow_id = ?"),
                arguments: [namespaceID, workflowID]
            ).map {
                CurrentExecution(
                    runID: $0["run_id"], status: WorkflowStatus(rawValue: $0["status"]) ?? .unspecified,
                    startRequestID: $0["start_request_id"])
            }
        }
    }

    public func workflow(_ key: WorkflowKey) async throws -> StoredWorkflow? {
        try await reader.read { db in
            guard let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT db_version, state FROM executions WHERE namespace_id = ? AND workflow_id = ? AND run_id = ?"),
                arguments: [key.namespaceID, key.workflowID, key.runID])
            else { return nil }
            let blob: Data = row["state"]
            var state = try WorkflowState(serializedBytes: blob)
            let activities = try Data.fetchAll(
                db.cachedStatement(sql: """
                    SELECT info FROM pending_activities WHERE namespace_id = ? AND workflow_id = ? AND run_id = ?
                    """),
                arguments: [key.namespaceID, key.workflowID, key.runID])
            for info in activities {
                let activity = try ActivityInfo(serializedBytes: info)
                state.activities[activity.scheduledEventID] = activity
            }
            return StoredWorkflow(state: state, version: row["db_version"])
        }
    }

    public func commit(_ changes: [WorkflowChange]) async throws -> [CommittedChange] {
        let prepared = try changes.map(PreparedChange.init)
        return try await groupCommit.commit(prepared)
    }

    /// A change with its blobs serialized outside the write transaction. Pending activities are
    /// rows of their own (`pending_activities`), not part of the state blob: a workflow with many
    /// of them would otherwise re-encode and rewrite them all on every change.
    struct PreparedChange: Sendable {
        var change: WorkflowChange
        var stateBlob: Data
        var activityBlobs: [(Int64, Data)]
        var deletedActivities: [Int64]
        var replacesActivities: Bool
        var eventsBlob: Data?
        var transferBlobs: [Data]
        var timerBlobs: [(Int64, Data)]
        /// nil when the change leaves the run's visibility record as it is.
        var visibility: StatementArguments?

        init(_ change: WorkflowChange) throws {
            self.change = change
            stateBlob = try SQLiteStore.stateBlob(change.state)
            let activities = change.activityWrites
            activityBlobs = try activities.upserts.map { ($0.scheduledEventID, try $0.serializedBytes()) }
            (deletedActivities, replacesActivities) = (activities.deletes, activities.replaceAll)
            eventsBlob = change.newEvents.isEmpty
                ? nil : try Temporal_Api_History_V1_History.with { $0.events = change.newEvents }.serializedBytes()
            transferBlobs = try change.transferTasks.map { try $0.serializedBytes() }
            timerBlobs = try change.timerTasks.map { ($0.fireTime.milliseconds, try $0.serializedBytes()) }
            visibility = change.updatesVisibility ? try SQLiteStore.visibilityArguments(change.state) : nil
        }
    }

    static func write(_ prepared: PreparedChange, _ db: Database) throws -> CommittedChange {
        let change = prepared.change
        let key = change.key
        let (stateBlob, eventsBlob, transferBlobs, timerBlobs, visibility) =
            (prepared.stateBlob, prepared.eventsBlob, prepared.transferBlobs, prepared.timerBlobs, prepared.visibility)
        let execution = change.state.execution
        let version: Int64
        switch change.condition {
        case .newRun(let previous):
            let current = try String.fetchOne(
                db.cachedStatement(sql: "SELECT run_id FROM current_executions WHERE namespace_id = ? AND workflow_id = ?"),
                arguments: [key.namespaceID, key.workflowID])
            guard current == previous else { throw StoreError.conditionFailed }
            try db.execute(
                cached: "INSERT INTO executions (namespace_id, workflow_id, run_id, db_version, state) VALUES (?, ?, ?, 1, ?)",
                arguments: [key.namespaceID, key.workflowID, key.runID, stateBlob])
            try db.execute(
                cached: """
                    INSERT OR REPLACE INTO current_executions (namespace_id, workflow_id, run_id, status, start_request_id)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [key.namespaceID, key.workflowID, key.runID, execution.status.rawValue, execution.startRequestID])
            version = 1
        case .version(let expected):
            try db.execute(
                cached: """
                    UPDATE executions SET state = ?, db_version = db_version + 1
                    WHERE namespace_id = ? AND workflow_id = ? AND run_id = ? AND db_version = ?
                    """,
                arguments: [stateBlob, key.namespaceID, key.workflowID, key.runID, expected])
            guard db.changesCount == 1 else { throw StoreError.conditionFailed }
            try db.execute(
                cached: "UPDATE current_executions SET status = ? WHERE namespace_id = ? AND workflow_id = ? AND run_id = ?",
                arguments: [execution.status.rawValue, key.namespaceID, key.workflowID, key.runID])
            version = expected + 1
        }
        if let eventsBlob, let first = change.newEvents.first, let last = change.newEvents.last {
            try db.execute(
                cached: """
                    INSERT INTO history_batches (namespace_id, workflow_id, run_id, first_event_id, last_event_id, events)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [key.namespaceID, key.workflowID, key.runID, first.eventID, last.eventID, eventsBlob])
        }
        try writeActivities(prepared, db)
        var transfers: [StoredTask<TransferTask>] = []
        for (task, blob) in zip(change.transferTasks, transferBlobs) {
            try db.execute(
                cached: "INSERT INTO transfer_tasks (namespace_id, workflow_id, run_id, payload) VALUES (?, ?, ?, ?)",
                arguments: [key.namespaceID, key.workflowID, key.runID, blob])
            transfers.append(StoredTask(id: db.lastInsertedRowID, key: key, task: task))
        }
        var timers: [StoredTask<TimerTask>] = []
        for (task, (fireTime, blob)) in zip(change.timerTasks, timerBlobs) {
            try db.execute(
                cached: "INSERT INTO timer_tasks (fire_time, namespace_id, workflow_id, run_id, payload) VALUES (?, ?, ?, ?, ?)",
                arguments: [fireTime, key.namespaceID, key.workflowID, key.runID, blob])
            timers.append(StoredTask(id: db.lastInsertedRowID, key: key, task: task))
        }
        try Self.deleteTasks(db, transfer: change.consumedTransferTaskIDs, timer: change.consumedTimerTaskIDs)
        if let visibility {
            try db.execute(
                cached: """
                    INSERT OR REPLACE INTO executions_visibility (
                        namespace_id, run_id, workflow_id, workflow_type, task_queue, status, start_time,
                        execution_time, close_time, history_length, history_size_bytes, state_transition_count,
                        parent_workflow_id, parent_run_id, root_workflow_id, root_run_id, memo, search_attributes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: visibility)
        }
        if let values = change.searchAttributeValues {
            try db.execute(
                cached: "DELETE FROM visibility_search_attributes WHERE namespace_id = ? AND run_id = ?",
                arguments: [key.namespaceID, key.runID])
            for value in values {
                try db.execute(
                    cached: """
                        INSERT INTO visibility_search_attributes (namespace_id, run_id, name, value_int, value_double, value_text)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [key.namespaceID, key.runID, value.name, value.int, value.double, value.text])
            }
        }
        return CommittedChange(version: version, transferTasks: transfers, timerTasks: timers)
    }

    /// A run's state as the `executions` row keeps it: everything but the pending activities.
    static func stateBlob(_ state: WorkflowState) throws -> Data {
        try state.executionsBlob()
    }

    private static func writeActivities(_ prepared: PreparedChange, _ db: Database) throws {
        let key = prepared.change.key
        if prepared.replacesActivities {
            try db.execute(
                cached: "DELETE FROM pending_activities WHERE namespace_id = ? AND workflow_id = ? AND run_id = ?",
                arguments: [key.namespaceID, key.workflowID, key.runID])
        }
        for id in prepared.deletedActivities {
            try db.execute(
                cached: """
                    DELETE FROM pending_activities
                    WHERE namespace_id = ? AND workflow_id = ? AND run_id = ? AND scheduled_event_id = ?
                    """,
                arguments: [key.namespaceID, key.workflowID, key.runID, id])
        }
        for (id, blob) in prepared.activityBlobs {
            try db.execute(
                cached: """
                    INSERT OR REPLACE INTO pending_activities (namespace_id, workflow_id, run_id, scheduled_event_id, info)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [key.namespaceID, key.workflowID, key.runID, id, blob])
        }
    }

    public func deleteWorkflow(_ key: WorkflowKey) async throws {
        try await writer.write { db in
            let arguments: StatementArguments = [key.namespaceID, key.workflowID, key.runID]
            let run = "namespace_id = ? AND workflow_id = ? AND run_id = ?"
            for table in ["executions", "pending_activities", "current_executions", "history_batches", "transfer_tasks",
                          "timer_tasks"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE \(run)", arguments: arguments)
            }
            for table in ["executions_visibility", "visibility_search_attributes"] {
                try db.execute(
                    sql: "DELETE FROM \(table) WHERE namespace_id = ? AND run_id = ?",
                    arguments: [key.namespaceID, key.runID])
            }
        }
    }

    public func historyEvents(_ key: WorkflowKey, from: Int64, through: Int64?) async throws -> [HistoryEvent] {
        let blobs: [Data] = try await reader.read { db in
            try Data.fetchAll(
                db.cachedStatement(sql: """
                    SELECT events FROM history_batches
                    WHERE namespace_id = ? AND workflow_id = ? AND run_id = ? AND last_event_id >= ? AND first_event_id <= ?
                    ORDER BY first_event_id
                    """),
                arguments: [key.namespaceID, key.workflowID, key.runID, from, through ?? Int64.max])
        }
        var events: [HistoryEvent] = []
        for blob in blobs {
            let batch = try Temporal_Api_History_V1_History(serializedBytes: blob)
            events += batch.events.filter { $0.eventID >= from && $0.eventID <= (through ?? Int64.max) }
        }
        return events
    }

    public func transferTasks() async throws -> [StoredTask<TransferTask>] {
        try await reader.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, namespace_id, workflow_id, run_id, payload FROM transfer_tasks ORDER BY id"
            ).map { row in
                let blob: Data = row["payload"]
                return StoredTask(id: row["id"], key: Self.key(row), task: try TransferTask(serializedBytes: blob))
            }
        }
    }

    public func timerTasks(dueBy time: Date, limit: Int) async throws -> [StoredTask<TimerTask>] {
        let millis = Int64((time.timeIntervalSince1970 * 1000).rounded(.down))
        return try await reader.read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT id, namespace_id, workflow_id, run_id, payload FROM timer_tasks
                    WHERE fire_time <= ? ORDER BY fire_time, id LIMIT ?
                    """),
                arguments: [millis, limit]
            ).map { row in
                let blob: Data = row["payload"]
                return StoredTask(id: row["id"], key: Self.key(row), task: try TimerTask(serializedBytes: blob))
            }
        }
    }

    public func deleteTasks(transfer: [Int64], timer: [Int64]) async throws {
        guard !transfer.isEmpty || !timer.isEmpty else { return }
        try await writer.write { db in try Self.deleteTasks(db, transfer: transfer, timer: timer) }
    }

    static func deleteTasks(_ db: Database, transfer: [Int64], timer: [Int64]) throws {
        for id in transfer { try db.execute(cached: "DELETE FROM transfer_tasks WHERE id = ?", arguments: [id]) }
        for id in timer { try db.execute(cached: "DELETE FROM timer_tasks WHERE id = ?", arguments: [id]) }
    }

    static func key(_ row: Row) -> WorkflowKey {
        WorkflowKey(namespaceID: row["namespace_id"], workflowID: row["workflow_id"], runID: row["run_id"])
    }

    static func visibilityArguments(_ state: WorkflowState) throws -> StatementArguments {
        let r = try VisibilityRecord(state)
        return [
            r.namespaceID, r.runID, r.workflowID, r.workflowType, r.taskQueue, r.status, r.startTime, r.executionTime,
            r.closeTime, r.historyLength, r.historySizeBytes, r.stateTransitionCount, r.parentWorkflowID, r.parentRunID,
            r.rootWorkflowID, r.rootRunID, r.memo, r.searchAttributes,
        ]
    }
}

extension Database {
    /// Runs a statement compiled once per connection and kept: the hot path then skips SQLite's
    /// parser and GRDB's authorizer, which a profile showed costing as much as the writes.
    func execute(cached sql: String, arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
