import Foundation

/// A value bound to a compiled statement, independent of the database driver: each store turns
/// these into its own arguments (GRDB `StatementArguments`, `PostgresBindings`).
public enum SQLValue: Sendable, Equatable {
    case int(Int64)
    case double(Double)
    case text(String)
    case null
}

/// The few places where SQLite and PostgreSQL spell the same visibility query differently.
/// Everything else the compiler emits is shared, so the two stores cannot drift apart.
struct SQLDialect: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case sqlite, postgres }

    var kind: Kind
    /// PostgreSQL only: CONTAINS compiles to `LIKE '%…%'`, which pg_trgm's GIN indexes serve,
    /// instead of a `strpos` scan.
    var containsUsesLike = false

    static let sqlite = SQLDialect(kind: .sqlite)
    static func postgres(trigramIndexes: Bool) -> SQLDialect {
        SQLDialect(kind: .postgres, containsUsesLike: trigramIndexes)
    }

    /// The placeholder of the `number`th bound value (1-based).
    func placeholder(_ number: Int) -> String {
        kind == .sqlite ? "?" : "$\(number)"
    }

    var alwaysTrue: String { kind == .sqlite ? "1" : "TRUE" }
    var alwaysFalse: String { kind == .sqlite ? "0" : "FALSE" }

    /// SQLite sorts NULL first ascending and last descending; PostgreSQL the other way round.
    /// PostgreSQL is told SQLite's order so that both list the same page.
    func nullsOrder(descending: Bool) -> String {
        kind == .sqlite ? "" : descending ? " NULLS LAST" : " NULLS FIRST"
    }

    /// Characters LIKE treats specially, escaped with PostgreSQL's default escape (backslash).
    static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

/// SQL text under construction with its bound values, in the order the placeholders appear.
struct SQLBuilder: Sendable {
    let dialect: SQLDialect
    private(set) var values: [SQLValue] = []

    init(dialect: SQLDialect) {
        self.dialect = dialect
    }

    /// Binds `value` and returns its placeholder. Call in the order the placeholders are written:
    /// SQLite's `?` are positional.
    mutating func bind(_ value: SQLValue) -> String {
        values.append(value)
        return dialect.placeholder(values.count)
    }
}
