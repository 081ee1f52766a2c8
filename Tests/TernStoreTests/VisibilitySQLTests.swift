import Foundation
import GRDB
import Testing
import TernCore
@testable import TernStore

/// The query compiler alone, over hand-made rows in an in-memory database: each operator on each
/// kind of attribute selects exactly the runs it should, and no value reaches the SQL text.
@Suite("VisibilitySQL")
struct VisibilitySQLTests {
    /// 2027-01-15T08:00:00Z.
    static let base: Int64 = 1_800_000_000 * 1_000_000
    static let now = Date(timeIntervalSince1970: 1_800_007_200)  // base + 2h
    static let custom: [String: IndexedValueType] = [
        "Customer": .keyword, "Notes": .text, "Amount": .int, "Score": .double, "Vip": .bool,
        "DueAt": .datetime, "Tags": .keywordList,
    ]

    struct Run {
        var runID: String
        var workflowID: String
        var type = "Order"
        var status = WorkflowStatus.running
        var startSeconds: Int64
        var closeAfterSeconds: Int64?  // nil: still running
        var historyLength: Int64 = 0
        var parent: (workflowID: String, runID: String)?
        var attributes: [String: String] = [:]  // name -> JSON, as the SDKs send it
    }

    static let runs: [Run] = [
        Run(runID: "r1", workflowID: "order-1", startSeconds: 1, historyLength: 10, attributes: [
            "Customer": #""acme""#, "Notes": #""Quick brown fox""#, "Amount": "5", "Score": "1.5", "Vip": "true",
            "DueAt": #""2027-01-01T00:00:00Z""#, "Tags": #"["red","blue"]"#, "BuildIds": #"["b1"]"#,
        ]),
        Run(runID: "r2", workflowID: "order-2", status: .completed, startSeconds: 2, closeAfterSeconds: 3600,
            historyLength: 20, parent: ("order-1", "r1"), attributes: [
                "Customer": #""globex""#, "Notes": #""lazy dog""#, "Amount": "20", "Score": "-0.5", "Vip": "false",
                "Tags": #"["green"]"#,
            ]),
        Run(runID: "r3", workflowID: "invoice-3", type: "Invoice", status: .failed, startSeconds: 3, closeAfterSeconds: 60,
            historyLength: 30, attributes: [
                "Customer": #""acme-west""#, "Amount": "12", "DueAt": #""2026-06-01T12:00:00.5Z""#, "Tags": #"["red"]"#,
            ]),
        Run(runID: "r4", workflowID: "invoice-4", type: "Invoice", startSeconds: 4),
        // Its id is what an injected `WorkflowId = 'x'` would match; its Customer holds LIKE wildcards.
        Run(runID: "r5", workflowID: "x", type: "Other", startSeconds: 5, attributes: ["Customer": #""50%_off""#]),
    ]

    let db: DatabaseQueue

    init() throws {
        db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: """
                CREATE TABLE executions_visibility (
                    namespace_id TEXT NOT NULL, run_id TEXT NOT NULL, workflow_id TEXT NOT NULL,
                    workflow_type TEXT NOT NULL, task_queue TEXT NOT NULL, status INTEGER NOT NULL,
                    start_time INTEGER NOT NULL, execution_time INTEGER NOT NULL, close_time INTEGER,
                    history_length INTEGER NOT NULL DEFAULT 0, history_size_bytes INTEGER NOT NULL DEFAULT 0,
                    state_transition_count INTEGER NOT NULL DEFAULT 0,
                    parent_workflow_id TEXT, parent_run_id TEXT, root_workflow_id TEXT, root_run_id TEXT,
                    PRIMARY KEY (namespace_id, run_id)
                );
                CREATE TABLE visibility_search_attributes (
                    namespace_id TEXT NOT NULL, run_id TEXT NOT NULL, name TEXT NOT NULL,
                    value_int INTEGER, value_double REAL, value_text TEXT
                );
                """)
            for run in Self.runs {
                let start = Self.base + run.startSeconds * 1_000_000
                let close = run.closeAfterSeconds.map { start + $0 * 1_000_000 }
                try db.execute(
                    sql: """
                        INSERT INTO executions_visibility (namespace_id, run_id, workflow_id, workflow_type, task_queue,
                            status, start_time, execution_time, close_time, history_length, history_size_bytes,
                            state_transition_count, parent_workflow_id, parent_run_id, root_workflow_id, root_run_id)
                        VALUES ('ns', ?, ?, ?, 'q', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [run.runID, run.workflowID, run.type, run.status.rawValue, start, start, close,
                                run.historyLength, run.historyLength * 100, run.historyLength / 2,
                                run.parent?.workflowID, run.parent?.runID, run.parent?.workflowID, run.parent?.runID])
                // Indexed exactly as the store indexes what a workflow sets.
                for (name, json) in run.attributes.sorted(by: { $0.key < $1.key }) {
                    let type = Self.custom[name] ?? SearchAttributeRules.system[name] ?? .unspecified
                    let values = SearchAttributeRules.indexedValues(
                        name: name, payload: SearchAttributeRules.payload(json: json, type: type), type: type) ?? []
                    #expect(!values.isEmpty, "seed \(name)=\(json)")
                    for value in values {
                        try db.execute(
                            sql: "INSERT INTO visibility_search_attributes VALUES ('ns', ?, ?, ?, ?, ?)",
                            arguments: [run.runID, value.name, value.int, value.double, value.text])
                    }
                }
            }
            // Another namespace, with a run and an attribute row on a run id this namespace also has:
            // neither may leak into queries on "ns".
            try db.execute(sql: """
                INSERT INTO executions_visibility (namespace_id, run_id, workflow_id, workflow_type, task_queue, status,
                    start_time, execution_time) VALUES ('other', 'r9', 'order-9', 'Order', 'q', 1, 0, 0);
                INSERT INTO visibility_search_attributes (namespace_id, run_id, name, value_text)
                    VALUES ('other', 'r4', 'Customer', 'zzz');
                """)
        }
    }

    func select(_ query: VisibilityQuery, order: String? = nil) throws -> [String] {
        let statement = Self.selectStatement(query, order: order, dialect: .sqlite)
        let bound = SQLiteStore.arguments(statement.values)
        return try db.read { db in try String.fetchAll(db, sql: statement.sql, arguments: bound) }
    }

    /// The run ids `query` selects in namespace "ns", in `order` (by default its ORDER BY, then run id).
    static func selectStatement(_ query: VisibilityQuery, order: String? = nil, dialect: SQLDialect) -> VisibilityStatements.Statement {
        var b = SQLBuilder(dialect: dialect)
        var sql = "SELECT v.run_id FROM executions_visibility v WHERE v.namespace_id = \(b.bind(.text("ns")))"
        sql += " AND (\(VisibilitySQL.whereClause(query.filter, &b)))"
        let orderSQL = order ?? (query.orderBy.isEmpty ? "v.run_id" : VisibilitySQL.orderClause(query.orderBy, &b) + ", v.run_id")
        return .init(sql: sql + " ORDER BY \(orderSQL)", values: b.values)
    }

    func runIDs(_ text: String) throws -> Set<String> {
        Set(try select(VisibilityQuery.parse(text, customAttributes: Self.custom, now: Self.now)))
    }

    static let all = ["r1", "r2", "r3", "r4", "r5"]

    static let systemCases: [(String, [String])] = [
        ("", VisibilitySQLTests.all),
        ("WorkflowId = 'order-1'", ["r1"]),
        ("WorkflowId != 'order-1'", ["r2", "r3", "r4", "r5"]),
        ("RunId = 'r3'", ["r3"]),
        ("TaskQueue = 'q'", VisibilitySQLTests.all),
        ("WorkflowType IN ('Invoice', 'Other')", ["r3", "r4", "r5"]),
        ("WorkflowId NOT IN ('order-1', 'x')", ["r2", "r3", "r4"]),
        ("WorkflowId STARTS_WITH 'order'", ["r1", "r2"]),
        ("WorkflowId NOT STARTS_WITH 'order'", ["r3", "r4", "r5"]),
        ("WorkflowId STARTS_WITH 'Order'", []),
        ("WorkflowId CONTAINS 'voice'", ["r3", "r4"]),
        ("WorkflowId NOT CONTAINS 'voice'", ["r1", "r2", "r5"]),
        ("WorkflowId > 'order-1'", ["r2", "r5"]),
        ("WorkflowId BETWEEN 'invoice-4' AND 'order-1'", ["r1", "r4"]),
        ("ExecutionStatus = 'Running'", ["r1", "r4", "r5"]),
        ("ExecutionStatus = 'completed'", ["r2"]),
        ("ExecutionStatus = 3", ["r3"]),
        ("ExecutionStatus IN ('Completed', 'Failed')", ["r2", "r3"]),
        ("ExecutionStatus != 'Running'", ["r2", "r3"]),
        ("StartTime > '2027-01-15T08:00:03Z'", ["r4", "r5"]),
        ("StartTime >= '2027-01-15T08:00:03Z'", ["r3", "r4", "r5"]),
        ("StartTime < '2027-01-15T09:00:02+01:00'", ["r1"]),
        ("StartTime BETWEEN '2027-01-15T08:00:02Z' AND '2027-01-15T08:00:04.000Z'", ["r2", "r3", "r4"]),
        ("StartTime NOT BETWEEN '2027-01-15T08:00:02Z' AND '2027-01-15T08:00:04Z'", ["r1", "r5"]),
        ("StartTime <= '2027-01-15T08:00:01.000001Z'", ["r1"]),
        ("ExecutionTime = '2027-01-15T08:00:05Z'", ["r5"]),
        ("CloseTime IS NULL", ["r1", "r4", "r5"]),
        ("CloseTime IS NOT NULL", ["r2", "r3"]),
        ("CloseTime > now() - 1h", ["r2"]),
        ("CloseTime < now() - 1h", ["r3"]),
        ("CloseTime <= now()", ["r2", "r3"]),
        ("StartTime < now() + 30m", VisibilitySQLTests.all),
        ("StartTime > now() - 7199s", ["r2", "r3", "r4", "r5"]),
        ("CloseTime != '2027-01-15T08:01:03Z'", ["r2"]),
        ("ExecutionDuration > '30m'", ["r2"]),
        ("ExecutionDuration < '1h'", ["r3"]),
        ("ExecutionDuration = '1h0m0s'", ["r2"]),
        ("ExecutionDuration = 60000000000", ["r3"]),
        ("ExecutionDuration IS NULL", ["r1", "r4", "r5"]),
        ("HistoryLength >= 20", ["r2", "r3"]),
        ("HistorySizeBytes = 1000", ["r1"]),
        ("StateTransitionCount < 10", ["r1", "r4", "r5"]),
        ("ParentWorkflowId = 'order-1'", ["r2"]),
        ("ParentRunId = 'r1'", ["r2"]),
        ("RootWorkflowId = 'order-1' AND RootRunId = 'r1'", ["r2"]),
        ("ParentWorkflowId IS NULL", ["r1", "r3", "r4", "r5"]),
        ("ParentWorkflowId IS NOT NULL", ["r2"]),
        ("BuildIds = 'b1'", ["r1"]),
        ("BuildIds IS NULL", ["r2", "r3", "r4", "r5"]),
    ]

    static let customCases: [(String, [String])] = [
        // Keyword: a comparison never matches a run without the attribute (Temporal's SQL semantics).
        ("Customer = 'acme'", ["r1"]),
        ("Customer = 'ACME'", []),
        ("Customer != 'acme'", ["r2", "r3", "r5"]),
        ("Customer IN ('acme', 'globex')", ["r1", "r2"]),
        ("Customer NOT IN ('acme')", ["r2", "r3", "r5"]),
        ("Customer > 'b'", ["r2"]),
        ("Customer STARTS_WITH 'acme'", ["r1", "r3"]),
        ("Customer STARTS_WITH '50%'", ["r5"]),
        ("Customer STARTS_WITH '5_'", []),
        ("Customer STARTS_WITH '%'", []),
        ("Customer CONTAINS 'cme-w'", ["r3"]),
        ("Customer CONTAINS '%_'", ["r5"]),
        ("Customer CONTAINS '_x'", []),
        ("Customer IS NULL", ["r4"]),
        ("Customer IS NOT NULL", ["r1", "r2", "r3", "r5"]),
        ("Customer = 'zzz'", []),
        // Text: `=` matches whole words in any order, case-insensitively; `!=` means "does not match".
        ("Notes = 'fox quick'", ["r1"]),
        ("Notes = 'FOX'", ["r1"]),
        ("Notes = 'dog'", ["r2"]),
        ("Notes = 'do'", []),
        ("Notes != 'dog'", ["r1", "r3", "r4", "r5"]),
        ("Notes CONTAINS 'row'", ["r1"]),
        ("Notes NOT CONTAINS 'row'", ["r2", "r3", "r4", "r5"]),
        ("Notes IS NOT NULL", ["r1", "r2"]),
        // Int
        ("Amount = 5", ["r1"]),
        ("Amount != 5", ["r2", "r3"]),
        ("Amount > 5", ["r2", "r3"]),
        ("Amount >= 12", ["r2", "r3"]),
        ("Amount < 12", ["r1"]),
        ("Amount <= 12", ["r1", "r3"]),
        ("Amount > -1", ["r1", "r2", "r3"]),
        ("Amount IN (5, 20)", ["r1", "r2"]),
        ("Amount NOT IN (5)", ["r2", "r3"]),
        ("Amount BETWEEN 5 AND 12", ["r1", "r3"]),
        ("Amount NOT BETWEEN 5 AND 12", ["r2"]),
        ("Amount IS NULL", ["r4", "r5"]),
        // Double (int literals compare as numbers)
        ("Score = 1.5", ["r1"]),
        ("Score > 1", ["r1"]),
        ("Score < 0", ["r2"]),
        ("Score >= -0.5", ["r1", "r2"]),
        ("Score BETWEEN -1 AND 1", ["r2"]),
        // Bool
        ("Vip = true", ["r1"]),
        ("Vip = FALSE", ["r2"]),
        ("Vip != true", ["r2"]),
        ("Vip IS NULL", ["r3", "r4", "r5"]),
        // Datetime
        ("DueAt = '2027-01-01T00:00:00Z'", ["r1"]),
        ("DueAt = '2027-01-01T01:00:00+01:00'", ["r1"]),
        ("DueAt = '2026-06-01T12:00:00.5Z'", ["r3"]),
        ("DueAt = '2026-06-01T12:00:00Z'", []),
        ("DueAt < '2027-01-01T00:00:00Z'", ["r3"]),
        ("DueAt > now() - 30d", ["r1"]),
        ("DueAt < now() - 30d", ["r3"]),
        ("DueAt BETWEEN '2026-01-01T00:00:00Z' AND now()", ["r1", "r3"]),
        // KeywordList: a run matches when any element does; `!=`/NOT IN when none does.
        ("Tags = 'red'", ["r1", "r3"]),
        ("Tags = 'blue'", ["r1"]),
        ("Tags != 'red'", ["r2", "r4", "r5"]),
        ("Tags IN ('green', 'blue')", ["r1", "r2"]),
        ("Tags NOT IN ('red')", ["r2", "r4", "r5"]),
        ("Tags STARTS_WITH 'gr'", ["r2"]),
        ("Tags CONTAINS 'lu'", ["r1"]),
        ("Tags NOT CONTAINS 'e'", ["r4", "r5"]),
        ("Tags IS NULL", ["r4", "r5"]),
        ("Tags = 'red' AND Tags = 'blue'", ["r1"]),
    ]

    static let combinationCases: [(String, [String])] = [
        ("(Customer = 'acme' OR Amount = 20) AND NOT Vip = true", ["r2"]),
        ("NOT (WorkflowType = 'Order' OR ExecutionStatus = 'Failed')", ["r4", "r5"]),
        ("NOT WorkflowType = 'Order' AND NOT WorkflowType = 'Other'", ["r3", "r4"]),
        ("WorkflowType = 'Invoice' OR Tags = 'green' AND Amount > 100", ["r3", "r4"]),
        ("(WorkflowType = 'Invoice' OR Tags = 'green') AND Amount > 10", ["r2", "r3"]),
        ("NOT NOT Customer = 'acme'", ["r1"]),
        ("NOT Customer = 'acme'", ["r2", "r3", "r4", "r5"]),
        ("NOT Tags = 'red' AND ExecutionStatus = 'Running'", ["r4", "r5"]),
        ("Customer STARTS_WITH 'acme' AND NOT `DueAt` IS NULL AND CloseTime IS NULL", ["r1"]),
        ("ExecutionStatus = 'Running' or ExecutionStatus = 'Failed' and Amount = 5", ["r1", "r4", "r5"]),
        ("WorkflowId = 'order-1' ORDER BY StartTime DESC", ["r1"]),
    ]

    @Test(arguments: VisibilitySQLTests.systemCases)
    func systemAttributes(query: String, expected: [String]) throws {
        #expect(try runIDs(query) == Set(expected), "\(query)")
    }

    @Test(arguments: VisibilitySQLTests.customCases)
    func customAttributes(query: String, expected: [String]) throws {
        #expect(try runIDs(query) == Set(expected), "\(query)")
    }

    @Test(arguments: VisibilitySQLTests.combinationCases)
    func combinations(query: String, expected: [String]) throws {
        #expect(try runIDs(query) == Set(expected), "\(query)")
    }

    @Test(arguments: [
        #"WorkflowId = 'x\' OR 1=1 --'"#,
        #"WorkflowId = "x\" OR 1=1 --""#,
        #"WorkflowId = 'x\' OR \'1\'=\'1'"#,
        #"Customer = '\'; DROP TABLE executions_visibility; --'"#,
        #"WorkflowId IN ('x\') OR (1=1')"#,
        #"Customer STARTS_WITH '\' OR 1=1 --'"#,
    ])
    func injectionAttemptsMatchNothing(query: String) throws {
        #expect(try runIDs(query).isEmpty, "\(query)")
        #expect(try runIDs("").count == Self.all.count)  // the table is still there
    }

    @Test func sqlStyleDoubledQuoteIsOneQuoteNotInjected() throws {
        // As in Temporal, '' inside a string is a quote: the whole tail is one value, matching nothing.
        #expect(try runIDs("WorkflowId = 'x'' OR 1=1 --'").isEmpty)
    }

    @Test func valuesAndNamesAreBoundNeverInterpolated() throws {
        let query = try VisibilityQuery.parse(
            "WorkflowId = 'secret-1' OR Customer IN ('secret-2', 'secret-3') OR Notes = 'secret4' OR Tags STARTS_WITH 'secret-5' OR `DueAt` IS NULL",
            customAttributes: Self.custom, now: Self.now)
        let (sql, arguments) = VisibilitySQL.whereClause(query.filter, dialect: .sqlite)
        for fragment in ["secret", "Customer", "Tags", "DueAt"] {
            #expect(!sql.contains(fragment), "\(fragment) in \(sql)")
        }
        #expect(!arguments.isEmpty)
        // GRDB refuses a statement whose placeholders and arguments do not pair up.
        #expect(try Set(select(query)) == ["r2", "r4", "r5"])
        // A custom attribute whose very name is hostile (names are only length-checked when added),
        // used in a filter and in ORDER BY, is still inert.
        let hostile = "Bad' OR 1=1 --"
        var types = Self.custom
        types[hostile] = .keyword
        let tricky = try VisibilityQuery.parse(
            "`\(hostile)` = 'x\\' OR \\'1\\'=\\'1' OR `\(hostile)` CONTAINS ') OR 1=1 --' ORDER BY `\(hostile)` DESC",
            customAttributes: types, now: Self.now)
        #expect(try select(tricky).isEmpty)
    }

    @Test func noFilterMatchesEverything() {
        let (sql, arguments) = VisibilitySQL.whereClause(nil, dialect: .sqlite)
        #expect(sql == "1")
        #expect(arguments.isEmpty)
        #expect(VisibilitySQL.whereClause(nil, dialect: .postgres(trigramIndexes: true)).sql == "TRUE")
    }

    @Test func orderByColumnsAndAttributes() throws {
        func ordered(_ text: String) throws -> [String] {
            try select(VisibilityQuery.parse(text, customAttributes: Self.custom, now: Self.now))
        }
        #expect(try ordered("ORDER BY StartTime") == ["r1", "r2", "r3", "r4", "r5"])
        #expect(try ordered("ORDER BY StartTime DESC") == ["r5", "r4", "r3", "r2", "r1"])
        #expect(try ordered("ORDER BY WorkflowType ASC, HistoryLength DESC") == ["r3", "r4", "r2", "r1", "r5"])
        #expect(try ordered("CloseTime IS NOT NULL ORDER BY ExecutionDuration") == ["r3", "r2"])
        // Custom attributes order by their value; runs without one sort as NULL (first ascending).
        #expect(try ordered("Amount IS NOT NULL ORDER BY Amount DESC") == ["r2", "r3", "r1"])
        #expect(try ordered("ORDER BY Customer") == ["r4", "r5", "r1", "r3", "r2"])
        #expect(try ordered("ORDER BY `DueAt` DESC") == ["r1", "r3", "r2", "r4", "r5"])
    }

    @Test func defaultOrderListsRunningNewestFirstThenClosedNewestFirst() throws {
        #expect(try select(VisibilityQuery(), order: VisibilitySQL.defaultOrder) == ["r5", "r4", "r1", "r2", "r3"])
    }
}

extension VisibilitySQLTests {
    /// The same rows as `init()` inserts into SQLite, in a migrated PostgreSQL database.
    static func seed(_ store: PostgresStore) async throws {
        for run in runs {
            let start = base + run.startSeconds * 1_000_000
            let close = run.closeAfterSeconds.map { start + $0 * 1_000_000 }
            let text: (String?) -> SQLValue = { $0.map(SQLValue.text) ?? .null }
            try await store.execute(
                """
                INSERT INTO executions_visibility (namespace_id, run_id, workflow_id, workflow_type, task_queue,
                    status, start_time, execution_time, close_time, history_length, history_size_bytes,
                    state_transition_count, parent_workflow_id, parent_run_id, root_workflow_id, root_run_id)
                VALUES ('ns', $1, $2, $3, 'q', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                """,
                [.text(run.runID), .text(run.workflowID), .text(run.type), .int(Int64(run.status.rawValue)), .int(start),
                 .int(start), close.map(SQLValue.int) ?? .null, .int(run.historyLength), .int(run.historyLength * 100),
                 .int(run.historyLength / 2), text(run.parent?.workflowID), text(run.parent?.runID),
                 text(run.parent?.workflowID), text(run.parent?.runID)])
            for (name, json) in run.attributes.sorted(by: { $0.key < $1.key }) {
                let type = custom[name] ?? SearchAttributeRules.system[name] ?? .unspecified
                let values = SearchAttributeRules.indexedValues(
                    name: name, payload: SearchAttributeRules.payload(json: json, type: type), type: type) ?? []
                for value in values {
                    try await store.execute(
                        "INSERT INTO visibility_search_attributes VALUES ('ns', $1, $2, $3, $4, $5)",
                        [.text(run.runID), .text(value.name), value.int.map(SQLValue.int) ?? .null,
                         value.double.map(SQLValue.double) ?? .null, text(value.text)])
                }
            }
        }
        try await store.execute("""
            INSERT INTO executions_visibility (namespace_id, run_id, workflow_id, workflow_type, task_queue, status,
                start_time, execution_time) VALUES ('other', 'r9', 'order-9', 'Order', 'q', 1, 0, 0)
            """)
        try await store.execute(
            "INSERT INTO visibility_search_attributes (namespace_id, run_id, name, value_text) VALUES ('other', 'r4', 'Customer', 'zzz')")
    }
}
