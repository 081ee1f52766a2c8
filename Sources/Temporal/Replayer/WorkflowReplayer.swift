/// Runs workflow code again over recorded histories, with no server and no worker, to check that
/// the code still issues the commands the histories hold (for example before deploying a change).
///
/// ```swift
/// let replayer = WorkflowReplayer(configuration: .init(workflows: [OrderWorkflow.self]))
/// let result = try await replayer.replayWorkflow(history: try await handle.fetchHistory())
/// ```
///
/// Histories exported as JSON by `temporal workflow show --output json` or downloaded from the web
/// UI are read with ``WorkflowHistory/fromJSON(workflowID:jsonData:)``.
public final class WorkflowReplayer: Sendable {
    /// The workflow types and settings every replay uses.
    private let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Replays one history.
    ///
    /// - Parameters:
    ///   - history: The history to replay, from a server (`fetchHistory()` of a workflow handle)
    ///     or from JSON (``WorkflowHistory/fromJSON(workflowID:jsonData:)``).
    ///   - throwOnReplayFailure: When `true` (the default) a replay that fails (a
    ///     ``WorkflowNondeterminismError``, an unknown workflow type, a failed workflow task) throws;
    ///     when `false` the error is returned in ``WorkflowReplayResult/replayFailure``.
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
    ///
    /// - Parameters:
    ///   - histories: The histories to replay.
    ///   - throwOnReplayFailure: When `true` (the default) the first failed replay throws; when
    ///     `false` every history is replayed and each result holds its own failure.
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
