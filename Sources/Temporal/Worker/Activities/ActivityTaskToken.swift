/// The opaque token that names one activity attempt on the server (for heartbeats and completion).
public struct ActivityTaskToken: Hashable, Sendable {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
}
