import Foundation
import Logging
import PostgresNIO
import Testing
import TernCore
@testable import TernStore

/// PostgreSQL's own concerns: the URL, migrations, failures and unknown commit outcomes.
@Suite("PostgresStore")
struct PostgresStoreTests {
    static let logger = PostgresTestCluster.logger

    @Test func urlsAreParsedAndBadOnesNamed() throws {
        let url = try PostgresURL("postgresql://tern:s3cret@db.example:6543/orders?sslmode=require")
        #expect(url.user == "tern" && url.password == "s3cret" && url.host == "db.example" && url.port == 6543)
        #expect(url.database == "orders" && url.sslMode == .require)
        #expect(url.endpoint == "db.example:6543/orders")
        #expect(try PostgresURL("postgres://u@h/d").port == 5432)
        #expect(try PostgresURL("postgres://u@h/d").sslMode == .prefer)
        let failures: [(String, String)] = [
            ("mysql://u@h/d", "postgres://"), ("postgres://u@/d", "no host"), ("postgres://h/d", "no user"),
            ("postgres://u@h", "no database"), ("postgres://u@h/d?sslmode=maybe", "sslmode"),
            ("postgres://u@h/d?pool=3", "unknown URL parameter 'pool'"), ("postgres://u:pw@h:99999/d", "port"),
        ]
        for (text, fragment) in failures {
            do {
                _ = try PostgresStore(url: text, logger: Self.logger)
                Issue.record("\(text) was accepted")
            } catch let error as PostgresStore.ConfigurationError {
                #expect(error.description.contains(fragment), "\(text): \(error)")
                #expect(!error.description.contains("pw"), "\(error)")
            }
        }
        let store = try PostgresStore(url: "postgres://tern:s3cret@127.0.0.1:1/x?sslmode=disable", logger: Self.logger)
        #expect(store.endpoint == "127.0.0.1:1/x")
    }

    /// Nothing listens on the port: ping and store calls fail fast, naming host:port.
    @Test func unreachableDatabaseIsUnavailableNamingHostAndPort() async throws {
        var options = PostgresStore.Options()
        options.connectTimeout = .seconds(1)
        let clock = ContinuousClock()
        let started = clock.now
        try await PostgresStore.withStore(url: "postgres://tern:tern@127.0.0.1:1/tern?sslmode=disable", options: options, logger: Self.logger) { store throws in
            do {
                try await store.ping()
                Issue.record("ping succeeded")
            } catch StoreError.unavailable(let message) {
                #expect(message.contains("127.0.0.1:1"), "\(message)")
                #expect(message.contains("refused"), "\(message)")
            }
            do {
                _ = try await store.namespace(named: "x")
                Issue.record("query succeeded")
            } catch StoreError.unavailable(let message) {
                #expect(message.contains("127.0.0.1:1"), "\(message)")
            }
        }
        #expect(clock.now - started < .seconds(10))
    }

    @Test func resolverLoopRetriesThenAnswers() async {
        var answers: [Result<String?, any Error>] = [.failure(StoreError.unavailable("down")), .success("in progress"), .success("committed")]
        let committed = await PostgresAccess.resolveOutcome(patience: .seconds(5)) {
            try answers.removeFirst().get()
        }
        #expect(committed == .committed)
        let unknown = await PostgresAccess.resolveOutcome(patience: .milliseconds(300)) {
            throw StoreError.unavailable("connection refused")
        }
        #expect(unknown == .unknown("connection refused"))
    }
}

/// Against the cluster of TERN_TEST_POSTGRES_URL.
@Suite("PostgresStore: cluster", .enabled(if: PostgresTestCluster.url != nil, PostgresTestCluster.disabledReason))
struct PostgresClusterTests {
    static let logger = PostgresTestCluster.logger

    @Test func migratesAnEmptyDatabaseAndRefusesANewerOne() async throws {
        try await PostgresTestCluster.withDatabase { url in
            try await PostgresStore.withStore(url: url, logger: Self.logger) { store throws in
                #expect(try await store.databaseSchemaVersion() == nil)
                await #expect(throws: SchemaError.notMigrated(database: 0, binary: PostgresStore.schemaVersion)) {
                    try await store.checkSchema()
                }
                let first = try await store.migrate()
                #expect(first.from == nil && first.to == PostgresStore.schemaVersion)
                #expect(try await store.databaseSchemaVersion() == PostgresStore.schemaVersion)
                try await store.checkSchema()
                let again = try await store.migrate()
                #expect(again.from == PostgresStore.schemaVersion && again.to == PostgresStore.schemaVersion)
                // The trigram indexes exist on this cluster (pg_trgm is installed).
                #expect(try await store.dialect() == .postgres(trigramIndexes: true))
                // A newer binary migrated it: refused.
                let newer = PostgresStore.schemaVersion + 1
                try await store.execute("INSERT INTO tern_schema_version (version, name) VALUES ($1, 'from the future')", [.int(Int64(newer))])
                await #expect(throws: SchemaError.tooNew(database: newer, binary: PostgresStore.schemaVersion)) {
                    try await store.migrate()
                }
                await #expect(throws: SchemaError.tooNew(database: newer, binary: PostgresStore.schemaVersion)) {
                    try await store.checkSchema()
                }
            }
        }
    }

    /// Nodes starting together migrate once (the advisory lock serializes them).
    @Test func concurrentMigrationsApplyOnce() async throws {
        try await PostgresTestCluster.withDatabase { url in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        try await PostgresStore.withStore(url: url, logger: Self.logger) { store in _ = try await store.migrate() }
                    }
                }
                try await group.waitForAll()
            }
            try await PostgresStore.withStore(url: url, logger: Self.logger) { store throws in
                let rows = try await store.column("SELECT COUNT(*)::text FROM tern_schema_version")
                #expect(rows == ["\(PostgresStore.schemaVersion)"])
            }
        }
    }

    @Test func loginFailuresAndMissingDatabasesAreNamed() async throws {
        let wrongPassword = try PostgresTestCluster.url(database: "postgres")
            .replacingOccurrences(of: "://tern:tern@", with: "://tern:wrong@")
        try await PostgresStore.withStore(url: wrongPassword, logger: Self.logger) { store throws in
            do {
                try await store.ping()
                Issue.record("a wrong password was accepted (is the cluster trusting local logins?)")
            } catch StoreError.unavailable(let message) {
                #expect(message.contains("authentication failed for user tern"), "\(message)")
            }
        }
        try await PostgresStore.withStore(url: try PostgresTestCluster.url(database: "no_such_db"), logger: Self.logger) { store throws in
            do {
                try await store.ping()
                Issue.record("ping succeeded")
            } catch StoreError.unavailable(let message) {
                #expect(message.contains("no_such_db") && message.contains("does not exist"), "\(message)")
            }
        }
    }

    @Test func statementTimeoutIsUnavailable() async throws {
        var options = PostgresStore.Options()
        options.statementTimeout = .milliseconds(200)
        try await PostgresStore.withStore(url: try PostgresTestCluster.url(database: "postgres"), options: options, logger: Self.logger) { store throws in
            do {
                try await store.execute("SELECT pg_sleep(2)")
                Issue.record("the statement was not cancelled")
            } catch StoreError.unavailable(let message) {
                #expect(message.contains("statement_timeout"), "\(message)")
            }
        }
    }

    /// The resolver asked about transactions whose outcome is known.
    @Test func commitOutcomeOfCommittedAndAbortedTransactions() async throws {
        try await PostgresStore.withStore(url: try PostgresTestCluster.url(database: "postgres"), logger: Self.logger) { store throws in
            let access = store.access
            let committed = try await access.writeTransaction { connection in
                try await access.query("SELECT txid_current()", on: connection).first?.decode(Int64.self) ?? 0
            }
            #expect(await access.commitOutcome(xid: committed) == .committed)
            let aborted = try await access.withConnection { connection in
                try await connection.query("BEGIN", logger: Self.logger)
                let xid = try await access.query("SELECT txid_current()", on: connection).first?.decode(Int64.self) ?? 0
                try await connection.query("ROLLBACK", logger: Self.logger)
                return xid
            }
            #expect(await access.commitOutcome(xid: aborted) == .aborted)
        }
    }

    /// The backend dies before COMMIT reaches it: COMMIT fails, the resolver finds the transaction
    /// aborted, and the caller is told the database is unavailable, never that it succeeded.
    @Test func aBackendKilledBeforeCommitIsNeverReportedAsCommitted() async throws {
        try await PostgresTestCluster.withDatabase { url in
            try await PostgresStore.withStore(url: url, logger: Self.logger) { store throws in
                try await store.migrate()
                let access = store.access
                do {
                    try await access.writeTransaction { connection in
                        _ = try await access.query("INSERT INTO worker_deployments VALUES ('ns', 'lost', '')", on: connection)
                        let pid = try await access.query("SELECT pg_backend_pid()", on: connection).first?.decode(Int32.self) ?? 0
                        _ = try await access.query("SELECT pg_terminate_backend($1::int)", try PostgresStore.binds(Int64(pid)))
                        try await Task.sleep(for: .milliseconds(200))
                    }
                    Issue.record("the write was reported committed")
                } catch StoreError.unavailable(let message) {
                    #expect(message.contains("rolled back"), "\(message)")
                }
                #expect(try await store.workerDeployments(namespaceID: "ns").isEmpty)
            }
        }
    }

    /// Every compiler case of VisibilitySQLTests, on PostgreSQL rows, with CONTAINS both as LIKE
    /// (trigram indexes) and as strpos.
    @Test func visibilityCompilerCasesSelectTheSameRunsOnPostgres() async throws {
        try await PostgresTestCluster.withDatabase { url in
            try await PostgresStore.withStore(url: url, logger: Self.logger) { store throws in
                try await store.migrate()
                try await VisibilitySQLTests.seed(store)
                let cases = VisibilitySQLTests.systemCases + VisibilitySQLTests.customCases + VisibilitySQLTests.combinationCases
                for trigram in [true, false] {
                    for (text, expected) in cases {
                        let query = try VisibilityQuery.parse(text, customAttributes: VisibilitySQLTests.custom, now: VisibilitySQLTests.now)
                        let statement = VisibilitySQLTests.selectStatement(query, dialect: .postgres(trigramIndexes: trigram))
                        let found = try await store.column(statement.sql, statement.values)
                        #expect(Set(found.compactMap { $0 }) == Set(expected), "\(text) (trigram: \(trigram))")
                    }
                }
                func ordered(_ text: String) async throws -> [String] {
                    let query = try VisibilityQuery.parse(text, customAttributes: VisibilitySQLTests.custom, now: VisibilitySQLTests.now)
                    let statement = VisibilitySQLTests.selectStatement(query, dialect: .postgres(trigramIndexes: true))
                    return try await store.column(statement.sql, statement.values).compactMap { $0 }
                }
                #expect(try await ordered("ORDER BY WorkflowType ASC, HistoryLength DESC") == ["r3", "r4", "r2", "r1", "r5"])
                #expect(try await ordered("ORDER BY Customer") == ["r4", "r5", "r1", "r3", "r2"])
                #expect(try await ordered("ORDER BY `DueAt` DESC") == ["r1", "r3", "r2", "r4", "r5"])
                #expect(try await ordered("CloseTime IS NOT NULL ORDER BY ExecutionDuration") == ["r3", "r2"])
            }
        }
    }
}
