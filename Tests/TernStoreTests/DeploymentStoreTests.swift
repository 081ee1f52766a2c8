import Foundation
import TernAPI
import TernCore
import Testing
@testable import TernStore

@Suite("SQLiteStore: worker deployments")
struct DeploymentStoreTests {
    @Test func deploymentsAreSavedReplacedListedAndDeletedPerNamespace() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tern-deployments-\(UUID()).db").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var record = WorkerDeploymentRecord.with { $0.namespaceID = "ns"; $0.name = "shop"; $0.currentBuildID = "1" }
        do {
            let store = try SQLiteStore(path: path)
            try await store.saveWorkerDeployment(record)
            record.currentBuildID = "2"
            try await store.saveWorkerDeployment(record)
            try await store.saveWorkerDeployment(.with { $0.namespaceID = "other"; $0.name = "shop" })
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.workerDeployments(namespaceID: "ns") == [record])
        try await reopened.deleteWorkerDeployment(namespaceID: "ns", name: "shop")
        #expect(try await reopened.workerDeployments(namespaceID: "ns").isEmpty)
        #expect(try await reopened.workerDeployments(namespaceID: "other").count == 1)
    }
}
