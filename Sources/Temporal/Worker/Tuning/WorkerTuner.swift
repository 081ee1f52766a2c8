/// How many workflow tasks, activities and local activities a worker runs at once.
public struct WorkerTuner: Sendable {
    public var workflowSlotSupplier: SlotSupplier
    public var activitySlotSupplier: SlotSupplier
    public var localActivitySlotSupplier: SlotSupplier

    public init(
        workflowSlotSupplier: SlotSupplier = .fixedSize(.init()),
        activitySlotSupplier: SlotSupplier = .fixedSize(.init()),
        localActivitySlotSupplier: SlotSupplier = .fixedSize(.init())
    ) {
        self.workflowSlotSupplier = workflowSlotSupplier
        self.activitySlotSupplier = activitySlotSupplier
        self.localActivitySlotSupplier = localActivitySlotSupplier
    }

    /// Every kind of work on resource-based slots with the same memory and CPU targets.
    public static func resourceBased(
        targetMemoryUsage: Double = 0.8,
        targetCpuUsage: Double = 0.9,
        workflowOptions: ResourceBasedSlotSupplierOptions = .init(),
        activityOptions: ResourceBasedSlotSupplierOptions = .init(),
        localActivityOptions: ResourceBasedSlotSupplierOptions = .init()
    ) -> WorkerTuner {
        let targets = ResourceBasedTunerOptions(targetMemoryUsage: targetMemoryUsage, targetCpuUsage: targetCpuUsage)
        return WorkerTuner(
            workflowSlotSupplier: .resourceBased(workflowOptions, tunerOptions: targets),
            activitySlotSupplier: .resourceBased(activityOptions, tunerOptions: targets),
            localActivitySlotSupplier: .resourceBased(localActivityOptions, tunerOptions: targets))
    }
}
