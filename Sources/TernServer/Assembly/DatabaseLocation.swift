import Foundation

/// Where `tern server start` keeps its data: the `db` setting, a SQLite file path or a PostgreSQL URL.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)
    /// `postgres://` or `postgresql://`, with the credentials; shown only through `displayName`.
    case postgres(url: String)

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// A value with a scheme (`x://`) must be a PostgreSQL URL; anything else is a SQLite file path.
    public init(parsing text: String) throws(ParseError) {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw ParseError(reason: "an empty value") }
        guard let schemeEnd = value.range(of: "://") else {
            self = .sqlite(path: value)
            return
        }
        let scheme = value[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw ParseError(reason: "a URL of scheme \"\(scheme)\" (only postgres:// and postgresql:// URLs are databases; a SQLite file is given by its path)")
        }
        guard let url = URLComponents(string: value), let host = url.host, !host.isEmpty else {
            throw ParseError(reason: "\"\(Self.redacted(value))\", a PostgreSQL URL without a host")
        }
        self = .postgres(url: value)
    }

    /// For logs and messages: the path, or the URL with its password masked.
    public var displayName: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): Self.redacted(url)
        }
    }

    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}

/// How the store uses its database connections (PostgreSQL; a SQLite file needs none of them).
public struct DatabaseOptions: Sendable, Equatable {
    public var poolSize = 20
    /// How long start-up waits for the database to answer before it gives up.
    public var connectTimeout: Duration = .seconds(10)
    /// The longest a single statement may run; nil: no limit.
    public var statementTimeout: Duration? = .seconds(30)

    public init() {}
}
