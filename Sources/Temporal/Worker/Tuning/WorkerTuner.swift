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
}
