/// What the worker does when a workflow completes while a signal or update handler is still running.
public struct HandlerUnfinishedPolicy: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case warnAndAbandon
        case abandon
    }

    package let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// Abandon the handler and log a warning naming it (the default).
    public static let warnAndAbandon = HandlerUnfinishedPolicy(.warnAndAbandon)
    /// Abandon the handler silently: its interruption is expected.
    public static let abandon = HandlerUnfinishedPolicy(.abandon)
}
