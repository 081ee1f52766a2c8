import Foundation
import PostgresNIO
import TernCore

/// One batch of commit callers on one connection, inside the caller's transaction: a statement
/// that locks every run and current-run row the batch touches (`FOR UPDATE`), the decisions in
/// Swift (`PostgresBatchPlan`), and a statement that writes all of it, one data-modifying CTE per
/// table. Two statements per batch, however many callers it holds.
enum PostgresBatch {
    typealias Outcome = Result<[CommittedChange], any Error>

    static func write(
        _ callers: [[PostgresPreparedChange]], on connection: PostgresConnection, access: PostgresAccess
    ) async throws -> [Outcome] {
        var plan = try await lock(callers.flatMap { $0 }, on: connection, access: access)
        let pending = callers.map { plan.add($0) }
        guard pending.contains(where: { (try? $0.get()) != nil }) else {
            return pending.map { result in result.map { _ in [] }.mapError { $0 as any Error } }
        }
        let rows = try await access.query(writeSQL, try bindings(plan), on: connection)
        var transferIDs: [Int64] = []
        var timerIDs: [Int64] = []
        for row in rows {
            let (kind, id) = try row.decode((Int, Int64).self)
            if kind == 0 { transferIDs.append(id) } else { timerIDs.append(id) }
        }
        // Rows were inserted in input order, each taking the next value of its sequence.
        transferIDs.sort()
        timerIDs.sort()
        guard transferIDs.count == plan.transfers.count, timerIDs.count == plan.timers.count else {
            throw PostgresStoreError(sqlState: "", message: "task inserts returned \(transferIDs.count + timerIDs.count) ids for \(plan.transfers.count + plan.timers.count) rows")
        }
        return pending.map { result in
            result.mapError { $0 as any Error }.map { changes in
                changes.map { change in
                    CommittedChange(
                        version: change.version,
                        transferTasks: zip(change.transfers, change.transferTasks).map {
                            StoredTask(id: transferIDs[$0], key: change.key, task: $1)
                        },
                        timerTasks: zip(change.timers, change.timerTasks).map {
                            StoredTask(id: timerIDs[$0], key: change.key, task: $1)
                        })
                }
            }
        }
    }

    /// Locks and reads the executions and current_executions rows of every change, in key order
    /// (so that two writers lock in the same order).
    private static func lock(
        _ changes: [PostgresPreparedChange], on connection: PostgresConnection, access: PostgresAccess
    ) async throws -> PostgresBatchPlan {
        let runs = Array(Set(changes.map(\.key)))
        let workflows = Array(Set(changes.map { PostgresBatchPlan.WorkflowID(namespaceID: $0.key.namespaceID, workflowID: $0.key.workflowID) }))
        var binds = PostgresBindings(capacity: 5)
        binds.append(PostgresArray.text(runs.map(\.namespaceID)))
        binds.append(PostgresArray.text(runs.map(\.workflowID)))
        binds.append(PostgresArray.text(runs.map(\.runID)))
        binds.append(PostgresArray.text(workflows.map(\.namespaceID)))
        binds.append(PostgresArray.text(workflows.map(\.workflowID)))
        var versions: [WorkflowKey: Int64] = [:]
        var current: [PostgresBatchPlan.WorkflowID: PostgresBatchPlan.CurrentRow] = [:]
        for row in try await access.query(lockSQL, binds, on: connection) {
            let (kind, namespaceID, workflowID, runID, version, status, requestID) =
                try row.decode((Int, String, String, String, Int64?, Int64?, String?).self)
            if kind == 0 {
                versions[WorkflowKey(namespaceID: namespaceID, workflowID: workflowID, runID: runID)] = version ?? 0
            } else {
                current[.init(namespaceID: namespaceID, workflowID: workflowID)] =
                    .init(runID: runID, status: status ?? 0, startRequestID: requestID ?? "")
            }
        }
        return PostgresBatchPlan(versions: versions, current: current)
    }

    static let lockSQL = """
        WITH e AS (
            SELECT e.namespace_id, e.workflow_id, e.run_id, e.db_version FROM executions e
            JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(ns, wf, run)
              ON e.namespace_id = k.ns AND e.workflow_id = k.wf AND e.run_id = k.run
            ORDER BY 1, 2, 3 FOR UPDATE OF e
        ), c AS (
            SELECT c.namespace_id, c.workflow_id, c.run_id, c.status, c.start_request_id FROM current_executions c
            JOIN unnest($4::text[], $5::text[]) AS k(ns, wf) ON c.namespace_id = k.ns AND c.workflow_id = k.wf
            ORDER BY 1, 2 FOR UPDATE OF c
        )
        SELECT 0, namespace_id, workflow_id, run_id, db_version, NULL::int8, NULL::text FROM e
        UNION ALL
        SELECT 1, namespace_id, workflow_id, run_id, NULL::int8, status::int8, start_request_id FROM c
        """

    /// Every table's writes; an empty array makes its part a no-op. Runs and current rows that
    /// were not there when locked are INSERTed, so that a writer racing for the same new key fails
    /// on the primary key instead of overwriting it.
    static let writeSQL = """
        WITH ei AS (
            INSERT INTO executions (namespace_id, workflow_id, run_id, db_version, state)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::bytea[])
        ), eu AS (
            UPDATE executions e SET db_version = u.version, state = u.state
            FROM unnest($6::text[], $7::text[], $8::text[], $9::int8[], $10::bytea[]) AS u(ns, wf, run, version, state)
            WHERE e.namespace_id = u.ns AND e.workflow_id = u.wf AND e.run_id = u.run
        ), ci AS (
            INSERT INTO current_executions (namespace_id, workflow_id, run_id, status, start_request_id)
            SELECT * FROM unnest($11::text[], $12::text[], $13::text[], $14::int8[], $15::text[])
        ), cu AS (
            UPDATE current_executions c SET run_id = u.run, status = u.status, start_request_id = u.request
            FROM unnest($16::text[], $17::text[], $18::text[], $19::int8[], $20::text[]) AS u(ns, wf, run, status, request)
            WHERE c.namespace_id = u.ns AND c.workflow_id = u.wf
        ), hb AS (
            INSERT INTO history_batches (namespace_id, workflow_id, run_id, first_event_id, last_event_id, events)
            SELECT * FROM unnest($21::text[], $22::text[], $23::text[], $24::int8[], $25::int8[], $26::bytea[])
        ), ar AS (
            DELETE FROM pending_activities p USING unnest($27::text[], $28::text[], $29::text[]) AS u(ns, wf, run)
            WHERE p.namespace_id = u.ns AND p.workflow_id = u.wf AND p.run_id = u.run
              AND (p.namespace_id, p.workflow_id, p.run_id, p.scheduled_event_id) NOT IN (
                  SELECT * FROM unnest($34::text[], $35::text[], $36::text[], $37::int8[]))
        ), ad AS (
            DELETE FROM pending_activities p
            USING unnest($30::text[], $31::text[], $32::text[], $33::int8[]) AS u(ns, wf, run, id)
            WHERE p.namespace_id = u.ns AND p.workflow_id = u.wf AND p.run_id = u.run AND p.scheduled_event_id = u.id
        ), au AS (
            INSERT INTO pending_activities (namespace_id, workflow_id, run_id, scheduled_event_id, info)
            SELECT * FROM unnest($34::text[], $35::text[], $36::text[], $37::int8[], $38::bytea[])
            ON CONFLICT (namespace_id, workflow_id, run_id, scheduled_event_id) DO UPDATE SET info = excluded.info
        ), tr AS (
            INSERT INTO transfer_tasks (namespace_id, workflow_id, run_id, payload)
            SELECT u.ns, u.wf, u.run, u.payload
            FROM unnest($39::text[], $40::text[], $41::text[], $42::bytea[]) WITH ORDINALITY AS u(ns, wf, run, payload, n)
            ORDER BY u.n
            RETURNING id
        ), ti AS (
            INSERT INTO timer_tasks (fire_time, namespace_id, workflow_id, run_id, payload)
            SELECT u.fire, u.ns, u.wf, u.run, u.payload
            FROM unnest($43::int8[], $44::text[], $45::text[], $46::text[], $47::bytea[])
                WITH ORDINALITY AS u(fire, ns, wf, run, payload, n)
            ORDER BY u.n
            RETURNING id
        ), td AS (
            DELETE FROM transfer_tasks WHERE id = ANY($48::int8[])
        ), md AS (
            DELETE FROM timer_tasks WHERE id = ANY($49::int8[])
        ), vu AS (
            INSERT INTO executions_visibility (namespace_id, run_id, workflow_id, workflow_type, task_queue, status,
                start_time, execution_time, close_time, history_length, history_size_bytes, state_transition_count,
                parent_workflow_id, parent_run_id, root_workflow_id, root_run_id, memo, search_attributes)
            SELECT * FROM unnest($50::text[], $51::text[], $52::text[], $53::text[], $54::text[], $55::int8[],
                $56::int8[], $57::int8[], $58::int8[], $59::int8[], $60::int8[], $61::int8[], $62::text[], $63::text[],
                $64::text[], $65::text[], $66::bytea[], $67::bytea[])
            ON CONFLICT (namespace_id, run_id) DO UPDATE SET
                workflow_id = excluded.workflow_id, workflow_type = excluded.workflow_type,
                task_queue = excluded.task_queue, status = excluded.status, start_time = excluded.start_time,
                execution_time = excluded.execution_time, close_time = excluded.close_time,
                history_length = excluded.history_length, history_size_bytes = excluded.history_size_bytes,
                state_transition_count = excluded.state_transition_count,
                parent_workflow_id = excluded.parent_workflow_id, parent_run_id = excluded.parent_run_id,
                root_workflow_id = excluded.root_workflow_id, root_run_id = excluded.root_run_id,
                memo = excluded.memo, search_attributes = excluded.search_attributes
        ), sd AS (
            DELETE FROM visibility_search_attributes s USING unnest($68::text[], $69::text[]) AS u(ns, run)
            WHERE s.namespace_id = u.ns AND s.run_id = u.run
        ), si AS (
            INSERT INTO visibility_search_attributes (namespace_id, run_id, name, value_int, value_double, value_text)
            SELECT * FROM unnest($70::text[], $71::text[], $72::text[], $73::int8[], $74::float8[], $75::text[])
        )
        SELECT 0, id FROM tr UNION ALL SELECT 1, id FROM ti
        """

    /// The 75 arrays of `writeSQL`, in its parameter order.
    private static func bindings(_ plan: PostgresBatchPlan) throws -> PostgresBindings {
        var b = PostgresBindings(capacity: 75)
        func runs(_ keys: [WorkflowKey]) {
            b.append(PostgresArray.text(keys.map(\.namespaceID)))
            b.append(PostgresArray.text(keys.map(\.workflowID)))
            b.append(PostgresArray.text(keys.map(\.runID)))
        }
        for keys in [plan.executionInserts, plan.executionUpdates] {
            runs(keys)
            b.append(PostgresArray.int8(keys.map { plan.versions[$0] }))
            b.append(PostgresArray.bytea(keys.map { plan.executionBlobs[$0] }))
        }
        for rows in [plan.currentInserts, plan.currentUpdates] {
            b.append(PostgresArray.text(rows.map(\.0.namespaceID)))
            b.append(PostgresArray.text(rows.map(\.0.workflowID)))
            b.append(PostgresArray.text(rows.map(\.1.runID)))
            b.append(PostgresArray.int8(rows.map(\.1.status)))
            b.append(PostgresArray.text(rows.map(\.1.startRequestID)))
        }
        runs(plan.history.map(\.key))
        b.append(PostgresArray.int8(plan.history.map(\.first)))
        b.append(PostgresArray.int8(plan.history.map(\.last)))
        b.append(PostgresArray.bytea(plan.history.map(\.blob)))
        // Pending activities: runs replaced whole, deleted rows, upserted rows.
        runs(plan.activityOrder.filter { plan.activities[$0]?.replaceAll == true })
        var deletes: [(WorkflowKey, Int64)] = []
        var upserts: [(WorkflowKey, Int64, Data)] = []
        for key in plan.activityOrder {
            for (id, write) in (plan.activities[key]?.writes ?? [:]).sorted(by: { $0.key < $1.key }) {
                switch write {
                case .delete: deletes.append((key, id))
                case .upsert(let blob): upserts.append((key, id, blob))
                }
            }
        }
        runs(deletes.map(\.0))
        b.append(PostgresArray.int8(deletes.map(\.1)))
        runs(upserts.map(\.0))
        b.append(PostgresArray.int8(upserts.map(\.1)))
        b.append(PostgresArray.bytea(upserts.map(\.2)))
        runs(plan.transfers.map(\.key))
        b.append(PostgresArray.bytea(plan.transfers.map(\.blob)))
        b.append(PostgresArray.int8(plan.timers.map(\.fireTime)))
        runs(plan.timers.map(\.key))
        b.append(PostgresArray.bytea(plan.timers.map(\.blob)))
        b.append(PostgresArray.int8(plan.consumedTransfers))
        b.append(PostgresArray.int8(plan.consumedTimers))
        let records = plan.visibilityOrder.compactMap { plan.visibility[$0] }
        b.append(PostgresArray.text(records.map(\.namespaceID)))
        b.append(PostgresArray.text(records.map(\.runID)))
        b.append(PostgresArray.text(records.map(\.workflowID)))
        b.append(PostgresArray.text(records.map(\.workflowType)))
        b.append(PostgresArray.text(records.map(\.taskQueue)))
        b.append(PostgresArray.int8(records.map(\.status)))
        b.append(PostgresArray.int8(records.map(\.startTime)))
        b.append(PostgresArray.int8(records.map(\.executionTime)))
        b.append(PostgresArray.int8(records.map(\.closeTime)))
        b.append(PostgresArray.int8(records.map(\.historyLength)))
        b.append(PostgresArray.int8(records.map(\.historySizeBytes)))
        b.append(PostgresArray.int8(records.map(\.stateTransitionCount)))
        b.append(PostgresArray.text(records.map(\.parentWorkflowID)))
        b.append(PostgresArray.text(records.map(\.parentRunID)))
        b.append(PostgresArray.text(records.map(\.rootWorkflowID)))
        b.append(PostgresArray.text(records.map(\.rootRunID)))
        b.append(PostgresArray.bytea(records.map(\.memo)))
        b.append(PostgresArray.bytea(records.map(\.searchAttributes)))
        b.append(PostgresArray.text(plan.searchAttributeOrder.map(\.namespaceID)))
        b.append(PostgresArray.text(plan.searchAttributeOrder.map(\.runID)))
        let values = plan.searchAttributeOrder.flatMap { key in (plan.searchAttributes[key] ?? []).map { (key, $0) } }
        b.append(PostgresArray.text(values.map(\.0.namespaceID)))
        b.append(PostgresArray.text(values.map(\.0.runID)))
        b.append(PostgresArray.text(values.map(\.1.name)))
        b.append(PostgresArray.int8(values.map(\.1.int)))
        b.append(PostgresArray.float8(values.map(\.1.double)))
        b.append(PostgresArray.text(values.map(\.1.text)))
        return b
    }
}
