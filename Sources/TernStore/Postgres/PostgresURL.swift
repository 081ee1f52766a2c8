import Foundation

/// A `postgres://user:password@host:port/database?sslmode=…` URL, parsed without connecting.
struct PostgresURL: Sendable, Equatable {
    enum SSLMode: String, Sendable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, without certificate checks (as libpq's `prefer`).
        case prefer
        /// TLS or fail, without certificate checks (as libpq's `require`).
        case require
        /// TLS with the certificate chain checked, not the host name.
        case verifyCA = "verify-ca"
        /// TLS with the certificate chain and host name checked.
        case verifyFull = "verify-full"
    }

    var user: String
    var password: String?
    var host: String
    var port: Int
    var database: String
    var sslMode: SSLMode

    /// Throws `PostgresStore.ConfigurationError` naming what is wrong.
    init(_ text: String) throws {
        typealias Failure = PostgresStore.ConfigurationError
        guard let components = URLComponents(string: text) else {
            throw Failure("'\(Self.redacted(text))' is not a URL; expected postgres://user:password@host:5432/database")
        }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw Failure("the URL must start with postgres:// or postgresql://, not '\(components.scheme ?? "")://'")
        }
        guard let host = components.host, !host.isEmpty else {
            throw Failure("the URL names no host; expected postgres://user:password@host:5432/database")
        }
        guard let user = components.user, !user.isEmpty else {
            throw Failure("the URL names no user; expected postgres://user:password@\(host)/database")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw Failure("the URL names no database (or more than one path segment); expected postgres://\(user)@\(host)/database")
        }
        var sslMode = SSLMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = SSLMode(rawValue: value) else {
                    throw Failure("sslmode must be disable, prefer, require, verify-ca or verify-full, not '\(item.value ?? "")'")
                }
                sslMode = mode
            default:
                throw Failure("unknown URL parameter '\(item.name)'; only sslmode is supported")
            }
        }
        self.user = user
        password = components.password
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw Failure("port \(port) is out of range") }
        self.database = database
        self.sslMode = sslMode
    }

    /// "host:port/database", for messages: never the password.
    var endpoint: String { "\(host):\(port)/\(database)" }

    /// The same server, another database (tests and admin commands create and drop databases).
    func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// `text` with any password replaced, for error messages.
    static func redacted(_ text: String) -> String {
        guard let at = text.firstIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at,
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":")
        else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }
}
