import Testing
import TernCore
import TernStore
@testable import TernServer

@Suite("WorkflowCache")
struct WorkflowCacheTests {
    private func key(_ i: Int) -> WorkflowKey { WorkflowKey(namespaceID: "ns", workflowID: "wf-\(i)", runID: "run-\(i)") }
    private func stored(_ version: Int64) -> StoredWorkflow { StoredWorkflow(state: WorkflowState(), version: version) }

    @Test func staysWithinCapacityAndKeepsWhatIsUsed() {
        let cache = WorkflowCache(capacity: 100)
        cache.put(key(0), stored(0))
        for i in 1...1_000 {
            cache.put(key(i), stored(Int64(i)))
            _ = cache.get(key(0))  // run 0 is busy: it must never be the one evicted
            #expect(cache.count <= 100)
        }
        #expect(cache.get(key(0))?.version == 0)
        #expect(cache.get(key(1_000))?.version == 1_000)
        #expect(cache.get(key(1)) == nil)  // long unused: evicted
    }

    @Test func replacesAndRemoves() {
        let cache = WorkflowCache(capacity: 10)
        cache.put(key(1), stored(1))
        cache.put(key(1), stored(2))
        #expect(cache.count == 1)
        #expect(cache.get(key(1))?.version == 2)
        cache.remove(key(1))
        #expect(cache.get(key(1)) == nil)
    }

    @Test func capacityComesFromDynamicConfig() throws {
        var config = DynamicConfig()
        try config.apply("history.cacheMaxSize=128")
        #expect(config.historyCacheMaxSize == 128)
        #expect(throws: DynamicConfig.ParseError.self) { try config.apply("history.cacheMaxSize=0") }
    }

    private func events(_ ids: ClosedRange<Int64>) -> [HistoryEvent] {
        ids.map { id in HistoryEvent.with { $0.eventID = id } }
    }

    private func running(_ version: Int64) -> StoredWorkflow {
        var state = WorkflowState()
        state.execution.status = .running
        return StoredWorkflow(state: state, version: version)
    }

    @Test func keepsTheHistoryOfARunItSawStart() {
        let cache = WorkflowCache(capacity: 10)
        cache.committed(key(1), running(1), newEvents: events(1...3), newRun: true)
        cache.committed(key(1), running(2), newEvents: events(4...5), newRun: false)
        cache.committed(key(1), running(3), newEvents: [], newRun: false)
        #expect(cache.events(key(1), from: 2, through: 4)?.map(\.eventID) == [2, 3, 4])
        #expect(cache.events(key(1), from: 1, through: nil)?.count == 5)
        // Asking past the last committed event gives what is committed, as the store does.
        #expect(cache.events(key(1), from: 4, through: 9)?.map(\.eventID) == [4, 5])
    }

    @Test func forgetsAHistoryItCannotVouchFor() {
        let cache = WorkflowCache(capacity: 10)
        cache.put(key(1), running(1))  // read from the store: history unknown
        cache.committed(key(1), running(2), newEvents: events(7...8), newRun: false)
        #expect(cache.events(key(1), from: 1, through: nil) == nil)

        cache.committed(key(2), running(1), newEvents: events(1...2), newRun: true)
        cache.committed(key(2), running(2), newEvents: events(5...6), newRun: false)  // a gap
        #expect(cache.events(key(2), from: 1, through: nil) == nil)

        cache.committed(key(3), running(1), newEvents: events(1...2), newRun: true)
        cache.committed(key(3), stored(2), newEvents: events(3...3), newRun: false)  // closed
        #expect(cache.events(key(3), from: 1, through: nil) == nil)

    }

    @Test func historiesShareABudgetAndTheLeastRecentlyUsedGoFirst() {
        let cache = WorkflowCache(capacity: 10, historyBudget: 10)
        cache.committed(key(1), running(1), newEvents: events(1...6), newRun: true)
        cache.committed(key(2), running(1), newEvents: events(1...3), newRun: true)
        #expect(cache.historyEventCount == 9)
        cache.committed(key(2), running(2), newEvents: events(4...6), newRun: false)  // 12 > 10
        #expect(cache.events(key(1), from: 1, through: nil) == nil)  // least recently used: dropped
        #expect(cache.events(key(2), from: 1, through: nil)?.count == 6)
        #expect(cache.get(key(1))?.version == 1)  // its state stays
        #expect(cache.historyEventCount == 6)
        cache.remove(key(2))
        #expect(cache.historyEventCount == 0)
    }
}
