/// A schedule whose action starts the workflow `Workflow`, so its input is typed.
public struct ScheduleHandle<Workflow: WorkflowDefinition>: Sendable {
    /// The same schedule without its type.
    package let untypedHandle: UntypedScheduleHandle

    /// The schedule id.
    public var id: String { untypedHandle.id }

    package init(untypedHandle: UntypedScheduleHandle) {
        self.untypedHandle = untypedHandle
    }
}
