internal import Tracing

extension TemporalWorkerTracingInterceptor {
    /// A span around each activity attempt, continuing the trace of the workflow that scheduled it.
    public struct ActivityInbound: ActivityInboundInterceptor {
        let spans: WorkerSpans

        public func executeActivity<Activity>(
            input: ExecuteActivityInput<Activity>,
            next: (ExecuteActivityInput<Activity>) async throws -> Activity.Output
        ) async throws -> Activity.Output {
            var attributes = SpanAttributes()
            if let info = ActivityExecutionContext.current?.info {
                attributes["temporalWorkflowID"] = info.workflowID
                attributes["temporalRunID"] = info.workflowRunID
                attributes["temporalActivityID"] = info.activityID
            }
            return try await spans.inbound("RunActivity:\(Activity.name)", headers: input.headers, attributes: attributes) {
                try await next(input)
            }
        }
    }
}
