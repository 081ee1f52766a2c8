/// A heartbeat an activity is about to record.
public struct HeartbeatInput<each Detail: Sendable>: Sendable {
    /// The progress details, before encoding.
    public var details: (repeat each Detail)

    public init(details: repeat each Detail) {
        self.details = (repeat each details)
    }
}
