/// An update sent to a workflow, typed by its definition.
public struct WorkflowUpdateHandle<WorkflowUpdate: WorkflowUpdateDefinition>: Sendable {
    /// The same update without its type.
    package let untypedHandle: UntypedWorkflowUpdateHandle

    /// The update id.
    public var id: String { untypedHandle.id }

    /// The id of the workflow the update was sent to.
    public var workflowID: String { untypedHandle.workflowID }

    /// The run the update was sent to; `nil` means the latest run.
    public var workflowRunID: String? { untypedHandle.workflowRunID }

    package init(untypedHandle: UntypedWorkflowUpdateHandle) {
        self.untypedHandle = untypedHandle
    }
}
