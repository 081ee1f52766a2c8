import Foundation
import GRDB
import TernCore

/// Compiles a `VisibilityQuery` to SQLite over `executions_visibility v`, with every value a
/// bound argument. System attributes are columns; custom ones (and list-valued system ones)
/// are rows of `visibility_search_attributes`, matched with EXISTS.
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

    static func whereClause(_ filter: VisibilityQuery.Filter?) -> (sql: String, arguments: StatementArguments) {
        guard let filter else { return ("1", []) }
        var arguments = StatementArguments()
        let sql = compile(filter, &arguments)
        return (sql, arguments)
    }

    static func orderClause(_ terms: [VisibilityQuery.OrderTerm]) -> String {
        terms.map { term in
            let expression = columns[term.attribute.name] ?? """
                (SELECT s.\(valueColumn(term.attribute.type)) FROM visibility_search_attributes s \
                WHERE s.namespace_id = v.namespace_id AND s.run_id = v.run_id AND s.name = \(quotedName(term.attribute.name)) LIMIT 1)
                """
            return "\(expression) \(term.descending ? "DESC" : "ASC")"
        }.joined(separator: ", ")
    }

    /// Attribute names in ORDER BY are checked against the namespace's attributes by the parser;
    /// quoting keeps them literal anyway.
    private static func quotedName(_ name: String) -> String {
        "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func valueColumn(_ type: IndexedValueType) -> String {
        switch type {
        case .int, .bool, .datetime: "value_int"
        case .double: "value_double"
        default: "value_text"
        }
    }

    static func bind(_ value: VisibilityQuery.Value, _ arguments: inout StatementArguments) {
        switch value {
        case .int(let i): arguments += [i]
        case .double(let d): arguments += [d]
        case .bool(let b): arguments += [b ? 1 : 0]
        case .string(let s): arguments += [s]
        case .datetime(let micros): arguments += [micros]
        }
    }

    private static func compile(_ filter: VisibilityQuery.Filter, _ arguments: inout StatementArguments) -> String {
        switch filter {
        case .and(let a, let b):
            return "(\(compile(a, &arguments)) AND \(compile(b, &arguments)))"
        case .or(let a, let b):
            return "(\(compile(a, &arguments)) OR \(compile(b, &arguments)))"
        case .not(let a):
            return "(NOT \(compile(a, &arguments)))"
        case .compare(let attribute, let op, let value):
            if attribute.type == .text, op == .equal || op == .notEqual, case .string(let text) = value {
                return predicate(attribute, negatedWhenMissing: op == .notEqual, &arguments) { column, args in
                    textMatch(column, text, &args)
                }
            }
            let listLike = attribute.type == .keywordList || attribute.type == .text
            if op == .notEqual, listLike {
                return predicate(attribute, negatedWhenMissing: true, &arguments) { column, args in
                    bind(value, &args)
                    return "\(column) = ?"
                }
            }
            return predicate(attribute, negatedWhenMissing: false, &arguments) { column, args in
                bind(value, &args)
                return "\(column) \(op.rawValue) ?"
            }
        case .in(let attribute, let values, let negated):
            let listLike = attribute.type == .keywordList || attribute.type == .text
            let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
            return predicate(attribute, negatedWhenMissing: negated && listLike, &arguments) { column, args in
                for value in values { bind(value, &args) }
                return "\(column) \(negated && !listLike ? "NOT IN" : "IN") (\(placeholders))"
            }
        case .between(let attribute, let low, let high, let negated):
            return predicate(attribute, negatedWhenMissing: false, &arguments) { column, args in
                bind(low, &args)
                bind(high, &args)
                return "\(column) \(negated ? "NOT BETWEEN" : "BETWEEN") ? AND ?"
            }
        case .startsWith(let attribute, let prefix, let negated):
            return predicate(attribute, negatedWhenMissing: negated, &arguments) { column, args in
                args += [prefix, prefix]
                return "substr(\(column), 1, length(?)) = ?"
            }
        case .contains(let attribute, let text, let negated):
            return predicate(attribute, negatedWhenMissing: negated, &arguments) { column, args in
                args += [text]
                return "instr(\(column), ?) > 0"
            }
        case .isNull(let attribute, let negated):
            if let column = columns[attribute.name] {
                return "\(column) IS \(negated ? "NOT " : "")NULL"
            }
            arguments += [attribute.name]
            return "(\(negated ? "" : "NOT ")EXISTS (SELECT 1 FROM visibility_search_attributes s WHERE s.namespace_id = v.namespace_id AND s.run_id = v.run_id AND s.name = ?))"
        }
    }

    /// `condition` on a system column, or on some value row of a custom attribute. With
    /// `negatedWhenMissing` the condition is negated as "no value satisfies the positive form".
    private static func predicate(
        _ attribute: VisibilityQuery.Attribute, negatedWhenMissing: Bool, _ arguments: inout StatementArguments,
        _ condition: (String, inout StatementArguments) -> String
    ) -> String {
        if let column = columns[attribute.name] {
            let sql = condition(column, &arguments)
            return negatedWhenMissing ? "(\(column) IS NULL OR NOT (\(sql)))" : "(\(sql))"
        }
        arguments += [attribute.name]
        let sql = condition("s.\(valueColumn(attribute.type))", &arguments)
        let exists = "EXISTS (SELECT 1 FROM visibility_search_attributes s WHERE s.namespace_id = v.namespace_id AND s.run_id = v.run_id AND s.name = ? AND \(sql))"
        return negatedWhenMissing ? "(NOT \(exists))" : "(\(exists))"
    }

    /// Every word of `text` appears as a word of the column (case-insensitive).
    private static func textMatch(_ column: String, _ text: String, _ arguments: inout StatementArguments) -> String {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        guard !words.isEmpty else { return "0" }
        return words.map { word in
            arguments += [" \(word) "]
            return "instr(' ' || lower(\(column)) || ' ', ?) > 0"
        }.joined(separator: " AND ")
    }
}
