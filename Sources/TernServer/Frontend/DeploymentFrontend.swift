import Foundation
import GRPCCore
import SwiftProtobuf
import TernAPI
import TernCore
import TernStore

private typealias WorkflowService = Temporal_Api_Workflowservice_V1_WorkflowService.Method
typealias VersionSummary = Temporal_Api_Deployment_V1_WorkerDeploymentInfo.WorkerDeploymentVersionSummary

/// Worker deployments (worker versioning): describe and list them, set the current and ramping
/// versions, delete versions and deployments, and override a workflow's versioning.
struct DeploymentFrontend: RegistrableRPCService {
    let namespaces: NamespaceRegistry
    let engine: HistoryEngine
    let deployments: WorkerDeployments

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let namespaces = self.namespaces
        let engine = self.engine
        let deployments = self.deployments

        router.unary(WorkflowService.DescribeWorkerDeployment.descriptor) { (request: WorkflowService.DescribeWorkerDeployment.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            if request.deploymentName.isEmpty { throw TernError.invalidArgument("DeploymentName is not set on request.") }
            guard let record = try await deployments.record(ns.id, request.deploymentName) else {
                throw WorkerDeployments.notFound(request.deploymentName)
            }
            var response = WorkflowService.DescribeWorkerDeployment.Output()
            response.conflictToken = Self.token(record.conflictToken)
            response.workerDeploymentInfo = .with {
                $0.name = record.name
                $0.createTime = record.createTime
                $0.versionSummaries = record.versions.map { Self.summary(record, $0) }
                $0.routingConfig = Self.routing(record)
                $0.lastModifierIdentity = record.lastModifierIdentity
                // Tern routes from the stored record itself: a change is in force once stored.
                $0.routingConfigUpdateState = .completed
            }
            return response
        }

        router.unary(WorkflowService.ListWorkerDeployments.descriptor) { (request: WorkflowService.ListWorkerDeployments.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let all = try await deployments.records(ns.id).values.sorted { $0.name < $1.name }
            var response = WorkflowService.ListWorkerDeployments.Output()
            response.workerDeployments = all.map { record in
                .with {
                    $0.name = record.name
                    $0.createTime = record.createTime
                    $0.routingConfig = Self.routing(record)
                    if let latest = record.versions.max(by: { $0.createTime.date < $1.createTime.date }) {
                        $0.latestVersionSummary = Self.summary(record, latest)
                    }
                    if let current = record.versions.first(where: { $0.buildID == record.currentBuildID }) {
                        $0.currentVersionSummary = Self.summary(record, current)
                    }
                    if record.ramping, let ramping = record.versions.first(where: { $0.buildID == record.rampingBuildID }) {
                        $0.rampingVersionSummary = Self.summary(record, ramping)
                    }
                }
            }
            return response
        }

        router.unary(WorkflowService.SetWorkerDeploymentCurrentVersion.descriptor) { (request: WorkflowService.SetWorkerDeploymentCurrentVersion.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let build = try DeploymentRules.buildID(
                version: request.version, buildID: request.buildID, deployment: request.deploymentName)
            let (previous, record) = try await deployments.modify(
                ns.id, request.deploymentName, expectedToken: Self.expected(request.conflictToken)
            ) { record in
                (try DeploymentRules.setCurrent(&record, buildID: build, identity: request.identity, now: engine.clock.now()), record)
            }
            var response = WorkflowService.SetWorkerDeploymentCurrentVersion.Output()
            let latest = try await deployments.record(ns.id, request.deploymentName) ?? record
            response.conflictToken = Self.token(latest.conflictToken)
            response.previousVersion = DeploymentRules.canonical(record.name, previous)
            if !previous.isEmpty {
                response.previousDeploymentVersion = .with { $0.deploymentName = record.name; $0.buildID = previous }
            }
            return response
        }

        router.unary(WorkflowService.SetWorkerDeploymentRampingVersion.descriptor) { (request: WorkflowService.SetWorkerDeploymentRampingVersion.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            // No version at all stops the ramp; "__unversioned__" ramps to unversioned workers.
            let build: String? = request.version.isEmpty && request.buildID.isEmpty
                ? nil
                : try DeploymentRules.buildID(version: request.version, buildID: request.buildID, deployment: request.deploymentName)
            let (previous, wasRamping, record) = try await deployments.modify(
                ns.id, request.deploymentName, expectedToken: Self.expected(request.conflictToken)
            ) { record in
                let wasRamping = record.ramping
                let previous = try DeploymentRules.setRamping(
                    &record, buildID: build, percentage: request.percentage, identity: request.identity, now: engine.clock.now())
                return (previous, wasRamping, record)
            }
            var response = WorkflowService.SetWorkerDeploymentRampingVersion.Output()
            let latest = try await deployments.record(ns.id, request.deploymentName) ?? record
            response.conflictToken = Self.token(latest.conflictToken)
            // No ramp before: no previous version (a ramp to unversioned workers is "__unversioned__").
            response.previousVersion = wasRamping ? DeploymentRules.canonical(record.name, previous.buildID) : ""
            if !previous.buildID.isEmpty {
                response.previousDeploymentVersion = .with { $0.deploymentName = record.name; $0.buildID = previous.buildID }
            }
            response.previousPercentage = previous.percentage
            return response
        }

        router.unary(WorkflowService.DescribeWorkerDeploymentVersion.descriptor) { (request: WorkflowService.DescribeWorkerDeploymentVersion.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let (name, build) = try Self.version(request.version, request.hasDeploymentVersion ? request.deploymentVersion : nil)
            guard let record = try await deployments.record(ns.id, name),
                  let version = record.versions.first(where: { $0.buildID == build })
            else { throw DeploymentRules.versionNotFound(name, build) }
            var response = WorkflowService.DescribeWorkerDeploymentVersion.Output()
            response.workerDeploymentVersionInfo = .with {
                $0.version = DeploymentRules.canonical(name, build)
                $0.deploymentVersion = .with { $0.deploymentName = name; $0.buildID = build }
                $0.deploymentName = name
                $0.status = DeploymentRules.status(record, build)
                $0.createTime = version.createTime
                if version.hasCurrentSinceTime && record.currentBuildID == build { $0.currentSinceTime = version.currentSinceTime }
                if version.hasRampingSinceTime && record.ramping && record.rampingBuildID == build {
                    $0.rampingSinceTime = version.rampingSinceTime
                    $0.rampPercentage = record.rampingPercentage
                }
                if version.hasLastDeactivationTime { $0.lastDeactivationTime = version.lastDeactivationTime }
                $0.taskQueueInfos = version.taskQueues.map { queue in .with { $0.name = queue.name; $0.type = queue.type } }
            }
            return response
        }

        router.unary(WorkflowService.DeleteWorkerDeploymentVersion.descriptor) { (request: WorkflowService.DeleteWorkerDeploymentVersion.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let (name, build) = try Self.version(request.version, request.hasDeploymentVersion ? request.deploymentVersion : nil)
            try await deployments.modify(ns.id, name) { record in
                guard record.versions.contains(where: { $0.buildID == build }) else {
                    throw DeploymentRules.versionNotFound(name, build)
                }
                if record.currentBuildID == build || (record.ramping && record.rampingBuildID == build) {
                    throw TernError(.failedPrecondition,
                                    "Version \(DeploymentRules.canonical(name, build)) is current or ramping; it cannot be deleted.")
                }
                record.versions.removeAll { $0.buildID == build }
            }
            return WorkflowService.DeleteWorkerDeploymentVersion.Output()
        }

        router.unary(WorkflowService.DeleteWorkerDeployment.descriptor) { (request: WorkflowService.DeleteWorkerDeployment.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            guard let record = try await deployments.record(ns.id, request.deploymentName) else {
                throw WorkerDeployments.notFound(request.deploymentName)
            }
            if !record.versions.isEmpty {
                throw TernError(.failedPrecondition,
                                "Worker deployment \(record.name) still has versions; delete them first.")
            }
            try await deployments.delete(ns.id, request.deploymentName)
            return WorkflowService.DeleteWorkerDeployment.Output()
        }

        router.unary(WorkflowService.UpdateWorkflowExecutionOptions.descriptor) { (request: WorkflowService.UpdateWorkflowExecutionOptions.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let key = try await engine.resolve(
                namespaceID: ns.id, workflowID: request.workflowExecution.workflowID, runID: request.workflowExecution.runID)
            let paths = request.updateMask.paths
            if paths.isEmpty { throw TernError.invalidArgument("UpdateMask is not set on request.") }
            let options = request.workflowExecutionOptions
            let updated = try await engine.update(key) { machine in
                try machine.updateExecutionOptions(options, paths: paths, identity: request.identity)
            }
            var response = WorkflowService.UpdateWorkflowExecutionOptions.Output()
            response.workflowExecutionOptions = updated
            return response
        }
    }

    static func token(_ value: Int64) -> Data {
        withUnsafeBytes(of: value.bigEndian) { Data($0) }
    }

    static func expected(_ token: Data) throws(TernError) -> Int64? {
        if token.isEmpty { return nil }
        guard token.count == 8 else { throw .invalidArgument("Invalid conflict token: it was not issued by this server.") }
        return token.reduce(0) { ($0 << 8) | Int64($1) }
    }

    static func version(_ text: String, _ version: DeploymentVersion?) throws(TernError) -> (String, String) {
        if let version, !version.deploymentName.isEmpty { return (version.deploymentName, version.buildID) }
        guard let dot = text.firstIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex else {
            throw .invalidArgument("Version \"\(text)\" is not of the form \"<deployment>.<build id>\".")
        }
        return (String(text[..<dot]), String(text[text.index(after: dot)...]))
    }

    static func routing(_ record: DeploymentRecord) -> Temporal_Api_Deployment_V1_RoutingConfig {
        .with {
            $0.currentVersion = DeploymentRules.canonical(record.name, record.currentBuildID)
            if !record.currentBuildID.isEmpty {
                $0.currentDeploymentVersion = .with { $0.deploymentName = record.name; $0.buildID = record.currentBuildID }
            }
            if record.hasCurrentChangedTime { $0.currentVersionChangedTime = record.currentChangedTime }
            if record.ramping {
                $0.rampingVersion = DeploymentRules.canonical(record.name, record.rampingBuildID)
                if !record.rampingBuildID.isEmpty {
                    $0.rampingDeploymentVersion = .with { $0.deploymentName = record.name; $0.buildID = record.rampingBuildID }
                }
                $0.rampingVersionPercentage = record.rampingPercentage
            }
            if record.hasRampingChangedTime {
                $0.rampingVersionChangedTime = record.rampingChangedTime
                $0.rampingVersionPercentageChangedTime = record.rampingChangedTime
            }
            $0.revisionNumber = record.conflictToken
        }
    }

    static func summary(
        _ record: DeploymentRecord, _ version: Tern_Internal_V1_WorkerDeploymentVersionRecord
    ) -> VersionSummary {
        .with {
            $0.version = DeploymentRules.canonical(record.name, version.buildID)
            $0.deploymentVersion = .with { $0.deploymentName = record.name; $0.buildID = version.buildID }
            $0.status = DeploymentRules.status(record, version.buildID)
            $0.createTime = version.createTime
            if version.hasCurrentSinceTime && record.currentBuildID == version.buildID { $0.currentSinceTime = version.currentSinceTime }
            if version.hasRampingSinceTime && record.ramping && record.rampingBuildID == version.buildID {
                $0.rampingSinceTime = version.rampingSinceTime
            }
            if version.hasLastDeactivationTime { $0.lastDeactivationTime = version.lastDeactivationTime }
        }
    }
}
