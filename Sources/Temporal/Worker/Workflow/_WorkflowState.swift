/// Storage of one stored property of a `@Workflow` struct (written by the macro, not by hand).
///
/// Copies of the struct share this storage, so handlers that receive the workflow by value see and
/// change the same state as `run`. Only the workflow's executor reads or writes it.
public struct _WorkflowState<Value>: @unchecked Sendable {
    private let box: WorkflowStateBox<Value>

    public init(initialValue: sending Value) {
        self.box = WorkflowStateBox(initialValue)
    }

    public var value: Value {
        get { box.value }
        nonmutating set { box.value = newValue }
    }
}
