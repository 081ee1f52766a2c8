/// Wraps each activity run on a worker. `next` runs the rest of the chain and then the activity;
/// the default calls it unchanged. ``ActivityExecutionContext/current`` is set while it runs.
public protocol ActivityInboundInterceptor: Sendable {
    func executeActivity<Activity>(
        input: ExecuteActivityInput<Activity>,
        next: (ExecuteActivityInput<Activity>) async throws -> Activity.Output
    ) async throws -> Activity.Output
}

extension ActivityInboundInterceptor {
    public func executeActivity<Activity>(
        input: ExecuteActivityInput<Activity>,
        next: (ExecuteActivityInput<Activity>) async throws -> Activity.Output
    ) async throws -> Activity.Output {
        try await next(input)
    }
}
