import Foundation
import GRDB
import Testing
import TernAPI
import TernCore
@testable import TernStore

/// Pending activities live in rows of their own, apart from the state blob.
@Suite("SQLiteStore: pending activity rows")
struct PendingActivityRowsTests {
    let key = WorkflowKey(namespaceID: "ns", workflowID: "fan", runID: "run-fan")

    func started() -> WorkflowState {
        let request = StartWorkflowRequest.with {
            $0.workflowID = key.workflowID
            $0.workflowType.name = "Fan"
            $0.taskQueue.name = "q"
        }
        return WorkflowMachine.start(request, namespaceID: key.namespaceID, runID: key.runID, now: Date()).state
    }

    func activity(_ id: Int64, attempt: Int32 = 1) -> ActivityInfo {
        .with {
            $0.scheduledEventID = id
            $0.activityID = "a\(id)"
            $0.activityType = "echo"
            $0.taskQueue = "q"
            $0.attempt = attempt
        }
    }

    func rows(_ store: SQLiteStore) async throws -> [Int64: Int32] {
        try await store.reader.read { db in
            var found: [Int64: Int32] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT scheduled_event_id, info FROM pending_activities") {
                let blob: Data = row["info"]
                found[row["scheduled_event_id"]] = try ActivityInfo(serializedBytes: blob).attempt
            }
            return found
        }
    }

    func stateBlob(_ store: SQLiteStore) async throws -> WorkflowState? {
        try await store.reader.read { db in
            try Data.fetchOne(db, sql: "SELECT state FROM executions").map { try WorkflowState(serializedBytes: $0) }
        }
    }

    @Test func changesRewriteOnlyTheActivitiesTheyTouchAndReadsPutThemBack() async throws {
        let store = try SQLiteStore(path: nil)
        var state = started()
        for id in Int64(5)...7 { state.activities[id] = activity(id) }
        let first = WorkflowChange(key: key, condition: .newRun(previousCurrentRunID: nil), state: state)
        #expect(first.activityWrites.upserts.map(\.scheduledEventID) == [5, 6, 7])
        #expect(first.activityWrites.replaceAll == false)  // a new run has no rows to delete
        _ = try await store.commit(first)
        #expect(try await rows(store) == [5: 1, 6: 1, 7: 1])
        #expect(try await stateBlob(store)?.activities.isEmpty == true)

        // Retry 6, complete 7, schedule 8: three row writes; 5 is left alone.
        let previous = state.activities
        state.activities[6]?.attempt = 2
        state.activities[7] = nil
        state.activities[8] = activity(8)
        let change = WorkflowChange(key: key, condition: .version(1), state: state, previousActivities: previous)
        #expect(change.activityWrites.upserts.map(\.scheduledEventID) == [6, 8])
        #expect(change.activityWrites.deletes == [7])
        #expect(change.activityWrites.replaceAll == false)
        _ = try await store.commit(change)
        #expect(try await rows(store) == [5: 1, 6: 2, 8: 1])
        #expect(try await store.workflow(key)?.state == state)
    }

    @Test func aChangeThatDoesNotKnowThePreviousActivitiesReplacesThemAll() async throws {
        let store = try SQLiteStore(path: nil)
        var state = started()
        for id in Int64(5)...7 { state.activities[id] = activity(id) }
        _ = try await store.commit(WorkflowChange(key: key, condition: .newRun(previousCurrentRunID: nil), state: state))
        state.activities = [9: activity(9)]
        _ = try await store.commit(WorkflowChange(key: key, condition: .version(1), state: state))
        #expect(try await rows(store) == [9: 1])
        #expect(try await store.workflow(key)?.state == state)
        try await store.deleteWorkflow(key)
        #expect(try await rows(store).isEmpty)
    }

    @Test func migrationMovesActivitiesOutOfStateBlobsWrittenBeforeIt() async throws {
        let path = SQLiteStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var state = started()
        state.activities = [5: activity(5), 6: activity(6, attempt: 3)]
        do {  // a database as the previous version left it: activities inside the blob
            let queue = try DatabaseQueue(path: path)
            try SQLiteSchema.migrator.migrate(queue, upTo: "v3-schedules")
            let blob: Data = try state.serializedBytes()
            try await queue.write { db in
                try db.execute(
                    sql: "INSERT INTO executions (namespace_id, workflow_id, run_id, db_version, state) VALUES (?, ?, ?, 4, ?)",
                    arguments: [key.namespaceID, key.workflowID, key.runID, blob])
            }
        }
        let store = try SQLiteStore(path: path)
        #expect(try await rows(store) == [5: 1, 6: 3])
        #expect(try await stateBlob(store)?.activities.isEmpty == true)
        let stored = try await store.workflow(key)
        #expect(stored?.state == state)
        #expect(stored?.version == 4)
    }
}
