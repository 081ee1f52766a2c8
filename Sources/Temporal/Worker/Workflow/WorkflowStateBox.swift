/// A reference cell: copies of a workflow struct share their stored properties through these, so
/// signal, update and query handlers see the state `run` changes.
final class WorkflowStateBox<Value>: @unchecked Sendable {
    // Only the workflow's serial executor touches the value.
    var value: Value

    init(_ value: Value) { self.value = value }
}
