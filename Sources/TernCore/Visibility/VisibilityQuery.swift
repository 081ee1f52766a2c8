import Foundation
import TernAPI

/// A visibility query as Temporal's list and count APIs take it
/// (`WorkflowType = 'Order' AND StartTime > '2026-01-01T00:00:00Z' ORDER BY StartTime DESC`),
/// parsed and type-checked against the namespace's search attributes, without I/O.
///
/// Beyond Temporal: `CONTAINS 'text'` (and `NOT CONTAINS`) finds a substring of a Keyword, Text
/// or KeywordList value; datetimes may be relative: `now()`, `now() - 1h`, `now() + 30m`
/// (units s, m, h, d).
public struct VisibilityQuery: Sendable, Equatable {
    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var type: IndexedValueType
        public var isSystem: Bool
    }

    public enum Value: Sendable, Equatable {
        case int(Int64)
        case double(Double)
        case bool(Bool)
        case string(String)
        /// Microseconds since 1970.
        case datetime(Int64)
    }

    public enum Comparison: String, Sendable, Equatable {
        case equal = "=", notEqual = "!=", greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<="
    }

    public indirect enum Filter: Sendable, Equatable {
        case and(Filter, Filter)
        case or(Filter, Filter)
        case not(Filter)
        case compare(Attribute, Comparison, Value)
        case `in`(Attribute, [Value], negated: Bool)
        case between(Attribute, Value, Value, negated: Bool)
        case startsWith(Attribute, String, negated: Bool)
        case contains(Attribute, String, negated: Bool)
        case isNull(Attribute, negated: Bool)
    }

    public struct OrderTerm: Sendable, Equatable {
        public var attribute: Attribute
        public var descending: Bool
    }

    public var filter: Filter?
    public var orderBy: [OrderTerm] = []
    public var groupBy: [String] = []

    public init(filter: Filter? = nil, orderBy: [OrderTerm] = [], groupBy: [String] = []) {
        self.filter = filter
        self.orderBy = orderBy
        self.groupBy = groupBy
    }

    /// `text` as a string literal of the query language (the parser reads it back as `text`), for
    /// queries the server writes itself.
    public static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// `systemAttributes` are the fields a query may name besides the custom ones: a workflow's
    /// by default; other listings (workers) pass their own.
    public static func parse(
        _ text: String, customAttributes: [String: IndexedValueType], now: Date,
        systemAttributes: [String: IndexedValueType] = SearchAttributeRules.system
    ) throws(TernError) -> VisibilityQuery {
        var parser = try Parser(text: text, system: systemAttributes, custom: customAttributes, now: now)
        return try parser.query()
    }
}

// MARK: - Lexer

private struct Token: Equatable {
    enum Kind: Equatable {
        case identifier(String)  // plain or backquoted
        case string(String)
        case number(String)
        case duration(TimeInterval)
        case symbol(String)  // ( ) , = != <> > >= < <= + -
        case end
    }

    var kind: Kind
    var column: Int
    /// How the token was written, for error messages.
    var text: String

    func isKeyword(_ word: String) -> Bool {
        if case .identifier(let name) = kind, text.first != "`" { return name.uppercased() == word }
        return false
    }
}

private func tokenize(_ source: String) throws(TernError) -> [Token] {
    let chars = Array(source)
    var tokens: [Token] = []
    var i = 0
    func fail(_ message: String, _ column: Int) -> TernError {
        .invalidArgument("invalid query: malformed query: \(message) at column \(column)")
    }
    while i < chars.count {
        let c = chars[i]
        let column = i + 1
        if c.isWhitespace { i += 1; continue }
        if c == "'" || c == "\"" {
            var value = ""
            var j = i + 1
            var closed = false
            while j < chars.count {
                if chars[j] == "\\", j + 1 < chars.count {
                    let e = chars[j + 1]
                    value.append(e == "n" ? "\n" : e == "t" ? "\t" : e)
                    j += 2
                    continue
                }
                if chars[j] == c {
                    // SQL style: a doubled quote inside a string is one quote ('O''Brien').
                    if j + 1 < chars.count, chars[j + 1] == c {
                        value.append(c)
                        j += 2
                        continue
                    }
                    closed = true
                    break
                }
                value.append(chars[j])
                j += 1
            }
            guard closed else { throw fail("unterminated string", column) }
            tokens.append(Token(kind: .string(value), column: column, text: String(chars[i...j])))
            i = j + 1
        } else if c == "`" {
            guard let end = chars[(i + 1)...].firstIndex(of: "`") else { throw fail("unterminated `name`", column) }
            let name = String(chars[(i + 1)..<end])
            tokens.append(Token(kind: .identifier(name), column: column, text: String(chars[i...end])))
            i = end + 1
        } else if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
            var j = i
            while j < chars.count, chars[j].isNumber || chars[j] == "." { j += 1 }
            var k = j
            while k < chars.count, chars[k].isLetter { k += 1 }
            let number = String(chars[i..<j])
            if k > j {
                // A number directly followed by a unit is a duration (relative datetimes).
                let unit = String(chars[j..<k]).lowercased()
                let scale: TimeInterval? = ["s": 1, "m": 60, "h": 3600, "d": 86_400][unit]
                guard let scale, let n = Double(number) else { throw fail("unknown duration \"\(number)\(unit)\"", column) }
                tokens.append(Token(kind: .duration(n * scale), column: column, text: String(chars[i..<k])))
                i = k
            } else {
                tokens.append(Token(kind: .number(number), column: column, text: number))
                i = j
            }
        } else if c.isLetter || c == "_" {
            var j = i
            while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "." { j += 1 }
            let word = String(chars[i..<j])
            tokens.append(Token(kind: .identifier(word), column: column, text: word))
            i = j
        } else {
            let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
            if ["!=", "<>", ">=", "<="].contains(two) {
                tokens.append(Token(kind: .symbol(two == "<>" ? "!=" : two), column: column, text: two))
                i += 2
            } else if "(),=<>+-".contains(c) {
                tokens.append(Token(kind: .symbol(String(c)), column: column, text: String(c)))
                i += 1
            } else {
                throw fail("unexpected character \"\(c)\"", column)
            }
        }
    }
    tokens.append(Token(kind: .end, column: chars.count + 1, text: "end of query"))
    return tokens
}

// MARK: - Parser

private struct Parser {
    var tokens: [Token]
    var position = 0
    let system: [String: IndexedValueType]
    let custom: [String: IndexedValueType]
    let now: Date

    init(text: String, system: [String: IndexedValueType], custom: [String: IndexedValueType], now: Date) throws(TernError) {
        tokens = try tokenize(text)
        self.system = system
        self.custom = custom
        self.now = now
    }

    var current: Token { tokens[position] }

    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    /// A query that is well formed but wrong (unknown attribute, wrong type, unsupported operator).
    func error(_ message: String, at token: Token? = nil) -> TernError {
        let t = token ?? current
        return .invalidArgument("invalid query: \(message) at column \(t.column)")
    }

    /// A query that does not parse.
    func malformed(_ message: String, at token: Token? = nil) -> TernError {
        let t = token ?? current
        return .invalidArgument("invalid query: malformed query: \(message) at column \(t.column)")
    }

    mutating func expectKeyword(_ word: String) throws(TernError) {
        guard current.isKeyword(word) else { throw malformed("expected \(word), found \"\(current.text)\"") }
        _ = advance()
    }

    mutating func expectSymbol(_ symbol: String) throws(TernError) {
        guard current.kind == .symbol(symbol) else { throw malformed("expected \"\(symbol)\", found \"\(current.text)\"") }
        _ = advance()
    }

    mutating func query() throws(TernError) -> VisibilityQuery {
        var result = VisibilityQuery()
        if current.kind != .end, !current.isKeyword("ORDER"), !current.isKeyword("GROUP") {
            result.filter = try orExpression()
        }
        if current.isKeyword("ORDER") {
            _ = advance()
            try expectKeyword("BY")
            repeat {
                if current.kind == .symbol(",") { _ = advance() }
                let attribute = try attributeReference()
                var descending = false
                if current.isKeyword("DESC") { descending = true; _ = advance() } else if current.isKeyword("ASC") { _ = advance() }
                result.orderBy.append(.init(attribute: attribute, descending: descending))
            } while current.kind == .symbol(",")
        } else if current.isKeyword("GROUP") {
            _ = advance()
            try expectKeyword("BY")
            let token = current
            let attribute = try attributeReference()
            guard attribute.name == "ExecutionStatus" else {
                throw error("'GROUP BY' clause is not supported for search attribute \(attribute.name)", at: token)
            }
            if current.kind == .symbol(",") { throw malformed("'GROUP BY' clause supports only a single field") }
            result.groupBy = [attribute.name]
        }
        guard current.kind == .end else { throw malformed("unexpected \"\(current.text)\"") }
        return result
    }

    mutating func orExpression() throws(TernError) -> VisibilityQuery.Filter {
        var left = try andExpression()
        while current.isKeyword("OR") {
            _ = advance()
            left = .or(left, try andExpression())
        }
        return left
    }

    mutating func andExpression() throws(TernError) -> VisibilityQuery.Filter {
        var left = try unary()
        while current.isKeyword("AND") {
            _ = advance()
            left = .and(left, try unary())
        }
        return left
    }

    mutating func unary() throws(TernError) -> VisibilityQuery.Filter {
        if current.isKeyword("NOT") {
            _ = advance()
            return .not(try unary())
        }
        if current.kind == .symbol("(") {
            _ = advance()
            let inner = try orExpression()
            try expectSymbol(")")
            return inner
        }
        return try predicate()
    }

    mutating func attributeReference() throws(TernError) -> VisibilityQuery.Attribute {
        let token = current
        guard case .identifier(let name) = token.kind, !isReserved(token) else {
            throw malformed("expected a search attribute name, found \"\(token.text)\"")
        }
        _ = advance()
        if let type = system[name] { return .init(name: name, type: type, isSystem: true) }
        if let type = custom[name] { return .init(name: name, type: type, isSystem: false) }
        throw error("unknown search attribute \"\(name)\"", at: token)
    }

    func isReserved(_ token: Token) -> Bool {
        ["AND", "OR", "NOT", "IN", "BETWEEN", "IS", "NULL", "ORDER", "GROUP", "BY", "STARTS_WITH", "CONTAINS"]
            .contains { token.isKeyword($0) }
    }

    mutating func predicate() throws(TernError) -> VisibilityQuery.Filter {
        let attribute = try attributeReference()
        let opToken = current
        if case .symbol(let s) = opToken.kind, let op = VisibilityQuery.Comparison(rawValue: s) {
            _ = advance()
            return .compare(attribute, op, try value(for: attribute))
        }
        if opToken.isKeyword("IS") {
            _ = advance()
            var negated = false
            if current.isKeyword("NOT") { negated = true; _ = advance() }
            try expectKeyword("NULL")
            return .isNull(attribute, negated: negated)
        }
        var negated = false
        if current.isKeyword("NOT") { negated = true; _ = advance() }
        if current.isKeyword("IN") {
            _ = advance()
            try expectSymbol("(")
            var values = [try value(for: attribute)]
            while current.kind == .symbol(",") {
                _ = advance()
                values.append(try value(for: attribute))
            }
            try expectSymbol(")")
            return .in(attribute, values, negated: negated)
        }
        if current.isKeyword("BETWEEN") {
            _ = advance()
            let low = try value(for: attribute)
            try expectKeyword("AND")
            return .between(attribute, low, try value(for: attribute), negated: negated)
        }
        if current.isKeyword("STARTS_WITH") || current.isKeyword("CONTAINS") {
            let keyword = advance()
            guard [.keyword, .text, .keywordList].contains(attribute.type) else {
                throw error("operator '\(keyword.text.uppercased())' not supported for \(SearchAttributeRules.typeName(attribute.type)) type search attribute '\(attribute.name)'", at: keyword)
            }
            if keyword.isKeyword("STARTS_WITH"), attribute.type == .text {
                throw error("operator 'STARTS_WITH' not supported for Text type search attribute '\(attribute.name)'", at: keyword)
            }
            let token = current
            guard case .string(let text) = token.kind else { throw malformed("expected a string after \(keyword.text), found \"\(token.text)\"") }
            _ = advance()
            return keyword.isKeyword("CONTAINS")
                ? .contains(attribute, text, negated: negated) : .startsWith(attribute, text, negated: negated)
        }
        throw malformed("expected an operator after \(attribute.name), found \"\(opToken.text)\"", at: opToken)
    }

    /// A literal converted to the attribute's type.
    mutating func value(for attribute: VisibilityQuery.Attribute) throws(TernError) -> VisibilityQuery.Value {
        let token = current
        func mismatch() -> TernError {
            let isSyntax: Bool = switch token.kind {
            case .end: true
            case .symbol(let symbol): symbol != "-"
            default: false
            }
            if isSyntax { return malformed("expected a value, found \"\(token.text)\"", at: token) }
            return error("invalid value type for search attribute \(attribute.name) of type \(SearchAttributeRules.typeName(attribute.type)): \(token.text)", at: token)
        }
        if token.isKeyword("NOW") {
            guard attribute.type == .datetime else { throw mismatch() }
            return .datetime(micros(try relativeTime()))
        }
        _ = advance()
        var kind = token.kind
        if kind == .symbol("-"), case .number(let n) = current.kind {
            _ = advance()
            kind = .number("-" + n)
        }
        switch (attribute.type, kind) {
        case (_, .string(let s)) where attribute.name == "ExecutionStatus":
            guard let status = Self.statuses[s.lowercased()] else {
                throw error("invalid ExecutionStatus value '\(s)'", at: token)
            }
            return .int(Int64(status.rawValue))
        case (_, .number(let n)) where attribute.name == "ExecutionStatus":
            guard let raw = Int64(n) else { throw mismatch() }
            return .int(raw)
        case (.int, .string(let s)) where attribute.name == "ExecutionDuration":
            guard let seconds = Self.goDuration(s) else { throw mismatch() }
            return .int(Int64(seconds * 1_000_000))
        case (.int, .number(let n)) where attribute.name == "ExecutionDuration":
            guard let nanos = Double(n) else { throw mismatch() }
            return .int(Int64(nanos / 1000))  // Temporal takes nanoseconds; the store keeps microseconds
        case (.keyword, .string(let s)), (.text, .string(let s)), (.keywordList, .string(let s)):
            return .string(s)
        case (.int, .number(let n)):
            if let i = Int64(n) { return .int(i) }
            guard let d = Double(n), let i = Int64(exactly: d) else { throw mismatch() }
            return .int(i)
        case (.double, .number(let n)):
            guard let d = Double(n) else { throw mismatch() }
            return .double(d)
        case (.bool, .identifier) where token.isKeyword("TRUE") || token.isKeyword("FALSE"):
            return .bool(token.isKeyword("TRUE"))
        case (.datetime, .string(let s)):
            guard let date = SearchAttributeRules.parseDatetime(s) else {
                throw error("unable to parse datetime '\(s)'", at: token)
            }
            return .datetime(micros(date))
        case (.datetime, .number(let n)):
            guard let nanos = Double(n) else { throw mismatch() }
            return .datetime(Int64(nanos / 1000))
        default:
            throw mismatch()
        }
    }

    /// `now()` with an optional `+`/`-` duration.
    mutating func relativeTime() throws(TernError) -> Date {
        _ = advance()
        try expectSymbol("(")
        try expectSymbol(")")
        guard current.kind == .symbol("+") || current.kind == .symbol("-") else { return now }
        let sign: TimeInterval = advance().kind == .symbol("-") ? -1 : 1
        let token = advance()
        guard case .duration(let seconds) = token.kind else {
            throw error("expected a duration such as 1h after now() \(sign < 0 ? "-" : "+"), found \"\(token.text)\"", at: token)
        }
        return now.addingTimeInterval(sign * seconds)
    }

    func micros(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }

    static let statuses: [String: WorkflowStatus] = [
        "running": .running, "completed": .completed, "failed": .failed, "canceled": .canceled,
        "terminated": .terminated, "continuedasnew": .continuedAsNew, "timedout": .timedOut,
        "paused": .paused,
    ]

    /// Go durations ("1h30m", "500ms", "2s").
    static func goDuration(_ text: String) -> TimeInterval? {
        var total: TimeInterval = 0
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard let n = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let units: [(String, TimeInterval)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
            guard let (unit, scale) = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            total += n * scale
            rest = rest.dropFirst(unit.count)
        }
        return total
    }
}
