import Foundation
import GRDB

/// Group commit: workflow changes that arrive while a write transaction is running are written
/// together in the next one, so many acknowledged changes share one fsync.
///
/// Each caller's changes run in their own savepoint: a change whose condition fails (the run
/// moved on) is rolled back alone and its caller gets the error, while the others commit.
/// Every caller is answered only after the transaction holding its changes is durable.
actor GroupCommit {
    private typealias Waiter = CheckedContinuation<[CommittedChange], any Error>
    private let writer: any DatabaseWriter
    private var pending: [(changes: [SQLiteStore.PreparedChange], waiter: Waiter)] = []
    private var writing = false

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    func commit(_ changes: [SQLiteStore.PreparedChange]) async throws -> [CommittedChange] {
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
            let batch = pending
            pending = []
            let work = batch.map(\.changes)
            let results: [Result<[CommittedChange], any Error>]
            do {
                results = try await writer.write { db in
                    // A lone caller needs no savepoint: if its change fails, the whole
                    // transaction rolls back, and that is exactly its own change.
                    if work.count == 1 {
                        return [.success(try work[0].map { try SQLiteStore.write($0, db) })]
                    }
                    return work.map { changes in
                        var committed: [CommittedChange] = []
                        do {
                            try db.inSavepoint {
                                committed = try changes.map { try SQLiteStore.write($0, db) }
                                return .commit
                            }
                            return .success(committed)
                        } catch {
                            return .failure(error)
                        }
                    }
                }
            } catch {
                results = Array(repeating: .failure(error), count: batch.count)
            }
            for (item, result) in zip(batch, results) { item.waiter.resume(with: result) }
        }
        writing = false
    }
}
