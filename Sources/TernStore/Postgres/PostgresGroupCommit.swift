import Foundation
import PostgresNIO

/// Group commit for PostgreSQL: workflow changes that arrive while a batch is being written are
/// written together in the next one, so that round trips, not commits per second, bound throughput.
///
/// A batch is one transaction of five round trips (BEGIN, its transaction id, the lock
/// statement, the write statement, COMMIT), whatever its size (`PostgresBatch`). A caller whose
/// condition fails gets `conditionFailed` alone. When the write statement itself fails (two nodes
/// racing to create the same run: a key violation), the batch is retried with each caller in a
/// savepoint of its own, so that only the callers at fault fail. Every caller is answered only
/// after COMMIT succeeded or its outcome was resolved (`PostgresAccess.writeTransaction`).
actor PostgresGroupCommit {
    private typealias Waiter = CheckedContinuation<[CommittedChange], any Error>
    private let access: PostgresAccess
    private var pending: [(changes: [PostgresPreparedChange], waiter: Waiter)] = []
    private var writing = false
    /// Bounds a batch's statements (arrays, and work redone when it falls back to savepoints).
    private let maximumBatch = 256

    init(access: PostgresAccess) {
        self.access = access
    }

    func commit(_ changes: [PostgresPreparedChange]) async throws -> [CommittedChange] {
        try await withCheckedThrowingContinuation { (waiter: Waiter) in
            pending.append((changes, waiter))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maximumBatch))
            pending.removeFirst(batch.count)
            let work = batch.map(\.changes)
            let results: [PostgresBatch.Outcome]
            do {
                results = try await Self.write(work, access: access)
            } catch {
                results = Array(repeating: .failure(error), count: batch.count)
            }
            for (item, result) in zip(batch, results) { item.waiter.resume(with: result) }
        }
        writing = false
    }

    /// Writes a batch in one transaction; falls back to a savepoint per caller when a statement fails.
    static func write(_ work: [[PostgresPreparedChange]], access: PostgresAccess) async throws -> [PostgresBatch.Outcome] {
        do {
            return try await access.writeTransaction { connection in
                do {
                    return try await PostgresBatch.write(work, on: connection, access: access)
                } catch let error as PSQLError where error.code == .server {
                    throw StatementFailed(error: error)
                }
            }
        } catch let failed as StatementFailed {
            guard work.count > 1 else { return [.failure(failure(failed.error, access))] }
        }
        return try await access.writeTransaction { connection in
            var results: [PostgresBatch.Outcome] = []
            for changes in work {
                _ = try await access.query("SAVEPOINT caller", on: connection)
                do {
                    results += try await PostgresBatch.write([changes], on: connection, access: access)
                    _ = try await access.query("RELEASE SAVEPOINT caller", on: connection)
                } catch let error as PSQLError where error.code == .server {
                    _ = try await access.query("ROLLBACK TO SAVEPOINT caller", on: connection)
                    results.append(.failure(failure(error, access)))
                }
            }
            return results
        }
    }

    /// A caller's own statement failure: losing the race for a workflow id's current row is a
    /// failed condition (as if it had been there when locked); another key taken is alreadyExists.
    private static func failure(_ error: PSQLError, _ access: PostgresAccess) -> any Error {
        if error.serverInfo?[.sqlState] == "23505", error.serverInfo?[.constraintName] == "current_executions_pkey" {
            return StoreError.conditionFailed
        }
        return access.map(error)
    }
}

/// The server refused a batch statement (the transaction is rolled back); kept apart from the
/// errors `PostgresAccess.map` translates so that the batch can be retried caller by caller.
private struct StatementFailed: Error {
    var error: PSQLError
}
