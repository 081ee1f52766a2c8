public import Configuration

extension TemporalWorker.Configuration {
    /// A worker configuration read from `configReader` (environment, files, …). Required:
    /// `worker.namespace`, `worker.taskqueue`, `worker.buildid`, `worker.client.identity`,
    /// `worker.client.instrumentation.serverhostname`. Optional: `worker.client.apiKey`,
    /// `worker.heartbeatintervalms`, and the tuner: `worker.tuner.{workflow,activity,localactivity}.type`
    /// (`fixed-size` or `resource-based`) and `.maxslots`, `worker.tuner.targetmemoryusage` (default
    /// 0.8), `worker.tuner.targetcpuusage` (default 0.9). Without any tuner type the default tuner stays.
    ///
    /// - Throws: When a required key is missing or a value has the wrong type; the error names the key.
    public init(
        configReader: ConfigReader,
        dataConverter: DataConverter = DataConverter.default,
        interceptors: [any WorkerInterceptor] = [TemporalWorkerTracingInterceptor()]
    ) throws {
        let snapshot = configReader.snapshot()
        self.init(
            namespace: try snapshot.requiredString(forKey: .workerNamespace),
            taskQueue: try snapshot.requiredString(forKey: .workerTaskQueue),
            instrumentation: try .init(configReader: configReader),
            versioningStrategy: .none(.init(buildId: try snapshot.requiredString(forKey: .workerBuildID))),
            clientIdentity: try snapshot.requiredString(forKey: .workerClientIdentity),
            dataConverter: dataConverter,
            interceptors: interceptors,
            apiKey: snapshot.string(forKey: .workerClientAPIKey))
        if let milliseconds = snapshot.int(forKey: .workerHeartbeatIntervalMs) {
            workerHeartbeatInterval = .milliseconds(milliseconds)
        }
        let kinds = ["workflow", "activity", "localactivity"]
        guard kinds.contains(where: { snapshot.string(forKey: .workerTunerType($0)) != nil }) else { return }
        let tunerOptions = ResourceBasedTunerOptions(
            targetMemoryUsage: snapshot.double(forKey: .workerTunerTargetMemoryUsage) ?? 0.8,
            targetCpuUsage: snapshot.double(forKey: .workerTunerTargetCPUUsage) ?? 0.9)
        func supplier(_ kind: String) -> SlotSupplier {
            let maxSlots = snapshot.int(forKey: .workerTunerMaxSlots(kind))
            if snapshot.string(forKey: .workerTunerType(kind)) == "resource-based" {
                return .resourceBased(.init(), tunerOptions: tunerOptions)
            }
            return .fixedSize(maxSlots.map { .init(maximumSlots: $0) } ?? .init())
        }
        tuner = WorkerTuner(
            workflowSlotSupplier: supplier("workflow"), activitySlotSupplier: supplier("activity"),
            localActivitySlotSupplier: supplier("localactivity"))
    }
}

extension TemporalWorker.Configuration.Instrumentation {
    /// Reads `worker.client.instrumentation.serverhostname` (required).
    public init(configReader: ConfigReader) throws {
        self.init(serverHostname: try configReader.snapshot().requiredString(forKey: .workerClientServerHostname))
    }
}
