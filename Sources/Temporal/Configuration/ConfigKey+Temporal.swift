import Configuration

/// The configuration keys the client and worker read with `init(configReader:)`. Their spelling
/// is part of the API: an environment provider maps `worker.taskqueue` to `WORKER_TASKQUEUE`, so
/// a deployment written for Apple's SDK configures this one unchanged.
extension ConfigKey {
    static let clientNamespace: ConfigKey = ["client", "namespace"]
    static let clientIdentity: ConfigKey = ["client", "identity"]
    static let clientServerHostname: ConfigKey = ["client", "instrumentation", "serverhostname"]
    static let clientAPIKey: ConfigKey = ["client", "apiKey"]

    static let workerNamespace: ConfigKey = ["worker", "namespace"]
    static let workerTaskQueue: ConfigKey = ["worker", "taskqueue"]
    static let workerBuildID: ConfigKey = ["worker", "buildid"]
    static let workerClientServerHostname: ConfigKey = ["worker", "client", "instrumentation", "serverhostname"]
    static let workerClientIdentity: ConfigKey = ["worker", "client", "identity"]
    static let workerClientAPIKey: ConfigKey = ["worker", "client", "apiKey"]
    static let workerHeartbeatIntervalMs: ConfigKey = ["worker", "heartbeatintervalms"]
    static let workerTunerTargetMemoryUsage: ConfigKey = ["worker", "tuner", "targetmemoryusage"]
    static let workerTunerTargetCPUUsage: ConfigKey = ["worker", "tuner", "targetcpuusage"]

    /// `worker.tuner.<kind>.type` (`fixed-size`, the default, or `resource-based`) and `.maxslots`.
    static func workerTunerType(_ kind: String) -> ConfigKey { ["worker", "tuner", kind, "type"] }
    static func workerTunerMaxSlots(_ kind: String) -> ConfigKey { ["worker", "tuner", kind, "maxslots"] }
}
