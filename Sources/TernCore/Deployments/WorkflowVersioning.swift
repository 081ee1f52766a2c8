import Foundation
import TernAPI

public typealias ContinueAsNewVersioningBehavior = Temporal_Api_Enums_V1_ContinueAsNewVersioningBehavior

/// What the next run of a chain (continue-as-new, retry, cron) takes over from a versioned run.
///
/// A pinned run's next run stays on its version when it polls the same task queue, unless
/// continue-as-new asked for an initial behavior: then it starts auto-upgrading (its first task
/// going to the current version, or with USE_RAMPING_VERSION to the ramping one), as Temporal does.
public struct InheritedVersioning: Sendable, Equatable {
    public var pinnedVersion: DeploymentVersion?
    public var pinnedOverride: VersioningOverride?
    /// The version an auto-upgrading run came from (Temporal's inherited_auto_upgrade_info).
    public var autoUpgradeSource: DeploymentVersion?
    public var initialBehavior: ContinueAsNewVersioningBehavior = .unspecified
    /// A target the previous run was told about and did not move to.
    public var declinedTarget: DeploymentVersion?

    public init() {}
}

extension DeploymentRules {
    /// The deployment whose versions poll `taskQueue`, if any (the first by name when several do).
    public static func deployment(
        polling taskQueue: String, type: Temporal_Api_Enums_V1_TaskQueueType, in records: some Collection<DeploymentRecord>
    ) -> DeploymentRecord? {
        let queue = Tern_Internal_V1_DeploymentTaskQueue.with { $0.name = taskQueue; $0.type = type }
        return records.sorted { $0.name < $1.name }.first { record in
            record.versions.contains { $0.taskQueues.contains(queue) }
        }
    }

    /// The build a task of the run `e` goes to in `record`'s deployment: its pinned version, else
    /// (for the first task of a run continued with USE_RAMPING_VERSION) the ramping one, else the routing.
    public static func taskBuild(_ record: DeploymentRecord, execution e: Tern_Internal_V1_ExecutionInfo) -> String {
        if let pinned = pinnedVersion(of: e), pinned.deploymentName == record.name {
            return pinned.buildID
        }
        if e.initialVersioningBehavior == .useRampingVersion, e.lastCompletedTaskStartedEventID == 0, record.ramping {
            return record.rampingBuildID
        }
        return routedBuild(record, workflowID: e.workflowID)
    }

    /// The version the run `e` is pinned to, by an override or by its last versioned task's behavior.
    public static func pinnedVersion(of e: Tern_Internal_V1_ExecutionInfo) -> DeploymentVersion? {
        pinnedBuild(
            override: e.hasVersioningOverride ? e.versioningOverride : nil, behavior: e.versioningBehavior,
            version: e.hasDeploymentVersion ? e.deploymentVersion : nil)
    }

    /// Where the deployment of `e`'s task queue sends a new or auto-upgrading task of this
    /// workflow now; nil when no deployment's versions poll that queue.
    public static func routingTarget(
        for e: Tern_Internal_V1_ExecutionInfo, in records: some Collection<DeploymentRecord>
    ) -> DeploymentVersion? {
        guard let record = deployment(polling: e.taskQueue, type: .workflow, in: records) else { return nil }
        let build = routedBuild(record, workflowID: e.workflowID)
        return .with { $0.deploymentName = build.isEmpty ? "" : record.name; $0.buildID = build }
    }
}

extension WorkflowMachine {
    /// Whether a starting workflow task tells the workflow that its routing target moved away
    /// from the version it is pinned to (WORKFLOW_TASK_STARTED's
    /// target_worker_deployment_version_changed), so it may continue-as-new onto the new one.
    /// Only a run pinned by its own behavior is told (an override is the operator's choice), and
    /// not about a target its previous run declined.
    mutating func noteRoutingTarget(_ target: DeploymentVersion?) -> Bool {
        let e = state.execution
        if e.hasVersioningOverride {
            state.execution.clearNotifiedTargetVersion()
            state.execution.clearDeclinedTargetVersion()
            return false
        }
        guard e.versioningBehavior == .pinned, e.hasDeploymentVersion else { return false }
        guard let target else { return e.hasNotifiedTargetVersion }
        let pinned = e.deploymentVersion
        if target.buildID == pinned.buildID, target.deploymentName == pinned.deploymentName {
            state.execution.clearNotifiedTargetVersion()
            state.execution.clearDeclinedTargetVersion()
            return false
        }
        if e.hasDeclinedTargetVersion, e.declinedTargetVersion == target { return false }
        state.execution.notifiedTargetVersion = target
        return true
    }

    /// What the next run of this chain inherits; `queue` is the task queue it will poll,
    /// `initialBehavior` continue-as-new's request for how it should start.
    func inheritedVersioning(queue: String, initialBehavior: ContinueAsNewVersioningBehavior) -> InheritedVersioning {
        let e = state.execution
        var inherited = InheritedVersioning()
        // Only within the same queue: another queue may not be polled by this version at all.
        guard queue == e.taskQueue else { return inherited }
        if e.hasVersioningOverride, DeploymentRules.pinnedBuild(override: e.versioningOverride, behavior: .unspecified, version: nil) != nil {
            inherited.pinnedOverride = e.versioningOverride
        }
        guard let pinned = DeploymentRules.pinnedVersion(of: e) else {
            if e.versioningBehavior == .autoUpgrade, e.hasDeploymentVersion {
                inherited.autoUpgradeSource = e.deploymentVersion
            }
            return inherited
        }
        if initialBehavior == .unspecified {
            inherited.pinnedVersion = pinned
            if e.hasNotifiedTargetVersion { inherited.declinedTarget = e.notifiedTargetVersion }
        } else {
            inherited.autoUpgradeSource = pinned
            inherited.initialBehavior = initialBehavior
        }
        return inherited
    }
}
