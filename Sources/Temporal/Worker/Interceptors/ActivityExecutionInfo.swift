/// What identifies an activity to instrumentation: its registered name.
public struct ActivityExecutionInfo: Sendable, Hashable {
    public var name: String

    public init(name: String) {
        self.name = name
    }
}
