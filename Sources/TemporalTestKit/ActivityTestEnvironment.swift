public import Logging
public import Temporal

/// Runs `body` as if it were an activity attempt described by `info`, so that code reading
/// `ActivityExecutionContext.current` (an activity's `run`, called directly) can be tested
/// without a worker or a server.
///
/// Heartbeats sent inside `body` go nowhere; use
/// ``withActivityTestEnvironment(info:cancellationReason:logger:_:assertHeartbeatDetails:)`` to
/// look at them.
///
/// - Parameters:
///   - info: The attempt the context describes (see `ActivityExecutionContext.Info.init(activityID:activityType:attempt:isLocal:scheduleToCloseTimeout:startToCloseTimeout:heartbeatTimeout:scheduledTime:currentAttemptScheduled:startedTime:taskQueue:taskToken:workflowID:workflowNamespace:workflowRunID:workflowType:priority:retryPolicy:heartbeatDetails:dataConverter:)`).
///   - cancellationReason: What the context's `cancellationReason` reports, to test how an
///     activity reacts to having been cancelled; `nil` for an attempt that was not.
///   - logger: The context's logger; by default nothing is logged.
///   - body: The code under test.
/// - Returns: What `body` returns.
public func withActivityTestEnvironment<Return>(
    info: ActivityExecutionContext.Info,
    cancellationReason: ActivityCancellationReason? = nil,
    logger: Logger = Logger(label: "activity-test", factory: { _ in SwiftLogNoOpLogHandler() }),
    _ body: () async throws -> Return
) async rethrows -> Return {
    let context = ActivityExecutionContext(
        info: info, logger: logger, heartbeats: { _ in }, cancellationReason: { cancellationReason })
    return try await ActivityExecutionContext.$taskLocal.withValue(context) {
        try await body()
    }
}

/// Runs `body` as if it were an activity attempt described by `info`, while
/// `assertHeartbeatDetails` reads the heartbeats it sends.
///
/// `assertHeartbeatDetails` runs concurrently with `body` and receives every heartbeat's details
/// in order; its sequence ends once `body` has finished, and this function returns once both have.
///
/// ```swift
/// try await withActivityTestEnvironment(info: try await .init()) {
///     try await DownloadActivities().download(input: url)
/// } assertHeartbeatDetails: { heartbeats in
///     var progress: [Int] = []
///     for await details in heartbeats { progress += details.compactMap { $0 as? Int } }
///     #expect(progress == [25, 50, 75, 100])
/// }
/// ```
///
/// - Parameters:
///   - info: The attempt the context describes.
///   - cancellationReason: What the context's `cancellationReason` reports; `nil` for an attempt
///     that was not cancelled.
///   - logger: The context's logger; by default nothing is logged.
///   - body: The code under test.
///   - assertHeartbeatDetails: Checks on the heartbeats `body` sends.
/// - Returns: What `body` returns.
/// - Throws: What `body` throws, else what `assertHeartbeatDetails` throws.
public func withActivityTestEnvironment<Result>(
    info: ActivityExecutionContext.Info,
    cancellationReason: ActivityCancellationReason? = nil,
    logger: Logger = Logger(label: "activity-test", factory: { _ in SwiftLogNoOpLogHandler() }),
    _ body: () async throws -> Result,
    assertHeartbeatDetails: @Sendable (HeartbeatDetailsSequence) async throws -> Void
) async rethrows -> Result {
    let (stream, continuation) = AsyncStream<[any Sendable]>.makeStream()
    let context = ActivityExecutionContext(
        info: info, logger: logger, heartbeats: { continuation.yield($0) },
        cancellationReason: { cancellationReason })
    let heartbeats = HeartbeatDetailsSequence(stream: stream)
    return try await withoutActuallyEscaping(assertHeartbeatDetails) { assertions in
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await assertions(heartbeats) }
            let outcome: Swift.Result<Result, any Error>
            do {
                outcome = .success(try await ActivityExecutionContext.$taskLocal.withValue(context) { try await body() })
            } catch {
                outcome = .failure(error)
            }
            // Ends the sequence, so that the assertions see the last heartbeat and then stop.
            continuation.finish()
            if case .failure = outcome {
                try? await group.waitForAll()
            } else {
                try await group.waitForAll()
            }
            return try outcome.get()
        }
    }
}
