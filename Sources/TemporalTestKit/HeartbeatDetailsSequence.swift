/// The heartbeats an activity sent inside ``withActivityTestEnvironment(info:cancellationReason:logger:_:assertHeartbeatDetails:)``,
/// in the order it sent them.
///
/// Each element holds the details of one `heartbeat(details:)` call, one entry per detail. The
/// sequence ends when the activity's body returns or throws.
public struct HeartbeatDetailsSequence: AsyncSequence, Sendable {
    /// The details of one heartbeat, one entry per detail passed to `heartbeat(details:)`.
    public typealias Element = [any Sendable]
    /// Reading heartbeats cannot fail.
    public typealias Failure = Never

    /// Reads the heartbeats one by one.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<[any Sendable]>.AsyncIterator

        /// The details of the next heartbeat, or `nil` once the activity's body has finished and
        /// every heartbeat has been read.
        public mutating func next(isolation actor: isolated (any Actor)?) async -> [any Sendable]? {
            await base.next(isolation: actor)
        }

        /// The details of the next heartbeat, or `nil` once all have been read.
        public mutating func next() async -> [any Sendable]? {
            await base.next()
        }
    }

    let stream: AsyncStream<[any Sendable]>

    /// An iterator over the heartbeats.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator())
    }
}
