import Foundation
import GRDB
import TernAPI
import TernCore


extension SQLiteStore {
    public func createSchedule(_ record: ScheduleRecord) async throws {
        let blob: Data = try record.serializedBytes()
        do {
            try await writer.write { db in
                try db.execute(
                    sql: "INSERT INTO schedules (namespace_id, schedule_id, conflict_token, record) VALUES (?, ?, ?, ?)",
                    arguments: [record.namespaceID, record.scheduleID, record.conflictToken, blob])
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.alreadyExists
        }
    }

    public func schedule(namespaceID: String, scheduleID: String) async throws -> ScheduleRecord? {
        try await reader.read { db in
            try Data.fetchOne(
                db, sql: "SELECT record FROM schedules WHERE namespace_id = ? AND schedule_id = ?",
                arguments: [namespaceID, scheduleID]
            ).map { try ScheduleRecord(serializedBytes: $0) }
        }
    }

    public func updateSchedule(_ record: ScheduleRecord, expectedToken: Int64) async throws {
        let blob: Data = try record.serializedBytes()
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE schedules SET record = ?, conflict_token = ?
                    WHERE namespace_id = ? AND schedule_id = ? AND conflict_token = ?
                    """,
                arguments: [blob, record.conflictToken, record.namespaceID, record.scheduleID, expectedToken])
            guard db.changesCount == 1 else {
                let exists = try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM schedules WHERE namespace_id = ? AND schedule_id = ?",
                    arguments: [record.namespaceID, record.scheduleID]) ?? false
                throw exists ? StoreError.conditionFailed : StoreError.notFound
            }
        }
    }

    public func deleteSchedule(namespaceID: String, scheduleID: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM schedules WHERE namespace_id = ? AND schedule_id = ?", arguments: [namespaceID, scheduleID])
            guard db.changesCount == 1 else { throw StoreError.notFound }
        }
    }

    public func listSchedules(namespaceID: String?, afterID: String, limit: Int) async throws -> [ScheduleRecord] {
        try await reader.read { db in
            let blobs: [Data]
            if let namespaceID {
                blobs = try Data.fetchAll(
                    db,
                    sql: "SELECT record FROM schedules WHERE namespace_id = ? AND schedule_id > ? ORDER BY schedule_id LIMIT ?",
                    arguments: [namespaceID, afterID, limit])
            } else {
                blobs = try Data.fetchAll(db, sql: "SELECT record FROM schedules ORDER BY namespace_id, schedule_id")
            }
            return try blobs.map { try ScheduleRecord(serializedBytes: $0) }
        }
    }
}
