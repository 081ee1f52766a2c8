import Foundation
import GRDB
import TernAPI
import TernCore

extension SQLiteStore {
    public func taskQueueVersionSets(namespaceID: String) async throws -> [TaskQueueVersionSets] {
        try await reader.read { db in
            try Data.fetchAll(
                db, sql: "SELECT record FROM task_queue_version_sets WHERE namespace_id = ? ORDER BY task_queue",
                arguments: [namespaceID]
            ).map { try TaskQueueVersionSets(serializedBytes: $0) }
        }
    }

    public func taskQueueVersionSets(namespaceID: String, taskQueue: String) async throws -> TaskQueueVersionSets? {
        try await reader.read { db in
            try Data.fetchOne(
                db, sql: "SELECT record FROM task_queue_version_sets WHERE namespace_id = ? AND task_queue = ?",
                arguments: [namespaceID, taskQueue]
            ).map { try TaskQueueVersionSets(serializedBytes: $0) }
        }
    }

    public func saveTaskQueueVersionSets(_ record: TaskQueueVersionSets) async throws {
        let blob: Data = try record.serializedBytes()
        try await writer.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO task_queue_version_sets (namespace_id, task_queue, record) VALUES (?, ?, ?)",
                arguments: [record.namespaceID, record.taskQueue, blob])
        }
    }
}
