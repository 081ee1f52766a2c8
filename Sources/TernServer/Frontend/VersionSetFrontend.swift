import Foundation
import GRPCCore
import TernAPI
import TernCore
import TernStore

private typealias WorkflowService = Temporal_Api_Workflowservice_V1_WorkflowService.Method

/// The deprecated version-set API (worker versioning v0.1): a task queue's compatible build id
/// sets, and which build ids workflows can still reach. Served, as on Temporal, only with
/// `frontend.workerVersioningDataAPIs` on. Tern keeps and reports the sets; it does not route
/// tasks by them (worker deployments replaced that, and Tern routes by deployments).
struct VersionSetFrontend: RegistrableRPCService {
    let namespaces: NamespaceRegistry
    let store: any Store
    let enabled: Bool
    let clock: ServerClock
    /// Serializes the read-modify-write of one task queue's sets.
    let locks = KeyedLock<String>()

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let (namespaces, store, enabled, locks, clock) = (self.namespaces, self.store, self.enabled, self.locks, self.clock)

        router.unary(WorkflowService.UpdateWorkerBuildIdCompatibility.descriptor) {
            (request: WorkflowService.UpdateWorkerBuildIdCompatibility.Input, _) in
            guard enabled else { throw VersionSetRules.disabled }
            try VersionSetRules.validate(request)
            try Self.checkTaskQueue(request.taskQueue)
            let ns = try await namespaces.namespace(named: request.namespace)
            try await locks.withLock("\(ns.id)/\(request.taskQueue)") {
                let current = try await store.taskQueueVersionSets(namespaceID: ns.id, taskQueue: request.taskQueue) ?? .with {
                    $0.namespaceID = ns.id
                    $0.taskQueue = request.taskQueue
                }
                let updated = try VersionSetRules.apply(request, to: current, now: clock.now())
                if updated != current { try await store.saveTaskQueueVersionSets(updated) }
            }
            return WorkflowService.UpdateWorkerBuildIdCompatibility.Output()
        }

        router.unary(WorkflowService.GetWorkerBuildIdCompatibility.descriptor) {
            (request: WorkflowService.GetWorkerBuildIdCompatibility.Input, _) in
            guard enabled else { throw VersionSetRules.disabled }
            try Self.checkTaskQueue(request.taskQueue)
            let ns = try await namespaces.namespace(named: request.namespace)
            let sets = try await store.taskQueueVersionSets(namespaceID: ns.id, taskQueue: request.taskQueue)
            return VersionSetRules.compatibility(sets, maxSets: Int(request.maxSets))
        }

        router.unary(WorkflowService.GetWorkerTaskReachability.descriptor) {
            (request: WorkflowService.GetWorkerTaskReachability.Input, _) in
            guard enabled else { throw VersionSetReachability.disabled }
            try VersionSetReachability.validate(request)
            for queue in request.taskQueues { try Self.checkTaskQueue(queue) }
            let ns = try await namespaces.namespace(named: request.namespace)
            let all = try await store.taskQueueVersionSets(namespaceID: ns.id)
            let attributes = try await namespaces.searchAttributes(namespace: ns.name)
            let now = clock.now()
            var response = WorkflowService.GetWorkerTaskReachability.Output()
            for buildID in request.buildIds {
                let queues = request.taskQueues.isEmpty
                    ? VersionSetReachability.taskQueues(naming: buildID, in: all) : request.taskQueues
                var entry = Temporal_Api_Taskqueue_V1_BuildIdReachability()
                entry.buildID = buildID
                for (i, queue) in queues.enumerated() {
                    var reach = Temporal_Api_Taskqueue_V1_TaskQueueReachability()
                    reach.taskQueue = queue
                    guard i < VersionSetReachability.maxTaskQueues else {
                        reach.reachability = [.unspecified]  // past the scan limit: not looked at
                        entry.taskQueueReachability.append(reach)
                        continue
                    }
                    let plan = VersionSetReachability.plan(
                        buildID: buildID, taskQueue: queue, sets: all.first { $0.taskQueue == queue },
                        type: request.reachability, now: now)
                    if plan.newWorkflows { reach.reachability.append(.newWorkflows) }
                    if let text = plan.existingQuery {
                        let query = try VisibilityQuery.parse(text, customAttributes: attributes, now: now)
                        if try await store.countWorkflows(namespaceID: ns.id, query: query).count > 0 {
                            reach.reachability.append(plan.existingType)
                        }
                    }
                    entry.taskQueueReachability.append(reach)
                }
                response.buildIDReachability.append(entry)
            }
            return response
        }
    }

    /// Temporal's checks on a task queue name given to these calls.
    static func checkTaskQueue(_ name: String) throws(TernError) {
        if name.isEmpty { throw .invalidArgument("missing task queue name") }
        if name.utf8.count > StartRules.maxIDLength {
            throw .invalidArgument("task queue name exceeds length limit of \(StartRules.maxIDLength)")
        }
    }
}
