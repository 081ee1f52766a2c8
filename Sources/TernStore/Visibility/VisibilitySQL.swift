import Foundation
import TernCore

/// Compiles a `VisibilityQuery` to SQL over `executions_visibility v`, for SQLite or PostgreSQL
/// (`SQLDialect`), with every value and attribute name a bound value. System attributes are
/// columns; custom ones (and list-valued system ones) are rows of `visibility_search_attributes`,
/// matched with EXISTS.
///
/// Semantics follow Temporal's SQL visibility: a comparison on a Keyword, number or datetime
/// attribute never matches a workflow that lacks it (`!=` and `NOT IN` included); on Text and
/// KeywordList, `!=` and `NOT IN` mean "no value matches", which a missing attribute satisfies.
/// Text `=` matches when every word of the value appears as a word of the text.
enum VisibilitySQL {
    /// Running workflows first (newest start first), then closed ones, newest close first.
    static let closeKey = "COALESCE(v.close_time, 9223372036854775807)"
    static let defaultOrder = "\(closeKey) DESC, v.start_time DESC, v.run_id DESC"

    static let columns: [String: String] = [
        "WorkflowId": "v.workflow_id", "RunId": "v.run_id", "WorkflowType": "v.workflow_type",
        "TaskQueue": "v.task_queue", "ExecutionStatus": "v.status", "StartTime": "v.start_time",
        "CloseTime": "v.close_time", "ExecutionTime": "v.execution_time",
        "ExecutionDuration": "(v.close_time - v.execution_time)", "HistoryLength": "v.history_length",
        "HistorySizeBytes": "v.history_size_bytes", "StateTransitionCount": "v.state_transition_count",
        "ParentWorkflowId": "v.parent_workflow_id", "ParentRunId": "v.parent_run_id",
        "RootWorkflowId": "v.root_workflow_id", "RootRunId": "v.root_run_id",
    ]

    /// The condition `filter` puts on a row of `v` (always true without one).
    static func whereClause(_ filter: VisibilityQuery.Filter?, _ builder: inout SQLBuilder) -> String {
        guard let filter else { return builder.dialect.alwaysTrue }
        return compile(filter, &builder)
    }

    /// The filter alone, with its values: for tests and callers that build no other SQL.
    static func whereClause(_ filter: VisibilityQuery.Filter?, dialect: SQLDialect) -> (sql: String, values: [SQLValue]) {
        var builder = SQLBuilder(dialect: dialect)
        let sql = whereClause(filter, &builder)
        return (sql, builder.values)
    }

    static func orderClause(_ terms: [VisibilityQuery.OrderTerm], _ builder: inout SQLBuilder) -> String {
        terms.map { term in
            let expression: String
            if let column = columns[term.attribute.name] {
                expression = column
            } else {
                let name = builder.bind(.text(term.attribute.name))
                expression = """
                    (SELECT s.\(valueColumn(term.attribute.type)) FROM visibility_search_attributes s \
                    WHERE s.namespace_id = v.namespace_id AND s.run_id = v.run_id AND s.name = \(name) LIMIT 1)
                    """
            }
            return "\(expression) \(term.descending ? "DESC" : "ASC")\(builder.dialect.nullsOrder(descending: term.descending))"
        }.joined(separator: ", ")
    }

    static func valueColumn(_ type: IndexedValueType) -> String {
        switch type {
        case .int, .bool, .datetime: "value_int"
        case .double: "value_double"
        default: "value_text"
        }
    }

    /// `value` as bound for a column of `type`: PostgreSQL is strictly typed, so an integer
    /// literal compared with a Double attribute is bound as a double.
    static func sqlValue(_ value: VisibilityQuery.Value, for type: IndexedValueType) -> SQLValue {
        switch value {
        case .int(let i): type == .double ? .double(Double(i)) : .int(i)
        case .double(let d): .double(d)
        case .bool(let b): .int(b ? 1 : 0)
        case .string(let s): .text(s)
        case .datetime(let micros): .int(micros)
        }
    }

    private static func compile(_ filter: VisibilityQuery.Filter, _ b: inout SQLBuilder) -> String {
        switch filter {
        case .and(let x, let y):
            let left = compile(x, &b)
            return "(\(left) AND \(compile(y, &b)))"
        case .or(let x, let y):
            let left = compile(x, &b)
            return "(\(left) OR \(compile(y, &b)))"
        case .not(let x):
            return "(NOT \(compile(x, &b)))"
        case .compare(let attribute, let op, let value):
            let type = attribute.type
            if type == .text, op == .equal || op == .notEqual, case .string(let text) = value {
                return predicate(attribute, negatedWhenMissing: op == .notEqual, &b) { column, b in
                    textMatch(column, text, &b)
                }
            }
            let listLike = type == .keywordList || type == .text
            if op == .notEqual, listLike {
                return predicate(attribute, negatedWhenMissing: true, &b) { column, b in
                    "\(column) = \(b.bind(sqlValue(value, for: type)))"
                }
            }
            return predicate(attribute, negatedWhenMissing: false, &b) { column, b in
                "\(column) \(op.rawValue) \(b.bind(sqlValue(value, for: type)))"
            }
        case .in(let attribute, let values, let negated):
            let listLike = attribute.type == .keywordList || attribute.type == .text
            return predicate(attribute, negatedWhenMissing: negated && listLike, &b) { column, b in
                let placeholders = values.map { b.bind(sqlValue($0, for: attribute.type)) }.joined(separator: ", ")
                return "\(column) \(negated && !listLike ? "NOT IN" : "IN") (\(placeholders))"
            }
        case .between(let attribute, let low, let high, let negated):
            return predicate(attribute, negatedWhenMissing: false, &b) { column, b in
                let from = b.bind(sqlValue(low, for: attribute.type))
                return "\(column) \(negated ? "NOT BETWEEN" : "BETWEEN") \(from) AND \(b.bind(sqlValue(high, for: attribute.type)))"
            }
        case .startsWith(let attribute, let prefix, let negated):
            return predicate(attribute, negatedWhenMissing: negated, &b) { column, b in
                switch b.dialect.kind {
                case .sqlite:
                    let length = b.bind(.text(prefix))
                    return "substr(\(column), 1, length(\(length))) = \(b.bind(.text(prefix)))"
                case .postgres:
                    // A prefix LIKE can use the btree indexes (the columns collate "C").
                    return "\(column) LIKE \(b.bind(.text(SQLDialect.likeEscaped(prefix) + "%")))"
                }
            }
        case .contains(let attribute, let text, let negated):
            return predicate(attribute, negatedWhenMissing: negated, &b) { column, b in
                switch b.dialect.kind {
                case .sqlite:
                    return "instr(\(column), \(b.bind(.text(text)))) > 0"
                case .postgres where b.dialect.containsUsesLike:
                    return "\(column) LIKE \(b.bind(.text("%" + SQLDialect.likeEscaped(text) + "%")))"
                case .postgres:
                    return "strpos(\(column), \(b.bind(.text(text)))) > 0"
                }
            }
        case .isNull(let attribute, let negated):
            if let column = columns[attribute.name] {
                return "\(column) IS \(negated ? "NOT " : "")NULL"
            }
            let name = b.bind(.text(attribute.name))
            return "(\(negated ? "" : "NOT ")EXISTS (SELECT 1 FROM visibility_search_attributes s WHERE s.namespace_id = v.namespace_id AND s.run_id = v.run_id AND s.name = \(name)))"
        }
    }

    /// `condition` on a system column, or on some value row of a custom attribute. With
    /// `negatedWhenMissing` the condition is negated as "no value satisfies the positive form".
    private static func predicate(
        _ attribute: VisibilityQuery.Attribute, negatedWhenMissing: Bool, _ b: inout SQLBuilder,
        _ condition: (String, inout SQLBuilder) -> String
    ) -> String {
        if let column = columns[attribute.name] {
            let sql = condition(column, &b)
            return negatedWhenMissing ? "(\(column) IS NULL OR NOT (\(sql)))" : "(\(sql))"
        }
        let name = b.bind(.text(attribute.name))
        let sql = condition("s.\(valueColumn(attribute.type))", &b)
        let exists = "EXISTS (SELECT 1 FROM visibility_search_attributes s WHERE s.namespace_id = v.namespace_id AND s.run_id = v.run_id AND s.name = \(name) AND \(sql))"
        return negatedWhenMissing ? "(NOT \(exists))" : "(\(exists))"
    }

    /// Every word of `text` appears as a word of the column (case-insensitive).
    private static func textMatch(_ column: String, _ text: String, _ b: inout SQLBuilder) -> String {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        guard !words.isEmpty else { return b.dialect.alwaysFalse }
        let find = b.dialect.kind == .sqlite ? "instr" : "strpos"
        return words.map { word in
            "\(find)(' ' || lower(\(column)) || ' ', \(b.bind(.text(" \(word) ")))) > 0"
        }.joined(separator: " AND ")
    }
}
