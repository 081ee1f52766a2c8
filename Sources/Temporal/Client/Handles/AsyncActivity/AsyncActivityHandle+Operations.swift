extension AsyncActivityHandle {
    /// Records a heartbeat, with progress details if given.
    ///
    /// - Throws: ``AsyncActivityCanceledError`` when the server answers that the activity was
    ///   cancelled, paused or reset (report the cancellation then).
    public func heartbeat(options: AsyncActivityHeartbeatOptions? = nil) async throws {
        try await client.workflowService.heartbeatAsyncActivity(
            activity: reference, options: options, dataConverter: dataConverter)
    }

    /// Completes the activity with `result`.
    public func complete<Result: Sendable>(
        result: Result? = nil,
        options: AsyncActivityCompleteOptions? = nil
    ) async throws {
        try await client.workflowService.completeAsyncActivity(
            activity: reference, result: result, options: options, dataConverter: dataConverter)
    }

    /// Fails the activity attempt with `error` (retried under the activity's retry policy).
    public func fail(_ error: any Error, options: AsyncActivityFailOptions? = nil) async throws {
        try await client.workflowService.failAsyncActivity(
            activity: reference, error: error, options: options, dataConverter: dataConverter)
    }

    /// Reports that the activity stopped because it was asked to cancel.
    public func reportCancellation(options: AsyncActivityReportCancellationOptions? = nil) async throws {
        try await client.workflowService.reportCancellationAsyncActivity(
            activity: reference, options: options, dataConverter: dataConverter)
    }
}
