/// The interceptors a worker applies, taken once from its configuration, by direction.
struct WorkerInterceptorSet: Sendable {
    var workflowInbound: [any WorkflowInboundInterceptor] = []
    var workflowOutbound: [any WorkflowOutboundInterceptor] = []
    var activityInbound: [any ActivityInboundInterceptor] = []
    var activityOutbound: [any ActivityOutboundInterceptor] = []

    init(_ interceptors: [any WorkerInterceptor] = []) {
        for interceptor in interceptors {
            if let inbound = interceptor.workflowInboundInterceptor { workflowInbound.append(inbound) }
            if let outbound = interceptor.workflowOutboundInterceptor { workflowOutbound.append(outbound) }
            if let inbound = interceptor.activityInboundInterceptor { activityInbound.append(inbound) }
            if let outbound = interceptor.activityOutboundInterceptor { activityOutbound.append(outbound) }
        }
    }
}

extension WorkerInterceptorSet {
    /// Runs one attempt of `activity` through the activity inbound interceptors.
    func runActivity<Activity: ActivityDefinition>(
        _ activity: Activity, headers: [String: Api.Common.V1.Payload], input: Activity.Input
    ) async throws -> Activity.Output {
        try await InterceptorChain.run(
            activityInbound, input: ExecuteActivityInput(definition: activity, headers: headers, input: input),
            call: { interceptor, input, next in try await interceptor.executeActivity(input: input, next: next) },
            operation: { input in try await input.definition.run(input: input.input) })
    }
}
