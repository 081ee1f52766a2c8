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
}
