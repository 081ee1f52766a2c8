import Foundation
import Synchronization
import TernAPI
import TernCore

typealias WorkerHeartbeat = Temporal_Api_Worker_V1_WorkerHeartbeat

/// The workers that reported themselves with RecordWorkerHeartbeat, per namespace, as Temporal's
/// matching service keeps them: in memory, each entry forgotten `ttl` after its last heartbeat or
/// as soon as the worker reports it has shut down.
final class WorkerRegistry: Sendable {
    private struct Entry {
        var heartbeat: WorkerHeartbeat
        var seen: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: [String: Entry]]>([:])
    let ttl: Duration

    init(ttl: Duration = .seconds(300)) {
        self.ttl = ttl
    }

    func record(namespaceID: String, _ heartbeat: WorkerHeartbeat) {
        let now = ContinuousClock.now
        entries.withLock { all in
            var namespace = all[namespaceID] ?? [:]
            namespace[heartbeat.workerInstanceKey] = heartbeat.status == .shutdown
                ? nil : Entry(heartbeat: heartbeat, seen: now)
            namespace = namespace.filter { now - $0.value.seen < ttl }
            all[namespaceID] = namespace
        }
    }

    /// Live workers of a namespace, by instance key.
    func workers(namespaceID: String) -> [WorkerHeartbeat] {
        let now = ContinuousClock.now
        return entries.withLock { all in
            (all[namespaceID] ?? [:]).values.filter { now - $0.seen < ttl }.map(\.heartbeat)
        }.sorted { $0.workerInstanceKey < $1.workerInstanceKey }
    }

    /// The fields ListWorkers queries may name, with their types.
    static let queryFields: [String: IndexedValueType] = [
        "WorkerInstanceKey": .keyword, "WorkerIdentity": .keyword, "HostName": .keyword, "TaskQueue": .keyword,
        "DeploymentName": .keyword, "BuildId": .keyword, "SdkName": .keyword, "SdkVersion": .keyword,
        "StartTime": .datetime, "HeartbeatTime": .datetime, "Status": .keyword, "WorkerStatus": .keyword,
    ]

    /// A heartbeat as a record of those fields, for query evaluation.
    static func record(_ h: WorkerHeartbeat) -> [String: VisibilityQuery.Value] {
        var record: [String: VisibilityQuery.Value] = [:]
        func text(_ name: String, _ value: String) { if !value.isEmpty { record[name] = .string(value) } }
        text("WorkerInstanceKey", h.workerInstanceKey)
        text("WorkerIdentity", h.workerIdentity)
        text("HostName", h.hostInfo.hostName)
        text("TaskQueue", h.taskQueue)
        text("DeploymentName", h.deploymentVersion.deploymentName)
        text("BuildId", h.deploymentVersion.buildID)
        text("SdkName", h.sdkName)
        text("SdkVersion", h.sdkVersion)
        let status = Self.statusName(h.status)
        text("Status", status)
        text("WorkerStatus", status)
        if h.hasStartTime { record["StartTime"] = .datetime(Int64(h.startTime.date.timeIntervalSince1970 * 1_000_000)) }
        if h.hasHeartbeatTime {
            record["HeartbeatTime"] = .datetime(Int64(h.heartbeatTime.date.timeIntervalSince1970 * 1_000_000))
        }
        return record
    }

    /// "Running", "ShuttingDown", "Shutdown": the enum's names without their prefix, as queries use them.
    static func statusName(_ status: Temporal_Api_Enums_V1_WorkerStatus) -> String {
        switch status {
        case .running: "Running"
        case .shuttingDown: "ShuttingDown"
        case .shutdown: "Shutdown"
        default: ""
        }
    }

    static func listInfo(_ h: WorkerHeartbeat) -> Temporal_Api_Worker_V1_WorkerListInfo {
        .with {
            $0.workerInstanceKey = h.workerInstanceKey
            $0.workerIdentity = h.workerIdentity
            $0.taskQueue = h.taskQueue
            if h.hasDeploymentVersion { $0.deploymentVersion = h.deploymentVersion }
            $0.sdkName = h.sdkName
            $0.sdkVersion = h.sdkVersion
            $0.status = h.status
            if h.hasStartTime { $0.startTime = h.startTime }
            $0.hostName = h.hostInfo.hostName
            $0.workerGroupingKey = h.hostInfo.workerGroupingKey
            $0.processID = h.hostInfo.processID
            $0.plugins = h.plugins
            $0.drivers = h.drivers
        }
    }
}
