import Foundation
import TernAPI

public typealias TaskReachabilityRequest = Temporal_Api_Workflowservice_V1_GetWorkerTaskReachabilityRequest

/// GetWorkerTaskReachability (the deprecated version-set API), as Temporal answers it: whether a
/// build id may still get tasks of new workflows on a task queue, and the visibility query that
/// finds the existing workflows that could still reach it.
public enum VersionSetReachability {
    /// `limit.reachabilityQueryBuildIds`, `limit.reachabilityTaskQueueScan` and
    /// `frontend.reachabilityQuerySetDurationSinceDefault`: Temporal's defaults.
    public static let maxBuildIDs = 5
    public static let maxTaskQueues = 20
    public static let newWorkflowsGrace: TimeInterval = 5 * 60

    public static let disabled = TernError(
        .permissionDenied, "Worker versioning v0.2 (Rules-based, deprecated) is disabled on this namespace.")

    public static func validate(_ request: TaskReachabilityRequest) throws(TernError) {
        if request.buildIds.isEmpty {
            throw .invalidArgument("Must query at least one build ID (or empty string for unversioned worker)")
        }
        if request.buildIds.count > maxBuildIDs {
            throw .invalidArgument("Too many build ids queried at once, limit: \(maxBuildIDs)")
        }
        if request.buildIds.contains(where: { $0.utf8.count > VersionSetRules.maxBuildIDLength }) {
            throw .invalidArgument("Build ID exceeds configured limit.workerBuildIdSize, use a shorter build ID.")
        }
        if request.buildIds.contains(""), request.taskQueues.isEmpty {
            throw .invalidArgument(
                "Cannot get reachability of an unversioned worker without specifying at least one task queue (empty build ID is interpereted as unversioned)")
        }
        if request.taskQueues.contains("") { throw .invalidArgument("missing task queue name") }
    }

    /// What to report for `buildID` on one task queue.
    public struct Plan: Equatable, Sendable {
        /// New workflows on the queue may still get this build id.
        public var newWorkflows = false
        /// A visibility query (this queue's workflows that could still reach the build id) whose
        /// count decides the existing-workflows entry; nil: none can.
        public var existingQuery: String?
        /// The entry reported when that count is not zero.
        public var existingType = TaskReachability.existingWorkflows
    }

    public static func plan(
        buildID: String, taskQueue: String, sets data: TaskQueueVersionSets?, type: TaskReachability, now: Date
    ) -> Plan {
        var plan = Plan()
        let sets = data?.sets ?? []
        var isDefaultInQueue: Bool
        var filter: String
        if buildID.isEmpty {
            isDefaultInQueue = sets.isEmpty
            if isDefaultInQueue {
                plan.newWorkflows = true
            } else if let versionedSince = sets.map({ $0.becameDefaultTime.date }).min() {
                plan.newWorkflows = now.timeIntervalSince(versionedSince) < newWorkflowsGrace
            }
            filter = "BuildIds = \(VisibilityQuery.literal("unversioned"))"
        } else {
            guard let data, let at = VersionSetRules.find(data, buildID) else { return plan }
            let set = sets[at.set]
            guard at.index == set.buildIds.count - 1 else { return plan }  // not its set's default
            isDefaultInQueue = at.set == sets.count - 1
            plan.newWorkflows = isDefaultInQueue || now.timeIntervalSince(set.becameDefaultTime.date) < newWorkflowsGrace
            filter = "BuildIds IN (\(set.buildIds.map { VisibilityQuery.literal("versioned:\($0.id)") }.joined(separator: ",")))"
        }
        if isDefaultInQueue, type != .closedWorkflows {
            filter = "(BuildIds IS NULL OR \(filter))"
        }
        let status: String
        switch type {
        case .openWorkflows: status = " AND ExecutionStatus = \(VisibilityQuery.literal("Running"))"
        case .closedWorkflows: status = " AND ExecutionStatus != \(VisibilityQuery.literal("Running"))"
        case .newWorkflows: return plan
        default: status = ""
        }
        plan.existingType = type == .unspecified ? .existingWorkflows : type
        plan.existingQuery = "TaskQueue = \(VisibilityQuery.literal(taskQueue)) AND \(filter)\(status)"
        return plan
    }

    /// The task queues whose sets name `buildID`, as reported when a request names none.
    public static func taskQueues(naming buildID: String, in all: [TaskQueueVersionSets]) -> [String] {
        all.filter { VersionSetRules.find($0, buildID) != nil }.map(\.taskQueue).sorted()
    }
}
