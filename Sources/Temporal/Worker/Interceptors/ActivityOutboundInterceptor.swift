/// Wraps what activity code reports to the worker: its heartbeats. `next` records the heartbeat
/// (the worker then sends it, throttled); not calling it drops the heartbeat.
public protocol ActivityOutboundInterceptor: Sendable {
    func heartbeat<each Detail>(
        input: HeartbeatInput<repeat each Detail>,
        next: (HeartbeatInput<repeat each Detail>) -> Void
    )
}

extension ActivityOutboundInterceptor {
    public func heartbeat<each Detail>(
        input: HeartbeatInput<repeat each Detail>,
        next: (HeartbeatInput<repeat each Detail>) -> Void
    ) {
        next(input)
    }
}
