import Foundation
import PostgresNIO
import TernAPI
import TernCore

/// Schedules, worker deployments, version sets and batch operations: one blob per row.
extension PostgresStore {
    // MARK: Schedules

    public func createSchedule(_ record: ScheduleRecord) async throws {
        let blob: Data = try record.serializedBytes()
        try await write(
            "INSERT INTO schedules (namespace_id, schedule_id, conflict_token, record) VALUES ($1, $2, $3, $4)",
            Self.binds(record.namespaceID, record.scheduleID, record.conflictToken, blob))
    }

    public func schedule(namespaceID: String, scheduleID: String) async throws -> ScheduleRecord? {
        try await blobs(
            "SELECT record FROM schedules WHERE namespace_id = $1 AND schedule_id = $2", Self.binds(namespaceID, scheduleID)
        ).first.map { try ScheduleRecord(serializedBytes: $0) }
    }

    public func updateSchedule(_ record: ScheduleRecord, expectedToken: Int64) async throws {
        let blob: Data = try record.serializedBytes()
        let access = access
        try await access.writeTransaction { connection in
            let updated = try await access.query(
                """
                UPDATE schedules SET record = $1, conflict_token = $2
                WHERE namespace_id = $3 AND schedule_id = $4 AND conflict_token = $5 RETURNING 1
                """,
                Self.binds(blob, record.conflictToken, record.namespaceID, record.scheduleID, expectedToken), on: connection)
            guard updated.isEmpty else { return }
            let exists = try await access.query(
                "SELECT 1 FROM schedules WHERE namespace_id = $1 AND schedule_id = $2",
                Self.binds(record.namespaceID, record.scheduleID), on: connection)
            throw exists.isEmpty ? StoreError.notFound : StoreError.conditionFailed
        }
    }

    public func deleteSchedule(namespaceID: String, scheduleID: String) async throws {
        let access = access
        try await access.writeTransaction { connection in
            let deleted = try await access.query(
                "DELETE FROM schedules WHERE namespace_id = $1 AND schedule_id = $2 RETURNING 1",
                Self.binds(namespaceID, scheduleID), on: connection)
            guard !deleted.isEmpty else { throw StoreError.notFound }
        }
    }

    public func listSchedules(namespaceID: String?, afterID: String, limit: Int) async throws -> [ScheduleRecord] {
        let rows = if let namespaceID {
            try await blobs(
                "SELECT record FROM schedules WHERE namespace_id = $1 AND schedule_id > $2 ORDER BY schedule_id LIMIT $3",
                Self.binds(namespaceID, afterID, Int64(max(0, limit))))
        } else {
            // As SQLite: every namespace's schedules, for the scheduler's start-up.
            try await blobs("SELECT record FROM schedules ORDER BY namespace_id, schedule_id", PostgresBindings())
        }
        return try rows.map { try ScheduleRecord(serializedBytes: $0) }
    }

    // MARK: Worker deployments

    public func workerDeployments(namespaceID: String) async throws -> [WorkerDeploymentRecord] {
        try await blobs(
            "SELECT record FROM worker_deployments WHERE namespace_id = $1 ORDER BY name", Self.binds(namespaceID)
        ).map { try WorkerDeploymentRecord(serializedBytes: $0) }
    }

    public func saveWorkerDeployment(_ record: WorkerDeploymentRecord) async throws {
        let blob: Data = try record.serializedBytes()
        try await write(
            """
            INSERT INTO worker_deployments (namespace_id, name, record) VALUES ($1, $2, $3)
            ON CONFLICT (namespace_id, name) DO UPDATE SET record = excluded.record
            """,
            Self.binds(record.namespaceID, record.name, blob))
    }

    public func deleteWorkerDeployment(namespaceID: String, name: String) async throws {
        try await write(
            "DELETE FROM worker_deployments WHERE namespace_id = $1 AND name = $2", Self.binds(namespaceID, name))
    }

    // MARK: Version sets

    public func taskQueueVersionSets(namespaceID: String) async throws -> [TaskQueueVersionSets] {
        try await blobs(
            "SELECT record FROM task_queue_version_sets WHERE namespace_id = $1 ORDER BY task_queue", Self.binds(namespaceID)
        ).map { try TaskQueueVersionSets(serializedBytes: $0) }
    }

    public func taskQueueVersionSets(namespaceID: String, taskQueue: String) async throws -> TaskQueueVersionSets? {
        try await blobs(
            "SELECT record FROM task_queue_version_sets WHERE namespace_id = $1 AND task_queue = $2",
            Self.binds(namespaceID, taskQueue)
        ).first.map { try TaskQueueVersionSets(serializedBytes: $0) }
    }

    public func saveTaskQueueVersionSets(_ record: TaskQueueVersionSets) async throws {
        let blob: Data = try record.serializedBytes()
        try await write(
            """
            INSERT INTO task_queue_version_sets (namespace_id, task_queue, record) VALUES ($1, $2, $3)
            ON CONFLICT (namespace_id, task_queue) DO UPDATE SET record = excluded.record
            """,
            Self.binds(record.namespaceID, record.taskQueue, blob))
    }

    // MARK: Batch operations

    public func batchOperations(namespaceID: String?) async throws -> [BatchOperationRecord] {
        let rows = if let namespaceID {
            try await blobs("SELECT record FROM batch_operations WHERE namespace_id = $1", Self.binds(namespaceID))
        } else {
            try await blobs("SELECT record FROM batch_operations", PostgresBindings())
        }
        return try rows.map { try BatchOperationRecord(serializedBytes: $0) }
    }

    public func batchOperation(namespaceID: String, jobID: String) async throws -> BatchOperationRecord? {
        try await blobs(
            "SELECT record FROM batch_operations WHERE namespace_id = $1 AND job_id = $2", Self.binds(namespaceID, jobID)
        ).first.map { try BatchOperationRecord(serializedBytes: $0) }
    }

    public func saveBatchOperation(_ record: BatchOperationRecord) async throws {
        let blob: Data = try record.serializedBytes()
        try await write(
            """
            INSERT INTO batch_operations (namespace_id, job_id, record) VALUES ($1, $2, $3)
            ON CONFLICT (namespace_id, job_id) DO UPDATE SET record = excluded.record
            """,
            Self.binds(record.namespaceID, record.jobID, blob))
    }

    /// The first column of every row, as bytes.
    private func blobs(_ sql: String, _ binds: PostgresBindings) async throws -> [Data] {
        try await access.query(sql, binds).map { try $0.decode(Data.self) }
    }
}
