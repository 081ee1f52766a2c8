/// Runs workflow code again over recorded histories, with no server and no worker, to check that
/// the code still issues the commands the histories hold (for example before deploying a change).
///
/// ```swift
/// let replayer = WorkflowReplayer(configuration: .init(workflows: [OrderWorkflow.self]))
/// let result = try await replayer.replayWorkflow(history: try await handle.fetchHistory())
/// ```
public final class WorkflowReplayer: Sendable {
    /// The workflow types and settings every replay uses.
    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Replays one history.
    ///
    /// - Parameter throwOnReplayFailure: When `true` (the default) a replay that fails (a
    ///   `WorkflowNondeterminismError`, an unknown workflow type, a failed workflow task) throws;
    ///   when `false` the error is returned in ``WorkflowReplayResult/replayFailure``.
    public func replayWorkflow(
        history: WorkflowHistory,
        throwOnReplayFailure: Bool = true
    ) async throws -> WorkflowReplayResult {
        do {
            try await HistoryReplay.replay(
                history.events, workflows: configuration.workflows, dataConverter: configuration.dataConverter,
                namespace: configuration.namespace, interceptors: configuration.interceptors,
                logger: configuration.logger)
            return WorkflowReplayResult(history: history)
        } catch {
            if throwOnReplayFailure { throw error }
            return WorkflowReplayResult(history: history, replayFailure: error)
        }
    }

    /// Replays several histories in order, one result per history.
    public func replayWorkflows(
        histories: [WorkflowHistory],
        throwOnReplayFailure: Bool = true
    ) async throws -> [WorkflowReplayResult] {
        var results: [WorkflowReplayResult] = []
        results.reserveCapacity(histories.count)
        for history in histories {
            results.append(try await replayWorkflow(history: history, throwOnReplayFailure: throwOnReplayFailure))
        }
        return results
    }
}
