import Foundation
import GRDB
import TernAPI
import TernCore

public typealias WorkerDeploymentRecord = Tern_Internal_V1_WorkerDeploymentRecord

extension SQLiteStore {
    public func workerDeployments(namespaceID: String) async throws -> [WorkerDeploymentRecord] {
        try await reader.read { db in
            try Data.fetchAll(
                db, sql: "SELECT record FROM worker_deployments WHERE namespace_id = ? ORDER BY name",
                arguments: [namespaceID]
            ).map { try WorkerDeploymentRecord(serializedBytes: $0) }
        }
    }

    public func saveWorkerDeployment(_ record: WorkerDeploymentRecord) async throws {
        let blob: Data = try record.serializedBytes()
        try await writer.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO worker_deployments (namespace_id, name, record) VALUES (?, ?, ?)",
                arguments: [record.namespaceID, record.name, blob])
        }
    }

    public func deleteWorkerDeployment(namespaceID: String, name: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM worker_deployments WHERE namespace_id = ? AND name = ?", arguments: [namespaceID, name])
        }
    }
}
