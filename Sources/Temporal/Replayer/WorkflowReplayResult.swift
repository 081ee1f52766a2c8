/// The outcome of replaying one history with a ``WorkflowReplayer``.
public struct WorkflowReplayResult: Sendable {
    /// The history that was replayed.
    public var history: WorkflowHistory
    /// Why the replay failed (typically a `WorkflowNondeterminismError`), or `nil` when the code
    /// matched the history. Only set when the replay was asked not to throw.
    public var replayFailure: (any Error)?

    public init(history: WorkflowHistory, replayFailure: (any Error)? = nil) {
        self.history = history
        self.replayFailure = replayFailure
    }
}
