/// What the server said about an activity's cancellation, as flags.
public struct ActivityCancellationDetails: Sendable, Hashable {
    public var cancelRequested: Bool
    public var paused: Bool
    public var reset: Bool

    public init(cancelRequested: Bool, paused: Bool, reset: Bool) {
        self.cancelRequested = cancelRequested
        self.paused = paused
        self.reset = reset
    }
}
