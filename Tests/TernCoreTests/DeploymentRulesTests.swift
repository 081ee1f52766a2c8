import Foundation
import TernAPI
import Testing
@testable import TernCore

@Suite("DeploymentRules: worker versioning")
struct DeploymentRulesTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func deployment() -> DeploymentRecord {
        var record = DeploymentRecord.with { $0.name = "shop"; $0.namespaceID = "ns" }
        _ = DeploymentRules.observe(&record, buildID: "1", taskQueue: "orders", type: .workflow, now: now)
        _ = DeploymentRules.observe(&record, buildID: "2", taskQueue: "orders", type: .workflow, now: now)
        return record
    }

    @Test func pollsAnnounceVersionsOnce() {
        var record = deployment()
        #expect(record.versions.map(\.buildID) == ["1", "2"])
        #expect(!DeploymentRules.observe(&record, buildID: "1", taskQueue: "orders", type: .workflow, now: now))
        #expect(DeploymentRules.observe(&record, buildID: "1", taskQueue: "orders", type: .activity, now: now))
    }

    @Test func currentAndRampingRouteNewWorkflows() throws {
        var record = deployment()
        #expect(DeploymentRules.routedBuild(record, workflowID: "w") == "")  // no current: unversioned
        try DeploymentRules.setCurrent(&record, buildID: "1", identity: "op", now: now)
        #expect(DeploymentRules.routedBuild(record, workflowID: "w") == "1")
        try DeploymentRules.setRamping(&record, buildID: "2", percentage: 100, identity: "op", now: now)
        #expect(DeploymentRules.routedBuild(record, workflowID: "w") == "2")
        try DeploymentRules.setRamping(&record, buildID: "2", percentage: 30, identity: "op", now: now)
        let ramped = (0..<1000).filter { DeploymentRules.routedBuild(record, workflowID: "w\($0)") == "2" }.count
        #expect(ramped > 200 && ramped < 400)
        // The same workflow always lands on the same side of the ramp.
        #expect(DeploymentRules.routedBuild(record, workflowID: "w7") == DeploymentRules.routedBuild(record, workflowID: "w7"))
        #expect(DeploymentRules.status(record, "2") == .ramping)
        try DeploymentRules.setCurrent(&record, buildID: "2", identity: "op", now: now)
        #expect(!record.ramping && DeploymentRules.status(record, "1") == .draining)
    }

    @Test func unknownVersionsAndBadRampsAreRefused() throws {
        var record = deployment()
        #expect(throws: TernError.self) { try DeploymentRules.setCurrent(&record, buildID: "9", identity: "", now: now) }
        #expect(throws: TernError.self) {
            try DeploymentRules.setRamping(&record, buildID: "2", percentage: 101, identity: "", now: now)
        }
        #expect(throws: TernError.self) { try DeploymentRules.buildID(version: "other.1", buildID: "", deployment: "shop") }
        #expect(try DeploymentRules.buildID(version: "shop.1.5", buildID: "", deployment: "shop") == "1.5")
        #expect(try DeploymentRules.buildID(version: "__unversioned__", buildID: "", deployment: "shop") == "")
    }

    @Test func pinnedWorkflowsKeepTheirVersion() {
        let v1 = DeploymentVersion.with { $0.deploymentName = "shop"; $0.buildID = "1" }
        #expect(DeploymentRules.pinnedBuild(override: nil, behavior: .pinned, version: v1) == v1)
        #expect(DeploymentRules.pinnedBuild(override: nil, behavior: .autoUpgrade, version: v1) == nil)
        let auto = VersioningOverride.with { $0.autoUpgrade = true }
        #expect(DeploymentRules.pinnedBuild(override: auto, behavior: .pinned, version: v1) == nil)
        let pinned = VersioningOverride.with { $0.pinned.version = v1 }
        #expect(DeploymentRules.pinnedBuild(override: pinned, behavior: .unspecified, version: nil) == v1)
    }
}
