import Foundation
import TernAPI

public typealias DeploymentRecord = Tern_Internal_V1_WorkerDeploymentRecord
public typealias DeploymentVersion = Temporal_Api_Deployment_V1_WorkerDeploymentVersion
public typealias VersioningOverride = Temporal_Api_Workflow_V1_VersioningOverride

/// Worker versioning without I/O: which versions a deployment has, which one is current or
/// ramping, and which build a workflow's tasks go to.
///
/// A version is announced by its workers' polls (deployment name + build id, versioned mode) and
/// lists the task queues they poll. New workflows and auto-upgrading ones go to the current
/// version (or, for the ramp's share of workflow ids, the ramping one); a pinned workflow stays on
/// the version that ran it. The empty build id stands for unversioned workers.
public enum DeploymentRules {
    public static let unversioned = "__unversioned__"

    /// "deployment.build", as the SDKs and Temporal write a version.
    public static func canonical(_ deployment: String, _ buildID: String) -> String {
        buildID.isEmpty ? unversioned : "\(deployment).\(buildID)"
    }

    /// The build id a request names: its build_id field, else its version string ("" for unversioned).
    public static func buildID(version: String, buildID: String, deployment: String) throws(TernError) -> String {
        if !buildID.isEmpty { return buildID }
        if version.isEmpty || version == unversioned { return "" }
        let prefix = deployment + "."
        guard version.hasPrefix(prefix), version.count > prefix.count else {
            throw .invalidArgument(
                "Version \"\(version)\" does not belong to deployment \"\(deployment)\": write it as \"\(deployment).<build id>\".")
        }
        return String(version.dropFirst(prefix.count))
    }

    /// Records that a version's workers poll `taskQueue`; returns whether anything changed.
    public static func observe(
        _ record: inout DeploymentRecord, buildID: String, taskQueue: String,
        type: Temporal_Api_Enums_V1_TaskQueueType, now: Date
    ) -> Bool {
        let queue = Tern_Internal_V1_DeploymentTaskQueue.with { $0.name = taskQueue; $0.type = type }
        if let i = record.versions.firstIndex(where: { $0.buildID == buildID }) {
            if record.versions[i].taskQueues.contains(queue) { return false }
            record.versions[i].taskQueues.append(queue)
            return true
        }
        if !record.hasCreateTime { record.createTime = now.timestamp }
        record.versions.append(.with {
            $0.buildID = buildID
            $0.createTime = now.timestamp
            $0.taskQueues = [queue]
        })
        return true
    }

    public static func hasVersion(_ record: DeploymentRecord, _ buildID: String) -> Bool {
        buildID.isEmpty || record.versions.contains { $0.buildID == buildID }
    }

    /// Makes `buildID` current; returns the previous current build. A version that was ramping
    /// stops ramping when it becomes current.
    @discardableResult
    public static func setCurrent(
        _ record: inout DeploymentRecord, buildID: String, identity: String, now: Date
    ) throws(TernError) -> String {
        guard hasVersion(record, buildID) else { throw versionNotFound(record.name, buildID) }
        let previous = record.currentBuildID
        guard previous != buildID else { return previous }
        stamp(&record, previous) { $0.lastDeactivationTime = now.timestamp }
        record.currentBuildID = buildID
        record.currentChangedTime = now.timestamp
        stamp(&record, buildID) { $0.currentSinceTime = now.timestamp }
        if record.ramping && record.rampingBuildID == buildID {
            record.ramping = false
            record.rampingBuildID = ""
            record.rampingPercentage = 0
        }
        record.lastModifierIdentity = identity
        return previous
    }

    /// Ramps `percentage` of new and auto-upgrading workflows to `buildID` (nil: stop the ramp);
    /// returns the previous ramping build and percentage.
    @discardableResult
    public static func setRamping(
        _ record: inout DeploymentRecord, buildID: String?, percentage: Float, identity: String, now: Date
    ) throws(TernError) -> (buildID: String, percentage: Float) {
        let previous = (record.rampingBuildID, record.rampingPercentage)
        guard let buildID else {
            record.ramping = false
            record.rampingBuildID = ""
            record.rampingPercentage = 0
            record.rampingChangedTime = now.timestamp
            record.lastModifierIdentity = identity
            return previous
        }
        guard percentage >= 0, percentage <= 100 else {
            throw .invalidArgument("Ramping percentage must be between 0 and 100, not \(percentage).")
        }
        guard hasVersion(record, buildID) else { throw versionNotFound(record.name, buildID) }
        if buildID == record.currentBuildID {
            throw .invalidArgument("Version \(canonical(record.name, buildID)) is current; it cannot also ramp.")
        }
        record.ramping = true
        if record.rampingBuildID != buildID { stamp(&record, buildID) { $0.rampingSinceTime = now.timestamp } }
        record.rampingBuildID = buildID
        record.rampingPercentage = percentage
        record.rampingChangedTime = now.timestamp
        record.lastModifierIdentity = identity
        return previous
    }

    /// The build a new or auto-upgrading workflow's task goes to: the ramping one for the ramp's
    /// share of workflow ids (a stable hash, so a workflow does not flip between tasks), else the current one.
    public static func routedBuild(_ record: DeploymentRecord, workflowID: String) -> String {
        if record.ramping, record.rampingPercentage > 0 {
            if record.rampingPercentage >= 100 || Float(stableHash(workflowID) % 10_000) / 100 < record.rampingPercentage {
                return record.rampingBuildID
            }
        }
        return record.currentBuildID
    }

    /// The version a workflow is pinned to, if any: by an override, or by the behavior its last
    /// versioned task declared.
    public static func pinnedBuild(
        override: VersioningOverride?, behavior: Temporal_Api_Enums_V1_VersioningBehavior, version: DeploymentVersion?
    ) -> DeploymentVersion? {
        if let override {
            if case .pinned(let pinned)? = override.override { return pinned.version }
            if override.behavior == .pinned, !override.pinnedVersion.isEmpty,
               let dot = override.pinnedVersion.lastIndex(of: ".") {
                return .with {
                    $0.deploymentName = String(override.pinnedVersion[..<dot])
                    $0.buildID = String(override.pinnedVersion[override.pinnedVersion.index(after: dot)...])
                }
            }
            if override.autoUpgrade || override.behavior == .autoUpgrade { return nil }
        }
        if behavior == .pinned, let version, !version.buildID.isEmpty { return version }
        return nil
    }

    public static func status(_ record: DeploymentRecord, _ buildID: String) -> Temporal_Api_Enums_V1_WorkerDeploymentVersionStatus {
        if buildID == record.currentBuildID { return .current }
        if record.ramping && buildID == record.rampingBuildID { return .ramping }
        if let version = record.versions.first(where: { $0.buildID == buildID }), version.hasLastDeactivationTime {
            return .draining
        }
        return .inactive
    }

    public static func versionNotFound(_ deployment: String, _ buildID: String) -> TernError {
        TernError(.notFound, "Version \(canonical(deployment, buildID)) not found in deployment \(deployment): no worker of it has polled yet.",
                  detail: Temporal_Api_Errordetails_V1_NotFoundFailure())
    }

    private static func stamp(_ record: inout DeploymentRecord, _ buildID: String, _ change: (inout Tern_Internal_V1_WorkerDeploymentVersionRecord) -> Void) {
        guard !buildID.isEmpty, let i = record.versions.firstIndex(where: { $0.buildID == buildID }) else { return }
        change(&record.versions[i])
    }

    /// FNV-1a: stable across processes, unlike Swift's seeded `hashValue`.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

extension WorkflowMachine {
    public typealias ExecutionOptions = Temporal_Api_Workflow_V1_WorkflowExecutionOptions

    /// UpdateWorkflowExecutionOptions: sets or clears the versioning override (and priority) the
    /// mask names, recording WORKFLOW_EXECUTION_OPTIONS_UPDATED; returns the options now in force.
    public mutating func updateExecutionOptions(
        _ options: ExecutionOptions, paths: [String], identity: String
    ) throws(TernError) -> ExecutionOptions {
        guard isRunning else { throw Self.workflowCompleted }
        var overrideChanged = false
        var priorityChanged = false
        for path in paths {
            switch path.replacingOccurrences(of: "_", with: "").lowercased() {
            case "versioningoverride": overrideChanged = true
            case "priority": priorityChanged = true
            default: throw .invalidArgument("Invalid field mask path \"\(path)\": WorkflowExecutionOptions has no such updatable field.")
            }
        }
        if overrideChanged {
            if options.hasVersioningOverride {
                if case .pinned(let pinned)? = options.versioningOverride.override, pinned.version.buildID.isEmpty {
                    throw .invalidArgument("A pinned versioning override needs a version.")
                }
                state.execution.versioningOverride = options.versioningOverride
            } else {
                state.execution.clearVersioningOverride()
            }
        }
        if priorityChanged {
            if options.hasPriority { state.execution.priority = options.priority } else { state.execution.clearPriority() }
        }
        let e = state.execution
        appendOrBuffer(.workflowExecutionOptionsUpdated) { event in
            event.workerMayIgnore = true  // as Temporal marks it
            event.workflowExecutionOptionsUpdatedEventAttributes = .with {
                if overrideChanged {
                    if e.hasVersioningOverride { $0.versioningOverride = e.versioningOverride } else { $0.unsetVersioningOverride = true }
                }
                if priorityChanged, e.hasPriority { $0.priority = e.priority }
                $0.identity = identity
            }
        }
        return .with {
            if e.hasVersioningOverride { $0.versioningOverride = e.versioningOverride }
            if e.hasPriority { $0.priority = e.priority }
        }
    }
}
