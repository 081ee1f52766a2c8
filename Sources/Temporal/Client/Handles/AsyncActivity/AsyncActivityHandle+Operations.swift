extension AsyncActivityHandle {
    /// Records a heartbeat, with progress details if given.
    ///
    /// - Throws: ``AsyncActivityCanceledError`` when the server answers that the activity was
    ///   cancelled, paused or reset (report the cancellation then).
    public func heartbeat(options: AsyncActivityHeartbeatOptions? = nil) async throws {
        let heartbeat = HeartbeatAsyncActivityInput(activity: reference, options: options, dataConverter: dataConverter)
        try await client.intercepted(heartbeat) {
            try await $0.heartbeatAsyncActivity(input: $1, next: $2)
        } rpc: { call in
            try await service.heartbeatAsyncActivity(
                activity: call.activity, options: call.options, dataConverter: call.dataConverter)
        }
    }

    /// Completes the activity with `result`.
    public func complete<Result: Sendable>(
        result: Result? = nil,
        options: AsyncActivityCompleteOptions? = nil
    ) async throws {
        let complete = CompleteAsyncActivityInput(
            activity: reference, result: result, options: options, dataConverter: dataConverter)
        try await client.intercepted(complete) {
            try await $0.completeAsyncActivity(input: $1, next: $2)
        } rpc: { call in
            try await service.completeAsyncActivity(
                activity: call.activity, result: call.result, options: call.options, dataConverter: call.dataConverter)
        }
    }

    /// Fails the activity attempt with `error` (retried under the activity's retry policy).
    public func fail(_ error: any Error, options: AsyncActivityFailOptions? = nil) async throws {
        let fail = FailAsyncActivityInput(activity: reference, error: error, options: options, dataConverter: dataConverter)
        try await client.intercepted(fail) {
            try await $0.failAsyncActivity(input: $1, next: $2)
        } rpc: { call in
            try await service.failAsyncActivity(
                activity: call.activity, error: call.error, options: call.options, dataConverter: call.dataConverter)
        }
    }

    /// Reports that the activity stopped because it was asked to cancel.
    public func reportCancellation(options: AsyncActivityReportCancellationOptions? = nil) async throws {
        let report = ReportCancellationAsyncActivityInput(
            activity: reference, options: options, dataConverter: dataConverter)
        try await client.intercepted(report) {
            try await $0.reportCancellationAsyncActivity(input: $1, next: $2)
        } rpc: { call in
            try await service.reportCancellationAsyncActivity(
                activity: call.activity, options: call.options, dataConverter: call.dataConverter)
        }
    }

    private var service: TemporalClient.WorkflowService { client.workflowService }
}
