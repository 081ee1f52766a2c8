import Foundation
import TernAPI
import Testing
@testable import TernCore

@Suite("Workflow versioning: target notices and what a continued run inherits")
struct WorkflowVersioningTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    let v1 = DeploymentVersion.with { $0.deploymentName = "shop"; $0.buildID = "1" }
    let v2 = DeploymentVersion.with { $0.deploymentName = "shop"; $0.buildID = "2" }

    func machine(_ behavior: Temporal_Api_Enums_V1_VersioningBehavior, on version: DeploymentVersion?) -> WorkflowMachine {
        var state = WorkflowState()
        state.execution.workflowID = "w"
        state.execution.taskQueue = "orders"
        state.execution.status = .running
        state.execution.versioningBehavior = behavior
        if let version { state.execution.deploymentVersion = version }
        return WorkflowMachine(state: state, now: now)
    }

    func deployment(current: String, ramping: String? = nil) throws -> DeploymentRecord {
        var record = DeploymentRecord.with { $0.name = "shop" }
        for build in ["1", "2"] {
            _ = DeploymentRules.observe(&record, buildID: build, taskQueue: "orders", type: .workflow, now: now)
        }
        try DeploymentRules.setCurrent(&record, buildID: current, identity: "", now: now)
        if let ramping { _ = try DeploymentRules.setRamping(&record, buildID: ramping, percentage: 0, identity: "", now: now) }
        return record
    }

    @Test func aPinnedRunIsToldOnceItsTargetMovesAndUntilItIsBackOnIt() {
        var m = machine(.pinned, on: v1)
        // v2 moves the target; nothing new known (nil) leaves the notice standing; back on v1 it ends.
        let told = [v1, v2, nil, v1, nil].map { m.noteRoutingTarget($0) }
        #expect(told == [false, true, true, false, false])
    }

    @Test func autoUpgradingAndOverriddenRunsAreNeverTold() {
        var auto = machine(.autoUpgrade, on: v1)
        let autoTold = auto.noteRoutingTarget(v2)
        var overridden = machine(.pinned, on: v1)
        overridden.state.execution.versioningOverride = .with { $0.pinned.version = v1 }
        let overriddenTold = overridden.noteRoutingTarget(v2)
        #expect(!autoTold && !overriddenTold)
    }

    @Test func aContinuedPinnedRunKeepsItsVersionAndIsNotToldWhatItDeclined() {
        var m = machine(.pinned, on: v1)
        _ = m.noteRoutingTarget(v2)
        let inherited = m.inheritedVersioning(queue: "orders", initialBehavior: .unspecified)
        #expect(inherited.pinnedVersion == v1 && inherited.declinedTarget == v2 && inherited.autoUpgradeSource == nil)
        var next = machine(.pinned, on: v1)
        next.state.execution.declinedTargetVersion = v2
        let nextTold = next.noteRoutingTarget(v2)
        #expect(!nextTold)
        // On another queue the version may not be polled at all: nothing is inherited.
        #expect(m.inheritedVersioning(queue: "other", initialBehavior: .unspecified) == InheritedVersioning())
    }

    @Test func anInitialBehaviorMakesTheContinuedRunAutoUpgrade() {
        let m = machine(.pinned, on: v1)
        let inherited = m.inheritedVersioning(queue: "orders", initialBehavior: .autoUpgrade)
        #expect(inherited.pinnedVersion == nil && inherited.autoUpgradeSource == v1 && inherited.initialBehavior == .autoUpgrade)
    }

    @Test func useRampingVersionSendsOnlyTheFirstTaskToTheRampingVersion() throws {
        let record = try deployment(current: "1", ramping: "2")
        var e = machine(.unspecified, on: nil).state.execution
        #expect(DeploymentRules.taskBuild(record, execution: e) == "1")  // a 0 % ramp
        e.initialVersioningBehavior = .useRampingVersion
        #expect(DeploymentRules.taskBuild(record, execution: e) == "2")
        e.lastCompletedTaskStartedEventID = 3
        #expect(DeploymentRules.taskBuild(record, execution: e) == "1")
        e.versioningBehavior = .pinned
        e.deploymentVersion = v2
        #expect(DeploymentRules.taskBuild(record, execution: e) == "2")
    }

    @Test func theRoutingTargetIsWhereTheQueuesDeploymentSendsTheWorkflow() throws {
        let e = machine(.pinned, on: v1).state.execution
        #expect(DeploymentRules.routingTarget(for: e, in: [try deployment(current: "2")]) == v2)
        #expect(DeploymentRules.routingTarget(for: e, in: []) == nil)
    }
}
