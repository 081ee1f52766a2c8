import Foundation
import Logging
import PostgresNIO
import Synchronization

/// How the store talks to PostgreSQL: leasing a connection (within the connect timeout), running
/// statements, and turning driver errors into `StoreError`s a person can act on.
struct PostgresAccess: Sendable {
    let url: PostgresURL
    let options: PostgresStore.Options
    let logger: Logger
    let client: PostgresClient

    /// Runs `body` on a pooled connection. The pool queues a request while it cannot connect
    /// (for up to a minute); the store gives up after `connectTimeout` with `unavailable` instead.
    /// Exactly one of "leased" and "timed out" happens, so a body never starts after the caller
    /// was told the database is unavailable.
    func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let state = LeaseState()
        let timeout = options.connectTimeout
        let endpoint = url.endpoint
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        guard state.claim(.leased)
                        else { throw StoreError.unavailable("") }
                        return try await body(connection)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    guard state.claim(.timedOut)
                    else { return nil }
                    throw StoreError.unavailable(
                        "PostgreSQL at \(endpoint) is unavailable: no connection within \(Self.describe(timeout)) (is the server running and reachable?)")
                }
                while let result = try await group.next() {
                    if let value = result {
                        group.cancelAll()
                        return value
                    }
                }
                throw CancellationError()
            }
        } catch {
            throw map(error)
        }
    }

    /// The rows of one statement.
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) async throws -> [PostgresRow] {
        let access = self
        return try await withConnection { connection in try await access.query(sql, binds, on: connection) }
    }

    /// The longest the store waits for any statement's answer: the server's own statement
    /// timeout, plus the connect timeout for the round trip.
    var statementLimit: Duration { (options.statementTimeout ?? .seconds(30)) + options.connectTimeout }

    /// A statement's rows on a connection already leased (inside a transaction).
    ///
    /// A statement on a connection whose server went away (a restart, a failover) can go
    /// unanswered forever: postgres-nio does not always fail it. So every statement has a deadline
    /// of its own; past it the connection is closed (so the pool replaces it) and the caller gets
    /// `unavailable`, whose transaction then never commits.
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings(), on connection: PostgresConnection)
        async throws -> [PostgresRow]
    {
        guard !connection.isClosed else {
            throw StoreError.unavailable("PostgreSQL at \(url.endpoint) is unavailable: the connection was lost")
        }
        let (logger, limit) = (logger, statementLimit)
        let rows = try await Self.withDeadline(limit) {
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).collect()
        }
        guard let rows else {
            try? await connection.close()
            throw StoreError.unavailable(
                "PostgreSQL at \(url.endpoint) is unavailable: no answer within \(Self.describe(limit)); the connection was dropped")
        }
        return rows
    }

    // MARK: Errors

    /// `error` as the store reports it: `StoreError` where the cause is known, else unchanged.
    func map(_ error: any Error) -> any Error {
        switch error {
        case let error as StoreError: return error
        case is CancellationError: return error
        case let error as PSQLError: return map(error)
        case let error as PostgresTransactionError:
            return map(error.commitError ?? error.closureError ?? error.beginError ?? error.rollbackError ?? error)
        case is IOError, is ChannelError, is NIOConnectionError:
            return StoreError.unavailable("PostgreSQL at \(url.endpoint) is unavailable: \(Self.reason(error))")
        default:
            // The pool's own errors (its module is not public API): it gave up connecting.
            if String(reflecting: type(of: error)).hasSuffix("ConnectionPoolError") {
                return StoreError.unavailable("PostgreSQL at \(url.endpoint) is unavailable: cannot connect (\(error))")
            }
            return error
        }
    }

    private func map(_ error: PSQLError) -> any Error {
        let endpoint = url.endpoint
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let message = error.serverInfo?[.message] ?? "server error \(state)"
            switch state {
            case "23505":
                return StoreError.alreadyExists
            case "57014":
                let limit = options.statementTimeout.map { " (statement_timeout \(Self.describe($0)))" } ?? ""
                return StoreError.unavailable("PostgreSQL at \(endpoint) cancelled a statement: \(message)\(limit)")
            case "57P01", "57P02", "57P03":
                return StoreError.unavailable("PostgreSQL at \(endpoint) is shutting down or restarting: \(message)")
            case "28P01", "28000":
                return StoreError.unavailable("PostgreSQL at \(endpoint) refused the login: authentication failed for user \(url.user) (\(message))")
            case "3D000":
                return StoreError.unavailable("PostgreSQL at \(endpoint): \(message)")
            case "53300", "53400":
                return StoreError.unavailable("PostgreSQL at \(endpoint) has no connection to spare: \(message)")
            case "40001", "40P01":
                return StoreError.unavailable("PostgreSQL at \(endpoint) aborted a transaction that conflicted with another (\(message)); retry it")
            default:
                return PostgresStoreError(sqlState: state, message: message, detail: error.serverInfo?[.detail])
            }
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
             .queryCancelled:
            return StoreError.unavailable("PostgreSQL at \(endpoint) is unavailable: \(Self.reason(error))")
        case .sslUnsupported:
            return StoreError.unavailable("PostgreSQL at \(endpoint) does not accept TLS: use sslmode=disable or prefer")
        default:
            return StoreError.unavailable("PostgreSQL at \(endpoint) is unavailable: \(Self.reason(error))")
        }
    }

    /// Why a connection failed, in words ("connection refused", "timed out after 1s").
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return reason(underlying) }
            switch error.code {
            case .serverClosedConnection: return "the server closed the connection"
            case .clientClosedConnection: return "the connection was closed"
            case .uncleanShutdown: return "the connection was lost"
            case .poolClosed: return "the store is shutting down"
            default: return "\(error.code)"
            }
        }
        if let error = error as? ChannelError, case .connectTimeout(let amount) = error {
            return "connection timed out after \(Double(amount.nanoseconds) / 1e9)s"
        }
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") { return "connection refused" }
        if text.localizedCaseInsensitiveContains("timeout") || text.localizedCaseInsensitiveContains("timed out") {
            return "connection timed out"
        }
        return text
    }

    static func describe(_ duration: Duration) -> String {
        let seconds = duration.seconds
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}

/// A PostgreSQL error the store has no meaning for (a bug, or a schema changed behind its back).
struct PostgresStoreError: Error, CustomStringConvertible {
    var sqlState: String
    var message: String
    var detail: String?

    var description: String { "PostgreSQL error \(sqlState): \(message)\(detail.map { " (\($0))" } ?? "")" }
}

/// Whether a lease request was served or gave up first: whoever claims it first wins.
private final class LeaseState: Sendable {
    enum Outcome: Int { case leased = 1, timedOut = 2 }
    private let value = Atomic<Int>(0)

    func claim(_ outcome: Outcome) -> Bool {
        value.compareExchange(expected: 0, desired: outcome.rawValue, ordering: .acquiringAndReleasing).exchanged
    }
}
