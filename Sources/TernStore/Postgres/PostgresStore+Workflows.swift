import Foundation
import PostgresNIO
import TernAPI
import TernCore

extension PostgresStore {
    public func currentExecution(namespaceID: String, workflowID: String) async throws -> CurrentExecution? {
        try await access.query(
            "SELECT run_id, status, start_request_id FROM current_executions WHERE namespace_id = $1 AND workflow_id = $2",
            Self.binds(namespaceID, workflowID)
        ).first.map { row in
            let (runID, status, requestID) = try row.decode((String, Int, String).self)
            return CurrentExecution(runID: runID, status: WorkflowStatus(rawValue: status) ?? .unspecified, startRequestID: requestID)
        }
    }

    public func workflow(_ key: WorkflowKey) async throws -> StoredWorkflow? {
        // One statement, so the state and its pending activities come from the same snapshot.
        let rows = try await access.query(
            """
            SELECT db_version, state FROM executions WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3
            UNION ALL
            SELECT NULL, info FROM pending_activities WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3
            """,
            Self.binds(key.namespaceID, key.workflowID, key.runID))
        var stored: StoredWorkflow?
        var activities: [ActivityInfo] = []
        for row in rows {
            let (version, blob) = try row.decode((Int64?, Data).self)
            if let version {
                stored = StoredWorkflow(state: try WorkflowState(serializedBytes: blob), version: version)
            } else {
                activities.append(try ActivityInfo(serializedBytes: blob))
            }
        }
        for activity in activities { stored?.state.activities[activity.scheduledEventID] = activity }
        return stored
    }

    public func commit(_ changes: [WorkflowChange]) async throws -> [CommittedChange] {
        try await groupCommit.commit(changes.map(PostgresPreparedChange.init))
    }

    public func deleteWorkflow(_ key: WorkflowKey) async throws {
        let binds = try Self.binds(key.namespaceID, key.workflowID, key.runID)
        let access = access
        try await access.writeTransaction { connection in
            // Every table in one statement: one round trip.
            _ = try await access.query(
                """
                WITH e AS (DELETE FROM executions WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3),
                a AS (DELETE FROM pending_activities WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3),
                c AS (DELETE FROM current_executions WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3),
                h AS (DELETE FROM history_batches WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3),
                t AS (DELETE FROM transfer_tasks WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3),
                m AS (DELETE FROM timer_tasks WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3),
                v AS (DELETE FROM executions_visibility WHERE namespace_id = $1 AND run_id = $3),
                s AS (DELETE FROM visibility_search_attributes WHERE namespace_id = $1 AND run_id = $3)
                SELECT 1
                """,
                binds, on: connection)
        }
    }

    public func historyEvents(_ key: WorkflowKey, from: Int64, through: Int64?) async throws -> [HistoryEvent] {
        let last = through ?? Int64.max
        let blobs = try await access.query(
            """
            SELECT events FROM history_batches
            WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3 AND last_event_id >= $4 AND first_event_id <= $5
            ORDER BY first_event_id
            """,
            Self.binds(key.namespaceID, key.workflowID, key.runID, from, last)
        ).map { try $0.decode(Data.self) }
        var events: [HistoryEvent] = []
        for blob in blobs {
            let batch = try Temporal_Api_History_V1_History(serializedBytes: blob)
            events += batch.events.filter { $0.eventID >= from && $0.eventID <= last }
        }
        return events
    }

    // MARK: Task queues

    public func transferTasks() async throws -> [StoredTask<TransferTask>] {
        try await access.query("SELECT id, namespace_id, workflow_id, run_id, payload FROM transfer_tasks ORDER BY id")
            .map { row in
                let (id, namespaceID, workflowID, runID, blob) = try row.decode((Int64, String, String, String, Data).self)
                return StoredTask(
                    id: id, key: WorkflowKey(namespaceID: namespaceID, workflowID: workflowID, runID: runID),
                    task: try TransferTask(serializedBytes: blob))
            }
    }

    public func timerTasks(dueBy time: Date, limit: Int) async throws -> [StoredTask<TimerTask>] {
        let millis = Int64((time.timeIntervalSince1970 * 1000).rounded(.down))
        return try await access.query(
            """
            SELECT id, namespace_id, workflow_id, run_id, payload FROM timer_tasks
            WHERE fire_time <= $1 ORDER BY fire_time, id LIMIT $2
            """,
            Self.binds(millis, Int64(max(0, limit)))
        ).map { row in
            let (id, namespaceID, workflowID, runID, blob) = try row.decode((Int64, String, String, String, Data).self)
            return StoredTask(
                id: id, key: WorkflowKey(namespaceID: namespaceID, workflowID: workflowID, runID: runID),
                task: try TimerTask(serializedBytes: blob))
        }
    }

    public func deleteTasks(transfer: [Int64], timer: [Int64]) async throws {
        guard !transfer.isEmpty || !timer.isEmpty else { return }
        try await write(
            """
            WITH t AS (DELETE FROM transfer_tasks WHERE id = ANY($1::int8[]))
            DELETE FROM timer_tasks WHERE id = ANY($2::int8[])
            """,
            Self.binds(PostgresArray.int8(transfer), PostgresArray.int8(timer)))
    }
}
