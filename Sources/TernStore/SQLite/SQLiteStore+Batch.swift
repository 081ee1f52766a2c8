import Foundation
import GRDB
import TernAPI
import TernCore

extension SQLiteStore {
    public func batchOperations(namespaceID: String?) async throws -> [BatchOperationRecord] {
        try await reader.read { db in
            let rows = if let namespaceID {
                try Data.fetchAll(db, sql: "SELECT record FROM batch_operations WHERE namespace_id = ?", arguments: [namespaceID])
            } else {
                try Data.fetchAll(db, sql: "SELECT record FROM batch_operations")
            }
            return try rows.map { try BatchOperationRecord(serializedBytes: $0) }
        }
    }

    public func batchOperation(namespaceID: String, jobID: String) async throws -> BatchOperationRecord? {
        try await reader.read { db in
            try Data.fetchOne(
                db, sql: "SELECT record FROM batch_operations WHERE namespace_id = ? AND job_id = ?",
                arguments: [namespaceID, jobID]
            ).map { try BatchOperationRecord(serializedBytes: $0) }
        }
    }

    public func saveBatchOperation(_ record: BatchOperationRecord) async throws {
        let blob: Data = try record.serializedBytes()
        try await writer.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO batch_operations (namespace_id, job_id, record) VALUES (?, ?, ?)",
                arguments: [record.namespaceID, record.jobID, blob])
        }
    }
}
