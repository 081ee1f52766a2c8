import Foundation
import Testing
import TernAPI
import TernCore
@testable import TernStore

/// Commits per second with many concurrent callers, on both stores: a one-activity workflow's
/// life as a store sees it (start, then four updates with tasks), 64 workflows at a time.
/// Run with TERN_STORE_BENCH=1 (and TERN_TEST_POSTGRES_URL for PostgreSQL); prints the figures.
@Suite("Store commit throughput", .enabled(if: ProcessInfo.processInfo.environment["TERN_STORE_BENCH"] != nil))
struct CommitThroughputTests {
    static let workflows = 2000
    static let concurrency = 64

    static func run(_ store: any Store) async throws -> Double {
        let clock = ContinuousClock()
        let started = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for i in stride(from: worker, to: workflows, by: concurrency) {
                        var change = StoreConformance.start("wf-\(i)")
                        let committed = try await store.commit(change)
                        var version = committed.version
                        var consumed = committed.transferTasks.map(\.id)
                        for step in 0..<4 {
                            change.state.execution.stateTransitionCount = Int64(step + 2)
                            let next = WorkflowChange(
                                key: change.key, condition: .version(version), state: change.state,
                                newEvents: [.with { $0.eventID = Int64(3 + step) }],
                                transferTasks: step < 3 ? [TransferTask.with { $0.taskQueue = "q" }] : [],
                                consumedTransferTaskIDs: consumed, updatesVisibility: step == 3)
                            let result = try await store.commit(next)
                            version = result.version
                            consumed = result.transferTasks.map(\.id)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = (clock.now - started).seconds
        return Double(workflows * 5) / seconds
    }

    @Test func sqliteFile() async throws {
        try await SQLiteBackend().withStore { store throws in
            print("commit throughput, SQLite (file, FULL sync): \(Int(try await Self.run(store))) commits/s")
        }
    }

    @Test(.enabled(if: PostgresTestCluster.url != nil, PostgresTestCluster.disabledReason))
    func postgres() async throws {
        try await PostgresBackend().withStore { store throws in
            print("commit throughput, PostgreSQL: \(Int(try await Self.run(store))) commits/s")
        }
    }
}
