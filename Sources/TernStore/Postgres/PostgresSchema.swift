import Foundation

/// The PostgreSQL schema as an ordered list of migrations. Never edit a shipped migration: add one
/// with the next version. `tern_schema_version` holds one row per applied version.
///
/// The tables and their meaning are SQLite's (SQLiteSchema): blobs are BYTEA, ids and times BIGINT
/// (times in microseconds, timer fire times in milliseconds, as in SQLite). Every text column
/// collates "C": byte order, as SQLite's BINARY, so ranges, ORDER BY and keyset paging list the same
/// rows in the same order on both stores, and prefix LIKE can use the btree indexes.
enum PostgresSchema {
    struct Migration: Sendable {
        var version: Int
        var name: String
        var statements: [String]
        /// Optional statements run in a savepoint after `statements`: when they fail (pg_trgm not
        /// installed on the server, or not allowed for this role), they are rolled back alone.
        var optional: [String] = []
    }

    static let migrations: [Migration] = [
        Migration(version: 1, name: "engine-and-visibility", statements: v1, optional: v1Trigram),
    ]

    static var currentVersion: Int { migrations.last?.version ?? 0 }

    static let versionTable = """
        CREATE TABLE IF NOT EXISTS tern_schema_version (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """

    /// Any key for `pg_advisory_xact_lock`: serializes migrations of nodes starting together.
    static let migrationLockKey: Int64 = 0x7465_726E_6D69_6772  // "ternmigr"

    private static let v1: [String] = [
        """
        CREATE TABLE namespaces (
            id TEXT COLLATE "C" PRIMARY KEY,
            name TEXT COLLATE "C" NOT NULL UNIQUE,
            version BIGINT NOT NULL,
            detail BYTEA NOT NULL
        )
        """,
        """
        CREATE TABLE search_attributes (
            namespace_id TEXT COLLATE "C" NOT NULL REFERENCES namespaces(id) ON DELETE CASCADE,
            name TEXT COLLATE "C" NOT NULL,
            type INTEGER NOT NULL,
            PRIMARY KEY (namespace_id, name)
        )
        """,
        """
        CREATE TABLE executions (
            namespace_id TEXT COLLATE "C" NOT NULL,
            workflow_id TEXT COLLATE "C" NOT NULL,
            run_id TEXT COLLATE "C" NOT NULL,
            db_version BIGINT NOT NULL,
            state BYTEA NOT NULL,
            PRIMARY KEY (namespace_id, workflow_id, run_id)
        )
        """,
        """
        CREATE TABLE current_executions (
            namespace_id TEXT COLLATE "C" NOT NULL,
            workflow_id TEXT COLLATE "C" NOT NULL,
            run_id TEXT COLLATE "C" NOT NULL,
            status INTEGER NOT NULL,
            start_request_id TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (namespace_id, workflow_id)
        )
        """,
        """
        CREATE TABLE history_batches (
            namespace_id TEXT COLLATE "C" NOT NULL,
            workflow_id TEXT COLLATE "C" NOT NULL,
            run_id TEXT COLLATE "C" NOT NULL,
            first_event_id BIGINT NOT NULL,
            last_event_id BIGINT NOT NULL,
            events BYTEA NOT NULL,
            PRIMARY KEY (namespace_id, workflow_id, run_id, first_event_id)
        )
        """,
        """
        CREATE TABLE transfer_tasks (
            id BIGSERIAL PRIMARY KEY,
            namespace_id TEXT COLLATE "C" NOT NULL,
            workflow_id TEXT COLLATE "C" NOT NULL,
            run_id TEXT COLLATE "C" NOT NULL,
            payload BYTEA NOT NULL
        )
        """,
        // deleteWorkflow removes a run's tasks: without these it would scan the tables.
        "CREATE INDEX transfer_tasks_by_run ON transfer_tasks (namespace_id, workflow_id, run_id)",
        """
        CREATE TABLE timer_tasks (
            id BIGSERIAL PRIMARY KEY,
            fire_time BIGINT NOT NULL,
            namespace_id TEXT COLLATE "C" NOT NULL,
            workflow_id TEXT COLLATE "C" NOT NULL,
            run_id TEXT COLLATE "C" NOT NULL,
            payload BYTEA NOT NULL
        )
        """,
        "CREATE INDEX timer_tasks_by_fire_time ON timer_tasks (fire_time, id)",
        "CREATE INDEX timer_tasks_by_run ON timer_tasks (namespace_id, workflow_id, run_id)",
        """
        CREATE TABLE executions_visibility (
            namespace_id TEXT COLLATE "C" NOT NULL,
            run_id TEXT COLLATE "C" NOT NULL,
            workflow_id TEXT COLLATE "C" NOT NULL,
            workflow_type TEXT COLLATE "C" NOT NULL,
            task_queue TEXT COLLATE "C" NOT NULL,
            status INTEGER NOT NULL,
            start_time BIGINT NOT NULL,
            execution_time BIGINT NOT NULL,
            close_time BIGINT,
            history_length BIGINT NOT NULL DEFAULT 0,
            history_size_bytes BIGINT NOT NULL DEFAULT 0,
            state_transition_count BIGINT NOT NULL DEFAULT 0,
            parent_workflow_id TEXT COLLATE "C",
            parent_run_id TEXT COLLATE "C",
            root_workflow_id TEXT COLLATE "C",
            root_run_id TEXT COLLATE "C",
            memo BYTEA,
            search_attributes BYTEA,
            PRIMARY KEY (namespace_id, run_id)
        )
        """,
        // The default listing order (running first, then by close time), and the usual filters.
        """
        CREATE INDEX executions_visibility_by_default_order ON executions_visibility
            (namespace_id, (COALESCE(close_time, 9223372036854775807)) DESC, start_time DESC, run_id DESC)
        """,
        "CREATE INDEX executions_visibility_by_start ON executions_visibility (namespace_id, start_time DESC, run_id)",
        "CREATE INDEX executions_visibility_by_close ON executions_visibility (namespace_id, close_time DESC, run_id)",
        "CREATE INDEX executions_visibility_by_workflow_id ON executions_visibility (namespace_id, workflow_id)",
        "CREATE INDEX executions_visibility_by_type ON executions_visibility (namespace_id, workflow_type, start_time DESC)",
        "CREATE INDEX executions_visibility_by_status ON executions_visibility (namespace_id, status, start_time DESC)",
        """
        CREATE TABLE visibility_search_attributes (
            namespace_id TEXT COLLATE "C" NOT NULL,
            run_id TEXT COLLATE "C" NOT NULL,
            name TEXT COLLATE "C" NOT NULL,
            value_int BIGINT,
            value_double DOUBLE PRECISION,
            value_text TEXT COLLATE "C"
        )
        """,
        "CREATE INDEX visibility_search_attributes_by_run ON visibility_search_attributes (namespace_id, run_id, name)",
        "CREATE INDEX visibility_search_attributes_by_text ON visibility_search_attributes (namespace_id, name, value_text)",
        "CREATE INDEX visibility_search_attributes_by_int ON visibility_search_attributes (namespace_id, name, value_int)",
        "CREATE INDEX visibility_search_attributes_by_double ON visibility_search_attributes (namespace_id, name, value_double)",
        """
        CREATE TABLE schedules (
            namespace_id TEXT COLLATE "C" NOT NULL,
            schedule_id TEXT COLLATE "C" NOT NULL,
            conflict_token BIGINT NOT NULL,
            record BYTEA NOT NULL,
            PRIMARY KEY (namespace_id, schedule_id)
        )
        """,
        """
        CREATE TABLE pending_activities (
            namespace_id TEXT COLLATE "C" NOT NULL,
            workflow_id TEXT COLLATE "C" NOT NULL,
            run_id TEXT COLLATE "C" NOT NULL,
            scheduled_event_id BIGINT NOT NULL,
            info BYTEA NOT NULL,
            PRIMARY KEY (namespace_id, workflow_id, run_id, scheduled_event_id)
        )
        """,
        """
        CREATE TABLE worker_deployments (
            namespace_id TEXT COLLATE "C" NOT NULL,
            name TEXT COLLATE "C" NOT NULL,
            record BYTEA NOT NULL,
            PRIMARY KEY (namespace_id, name)
        )
        """,
        """
        CREATE TABLE batch_operations (
            namespace_id TEXT COLLATE "C" NOT NULL,
            job_id TEXT COLLATE "C" NOT NULL,
            record BYTEA NOT NULL,
            PRIMARY KEY (namespace_id, job_id)
        )
        """,
        """
        CREATE TABLE task_queue_version_sets (
            namespace_id TEXT COLLATE "C" NOT NULL,
            task_queue TEXT COLLATE "C" NOT NULL,
            record BYTEA NOT NULL,
            PRIMARY KEY (namespace_id, task_queue)
        )
        """,
    ]

    /// CONTAINS compiles to `LIKE '%…%'` when these exist (trigram GIN indexes serve it), and to a
    /// `strpos` scan otherwise: see docs/postgres-store.md. The columns are those CONTAINS is most
    /// used on: workflow id and type, and custom Keyword/Text/KeywordList values.
    private static let v1Trigram: [String] = [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE INDEX executions_visibility_workflow_id_trgm ON executions_visibility USING gin (workflow_id gin_trgm_ops)",
        "CREATE INDEX executions_visibility_workflow_type_trgm ON executions_visibility USING gin (workflow_type gin_trgm_ops)",
        "CREATE INDEX visibility_search_attributes_text_trgm ON visibility_search_attributes USING gin (value_text gin_trgm_ops)",
    ]

    /// Present when the trigram indexes were created.
    static let trigramIndexName = "executions_visibility_workflow_id_trgm"
}
