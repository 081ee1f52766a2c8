import Foundation
import GRDB
import TernCore

/// The SQLite schema, one migration per version. Never edit a shipped migration: add one.
///
/// The engine tables follow the invariants of docs/architecture.md: a workflow change writes its
/// history batch, its new mutable state (conditional on `db_version`), the tasks it creates
/// (transfer, timer) and its visibility row in one transaction.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-namespaces-and-engine") { db in
            try db.execute(sql: """
                CREATE TABLE namespaces (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL UNIQUE,
                    version INTEGER NOT NULL,
                    detail BLOB NOT NULL            -- DescribeNamespaceResponse (info, config, replication)
                );

                CREATE TABLE search_attributes (
                    namespace_id TEXT NOT NULL REFERENCES namespaces(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    type INTEGER NOT NULL,          -- temporal.api.enums.v1.IndexedValueType
                    PRIMARY KEY (namespace_id, name)
                ) WITHOUT ROWID;

                -- One row per run: its mutable state, and the version every change is conditioned on.
                CREATE TABLE executions (
                    namespace_id TEXT NOT NULL,
                    workflow_id TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    db_version INTEGER NOT NULL,
                    state BLOB NOT NULL,            -- tern.internal.v1.WorkflowState
                    PRIMARY KEY (namespace_id, workflow_id, run_id)
                ) WITHOUT ROWID;

                -- The run a workflow id currently names, for id reuse and conflict policies.
                CREATE TABLE current_executions (
                    namespace_id TEXT NOT NULL,
                    workflow_id TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    status INTEGER NOT NULL,        -- temporal.api.enums.v1.WorkflowExecutionStatus
                    start_request_id TEXT NOT NULL,
                    PRIMARY KEY (namespace_id, workflow_id)
                ) WITHOUT ROWID;

                -- History as the batches of events each transaction appended; event ids are gap-free.
                CREATE TABLE history_batches (
                    namespace_id TEXT NOT NULL,
                    workflow_id TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    first_event_id INTEGER NOT NULL,
                    last_event_id INTEGER NOT NULL,
                    events BLOB NOT NULL,           -- History (repeated HistoryEvent)
                    PRIMARY KEY (namespace_id, workflow_id, run_id, first_event_id)
                ) WITHOUT ROWID;

                -- Transactional outbox, and the durable backlog of the task queues: a row stays until
                -- a worker has picked the task up (or the task turned out to be stale).
                CREATE TABLE transfer_tasks (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    namespace_id TEXT NOT NULL,
                    workflow_id TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    payload BLOB NOT NULL           -- tern.internal.v1.TransferTask
                );

                -- Durable timers, timeouts and retry back-offs.
                CREATE TABLE timer_tasks (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    fire_time INTEGER NOT NULL,     -- milliseconds since 1970
                    namespace_id TEXT NOT NULL,
                    workflow_id TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    payload BLOB NOT NULL           -- tern.internal.v1.TimerTask
                );
                CREATE INDEX timer_tasks_by_fire_time ON timer_tasks(fire_time, id);

                -- Visibility: one row per run, with the system attributes queries filter on.
                CREATE TABLE executions_visibility (
                    namespace_id TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    workflow_id TEXT NOT NULL,
                    workflow_type TEXT NOT NULL,
                    task_queue TEXT NOT NULL,
                    status INTEGER NOT NULL,
                    start_time INTEGER NOT NULL,    -- microseconds since 1970
                    execution_time INTEGER NOT NULL,
                    close_time INTEGER,
                    history_length INTEGER NOT NULL DEFAULT 0,
                    history_size_bytes INTEGER NOT NULL DEFAULT 0,
                    state_transition_count INTEGER NOT NULL DEFAULT 0,
                    parent_workflow_id TEXT,
                    parent_run_id TEXT,
                    root_workflow_id TEXT,
                    root_run_id TEXT,
                    memo BLOB,                      -- Memo
                    search_attributes BLOB,         -- SearchAttributes
                    PRIMARY KEY (namespace_id, run_id)
                ) WITHOUT ROWID;
                CREATE INDEX executions_visibility_by_start ON executions_visibility(namespace_id, start_time DESC, run_id);
                CREATE INDEX executions_visibility_by_workflow_id ON executions_visibility(namespace_id, workflow_id);
                """)
        }
        migrator.registerMigration("v2-typed-search-attributes") { db in
            try db.execute(sql: """
                -- Custom (and list-valued system) search attributes of each run, one row per value,
                -- typed so comparisons are numeric where they should be: Int, Bool and Datetime
                -- (microseconds) in value_int, Double in value_double, Keyword/Text/KeywordList in value_text.
                CREATE TABLE visibility_search_attributes (
                    namespace_id TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    value_int INTEGER,
                    value_double REAL,
                    value_text TEXT
                );
                CREATE INDEX visibility_search_attributes_by_run ON visibility_search_attributes(namespace_id, run_id);
                CREATE INDEX visibility_search_attributes_by_text ON visibility_search_attributes(namespace_id, name, value_text);
                CREATE INDEX visibility_search_attributes_by_int ON visibility_search_attributes(namespace_id, name, value_int);
                CREATE INDEX visibility_search_attributes_by_double ON visibility_search_attributes(namespace_id, name, value_double);
                CREATE INDEX executions_visibility_by_close ON executions_visibility(namespace_id, close_time DESC, run_id);
                """)
        }
        migrator.registerMigration("v3-schedules") { db in
            try db.execute(sql: """
                -- One row per schedule: the user's schedule and the scheduler's progress, with the
                -- conflict token every update is conditioned on.
                CREATE TABLE schedules (
                    namespace_id TEXT NOT NULL,
                    schedule_id TEXT NOT NULL,
                    conflict_token INTEGER NOT NULL,
                    record BLOB NOT NULL,           -- tern.internal.v1.ScheduleRecord
                    PRIMARY KEY (namespace_id, schedule_id)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4-pending-activities") { db in
            try db.execute(sql: """
                -- A run's pending activities, one row each, so that a change to one of them rewrites
                -- that row only. Read with the run's executions row; together they are its state.
                CREATE TABLE pending_activities (
                    namespace_id TEXT NOT NULL,
                    workflow_id TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    scheduled_event_id INTEGER NOT NULL,
                    info BLOB NOT NULL,             -- tern.internal.v1.ActivityInfo
                    PRIMARY KEY (namespace_id, workflow_id, run_id, scheduled_event_id)
                ) WITHOUT ROWID;
                """)
            // Runs stored before this migration keep their pending activities in the state blob:
            // move them out.
            let rows = try Row.fetchCursor(db, sql: "SELECT namespace_id, workflow_id, run_id, state FROM executions")
            var moved: [(Row, WorkflowState)] = []
            while let row = try rows.next() {
                let blob: Data = row["state"]
                let state = try WorkflowState(serializedBytes: blob)
                if !state.activities.isEmpty { moved.append((row.copy(), state)) }
            }
            for (row, state) in moved {
                let run: StatementArguments = [row["namespace_id"], row["workflow_id"], row["run_id"]]
                for (id, info) in state.activities {
                    let blob: Data = try info.serializedBytes()
                    try db.execute(
                        sql: """
                            INSERT INTO pending_activities (namespace_id, workflow_id, run_id, scheduled_event_id, info)
                            VALUES (?, ?, ?, ?, ?)
                            """,
                        arguments: run + [id, blob])
                }
                let blob = try SQLiteStore.stateBlob(state)
                try db.execute(
                    sql: "UPDATE executions SET state = ? WHERE namespace_id = ? AND workflow_id = ? AND run_id = ?",
                    arguments: [blob] + run)
            }
        }
        migrator.registerMigration("v5-worker-deployments") { db in
            try db.execute(sql: """
                -- One row per worker deployment: its versions and routing (worker versioning).
                CREATE TABLE worker_deployments (
                    namespace_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    record BLOB NOT NULL,           -- tern.internal.v1.WorkerDeploymentRecord
                    PRIMARY KEY (namespace_id, name)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v6-batch-operations") { db in
            try db.execute(sql: """
                -- One row per batch operation (StartBatchOperation): its request, state and counts.
                CREATE TABLE batch_operations (
                    namespace_id TEXT NOT NULL,
                    job_id TEXT NOT NULL,
                    record BLOB NOT NULL,           -- tern.internal.v1.BatchOperationRecord
                    PRIMARY KEY (namespace_id, job_id)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v7-version-sets") { db in
            try db.execute(sql: """
                -- One row per task queue given compatible version sets (UpdateWorkerBuildIdCompatibility).
                CREATE TABLE task_queue_version_sets (
                    namespace_id TEXT NOT NULL,
                    task_queue TEXT NOT NULL,
                    record BLOB NOT NULL,           -- tern.internal.v1.TaskQueueVersionSets
                    PRIMARY KEY (namespace_id, task_queue)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
