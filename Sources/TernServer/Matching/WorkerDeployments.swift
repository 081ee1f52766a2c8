import Foundation
import Synchronization
import TernAPI
import TernCore
import TernStore

/// The worker deployments of each namespace (worker versioning): stored, cached in memory (a
/// namespace's are read on first use), and consulted by matching to route a workflow's tasks to
/// the build that should run them (`DeploymentRules`).
final class WorkerDeployments: Sendable {
    private let store: any Store
    private let cache = Mutex<[String: [String: DeploymentRecord]]>([:])
    private let locks = KeyedLock<String>()

    init(store: any Store) {
        self.store = store
    }

    /// A namespace's deployments by name, read from the store the first time.
    func records(_ namespaceID: String) async throws -> [String: DeploymentRecord] {
        if let cached = cache.withLock({ $0[namespaceID] }) { return cached }
        let stored = try await store.workerDeployments(namespaceID: namespaceID)
        let byName = Dictionary(stored.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        return cache.withLock { all in
            if let raced = all[namespaceID] { return raced }
            all[namespaceID] = byName
            return byName
        }
    }

    func record(_ namespaceID: String, _ name: String) async throws -> DeploymentRecord? {
        try await records(namespaceID)[name]
    }

    /// A versioned worker polled: its version, and the queue it polls, join the deployment.
    func observePoll(
        namespaceID: String, options: Temporal_Api_Deployment_V1_WorkerDeploymentOptions, taskQueue: String,
        type: Temporal_Api_Enums_V1_TaskQueueType
    ) async throws {
        guard options.workerVersioningMode == .versioned, !options.deploymentName.isEmpty, !options.buildID.isEmpty
        else { return }
        let queue = Tern_Internal_V1_DeploymentTaskQueue.with { $0.name = taskQueue; $0.type = type }
        if let known = try await record(namespaceID, options.deploymentName),
           known.versions.contains(where: { $0.buildID == options.buildID && $0.taskQueues.contains(queue) }) {
            return
        }
        try await modify(namespaceID, options.deploymentName, create: true, bumpToken: false) { record in
            DeploymentRules.observe(
                &record, buildID: options.buildID, taskQueue: taskQueue, type: type, now: Date())
        }
    }

    /// Changes one deployment under its lock and stores it; NOT_FOUND if it does not exist (unless `create`).
    @discardableResult
    func modify<T: Sendable>(
        _ namespaceID: String, _ name: String, create: Bool = false, bumpToken: Bool = true,
        expectedToken: Int64? = nil, _ change: @Sendable (inout DeploymentRecord) throws -> T
    ) async throws -> T {
        try await locks.withLock("\(namespaceID)/\(name)") {
            var record: DeploymentRecord
            if let existing = try await self.record(namespaceID, name) {
                record = existing
            } else if create {
                record = .with { $0.namespaceID = namespaceID; $0.name = name; $0.conflictToken = 1 }
            } else {
                throw Self.notFound(name)
            }
            if let expectedToken, expectedToken != record.conflictToken {
                throw TernError(.failedPrecondition, "Conflict token mismatch: deployment \(name) changed since it was read.")
            }
            let before = record
            let result = try change(&record)
            guard record != before else { return result }
            if bumpToken { record.conflictToken += 1 }
            try await store.saveWorkerDeployment(record)
            let saved = record
            cache.withLock { $0[namespaceID, default: [:]][name] = saved }
            return result
        }
    }

    func delete(_ namespaceID: String, _ name: String) async throws {
        try await locks.withLock("\(namespaceID)/\(name)") {
            guard try await self.record(namespaceID, name) != nil else { throw Self.notFound(name) }
            try await store.deleteWorkerDeployment(namespaceID: namespaceID, name: name)
            _ = cache.withLock { $0[namespaceID]?.removeValue(forKey: name) }
        }
    }

    static func notFound(_ name: String) -> TernError {
        TernError(.notFound, "Worker deployment \(name) not found.", detail: Temporal_Api_Errordetails_V1_NotFoundFailure())
    }

    /// The deployment whose versions poll `taskQueue`, if any.
    func deployment(namespaceID: String, taskQueue: String, type: Temporal_Api_Enums_V1_TaskQueueType) async -> DeploymentRecord? {
        guard let all = try? await records(namespaceID), !all.isEmpty else { return nil }
        return DeploymentRules.deployment(polling: taskQueue, type: type, in: all.values)
    }

    /// The build whose workers should get a task of `taskQueue` for a run in `state` ("" for
    /// unversioned workers): see `DeploymentRules.taskBuild`.
    func targetBuild(
        namespaceID: String, taskQueue: String, type: Temporal_Api_Enums_V1_TaskQueueType,
        state: () async -> WorkflowState?
    ) async -> String {
        guard let deployment = await deployment(namespaceID: namespaceID, taskQueue: taskQueue, type: type),
              let e = await state()?.execution
        else { return "" }
        return DeploymentRules.taskBuild(deployment, execution: e)
    }
}
