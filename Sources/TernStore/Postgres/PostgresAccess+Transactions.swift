import Foundation
import Logging
import PostgresNIO
import Synchronization

/// What became of a transaction whose COMMIT got no answer.
enum CommitOutcome: Equatable, Sendable {
    case committed
    case aborted
    /// Still not known when the resolver gave up; the reason says why.
    case unknown(String)
}

extension PostgresAccess {
    /// Runs `body` in one transaction and commits it. Every write goes through here.
    ///
    /// The transaction reads its id (`txid_current()`) first. When COMMIT fails without the server
    /// saying why (the connection dropped during or after it), the change may or may not be stored:
    /// the outcome is then asked of the database on a fresh connection (`txid_status`), retrying
    /// while it is unreachable, and the caller gets the body's result only when it committed.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let access = self
        let attempt: TransactionAttempt<T> = try await withConnection { connection in
            _ = try await access.query("BEGIN", on: connection)
            let xid: Int64
            let result: T
            do {
                let rows = try await access.query("SELECT txid_current()", on: connection)
                guard let id = try rows.first?.decode(Int64.self) else { throw StoreError.unavailable("no transaction id") }
                xid = id
                result = try await body(connection)
            } catch {
                // A failed statement aborted the transaction; if the connection is gone the server
                // rolls it back by itself.
                _ = try? await access.query("ROLLBACK", on: connection)
                throw error
            }
            do {
                // postgres-nio never answers a query written to a connection that has already
                // closed: check first, and bound COMMIT by a deadline of our own.
                guard !connection.isClosed else { throw StoreError.unavailable("the connection was closed before COMMIT") }
                let limit = access.statementLimit
                let logger = access.logger
                guard try await Self.withDeadline(limit, {
                    try await connection.query("COMMIT", logger: logger)
                    return true
                }) != nil else {
                    try? await connection.close()
                    throw StoreError.unavailable("COMMIT got no answer within \(Self.describe(limit))")
                }
                return .committed(result)
            } catch let error as PSQLError where error.code == .server && !Self.serverIsGoingAway(error) {
                // The server answered COMMIT with an error (a deferred check, a serialization
                // failure): the transaction was rolled back.
                throw error
            } catch {
                return .unknown(xid: xid, result: result, error: error)
            }
        }
        switch attempt {
        case .committed(let result):
            return result
        case .unknown(let xid, let result, let error):
            logger.warning("COMMIT got no answer; asking the database whether it happened", metadata: [
                "xid": "\(xid)", "error": "\(Self.reason(error))",
            ])
            switch await commitOutcome(xid: xid) {
            case .committed:
                return result
            case .aborted:
                throw StoreError.unavailable(
                    "PostgreSQL at \(url.endpoint) lost the connection while committing (\(Self.reason(error))); the transaction was rolled back")
            case .unknown(let why):
                throw StoreError.unknownOutcome(
                    "PostgreSQL at \(url.endpoint) lost the connection while committing transaction \(xid) (\(Self.reason(error))), and whether it committed could not be learned: \(why)")
            }
        }
    }

    /// `operation`'s result, or nil when `limit` passed first (the operation is then left to finish
    /// or hang on its own: it cannot be cancelled).
    static func withDeadline<T: Sendable>(
        _ limit: Duration, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T? {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T?, any Error>) in
            let once = ResumeOnce(continuation)
            Task {
                do { once.resume(with: .success(try await operation())) } catch { once.resume(with: .failure(error)) }
            }
            Task {
                try? await Task.sleep(for: limit)
                once.resume(with: .success(nil))
            }
        }
    }

    /// 57P01 and friends: the backend is terminating, perhaps after the commit was durable.
    private static func serverIsGoingAway(_ error: PSQLError) -> Bool {
        (error.serverInfo?[.sqlState] ?? "").hasPrefix("57P")
    }

    /// Asks `txid_status(xid)` on fresh connections until it says committed or aborted, backing
    /// off while the database is unreachable, for at most `patience`.
    func commitOutcome(xid: Int64, patience: Duration = .seconds(30)) async -> CommitOutcome {
        let configuration = PostgresStore.connectionConfiguration(url, options)
        let logger = logger
        return await Self.resolveOutcome(patience: patience) {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            defer { Task { try? await connection.close() } }
            let asked = try await Self.withDeadline(.seconds(5)) {
                try await connection.query(
                    PostgresQuery(unsafeSQL: "SELECT txid_status($1)", binds: { var b = PostgresBindings(); b.append(xid); return b }()),
                    logger: logger
                ).collect()
            }
            guard let rows = asked else { throw StoreError.unavailable("txid_status got no answer within 5s") }
            return try rows.first?.decode(String?.self)
        }
    }

    /// The resolver's loop, apart from the database so that it can be tested: `status` returns what
    /// `txid_status` said (nil: the id is too old to know) or throws when it could not ask.
    static func resolveOutcome(
        patience: Duration, status: () async throws -> String?
    ) async -> CommitOutcome {
        let clock = ContinuousClock()
        let deadline = clock.now + patience
        var delay = Duration.milliseconds(50)
        var last = "not asked"
        while true {
            do {
                switch try await status() {
                case "committed"?: return .committed
                case "aborted"?: return .aborted
                case let other?: last = "the transaction is still \(other)"  // its backend has not ended yet
                case nil: return .unknown("the database no longer knows transaction status that old")
                }
            } catch {
                last = reason(error)
            }
            guard clock.now + delay < deadline else { return .unknown(last) }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(2))
        }
    }
}

private enum TransactionAttempt<T: Sendable>: Sendable {
    case committed(T)
    case unknown(xid: Int64, result: T, error: any Error)
}

/// Resumes a continuation once, whichever of several racers comes first.
private final class ResumeOnce<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, any Error>?>

    init(_ continuation: CheckedContinuation<T, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func resume(with result: Result<T, any Error>) {
        continuation.withLock { pending in
            pending?.resume(with: result)
            pending = nil
        }
    }
}
