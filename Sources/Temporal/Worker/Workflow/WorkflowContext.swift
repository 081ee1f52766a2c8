public import Foundation
public import Logging

/// What workflow code may use instead of the outside world: durable time and timers, activities,
/// child and external workflows, deterministic randomness, and the run's properties.
///
/// Everything here is replay-safe: on a replay it returns what it returned the first time.
public struct WorkflowContext<Workflow: WorkflowDefinition>: @unchecked Sendable {
    let instance: WorkflowInstance
    let state: WorkflowStateBox<Workflow>

    init(instance: WorkflowInstance, state: WorkflowStateBox<Workflow>) {
        self.instance = instance
        self.state = state
    }

    // MARK: State

    /// Changes the workflow's state from code that has no `inout` access to it (a task group child).
    public func mutateState<Return>(_ mutator: (inout Workflow) -> Return) -> Return {
        mutator(&state.value)
    }

    /// Whether the caller runs inside a workflow.
    public static var inWorkflow: Bool { WorkflowInstance.current != nil }

    // MARK: Run properties

    public var info: WorkflowInfo { instance.workflowInfo }
    public var currentUpdateInfo: WorkflowUpdateInfo? { WorkflowInstance.currentUpdate }
    public var currentDeploymentVersion: DeploymentVersion? { nil }
    public var payloadConverter: any PayloadConverter { instance.payloadConverter }
    public var randomNumberGenerator: any RandomNumberGenerator { WorkflowRandomNumberGenerator(instance: instance) }
    public var allHandlersFinished: Bool { instance.runningHandlers == 0 }
    /// The workflow's time: when the current workflow task started, the same on every replay.
    public var now: Date { instance.now }
    package var isReplaying: Bool { instance.isReplaying }
    public var searchAttributes: SearchAttributeCollection { SearchAttributeCollection(wireValue: instance.searchAttributes) }
    public var currentDetails: String? {
        get { instance.currentDetails }
        nonmutating set { instance.currentDetails = newValue }
    }
    public var continueAsNewSuggested: Bool { instance.continueAsNewSuggested }
    public var suggestContinueAsNewReasons: [SuggestContinueAsNewReason] { [] }
    public var currentHistoryLength: Int { instance.historyLength }
    public var currentHistorySize: Int { instance.historySize }
    /// A logger tagged with the run; quiet while replaying, so a replay does not repeat old lines.
    public var logger: Logger {
        var logger = instance.logger
        if instance.isReplaying { logger.logLevel = .critical }
        return logger
    }

    public func upsertSearchAttributes(_ searchAttributes: SearchAttributeCollection) {
        instance.upsertSearchAttributes(searchAttributes.wireValue)
    }

    public func upsertSearchAttributes(builder: (inout SearchAttributeCollection) -> Void) {
        var attributes = SearchAttributeCollection()
        builder(&attributes)
        upsertSearchAttributes(attributes)
    }

    // MARK: Time

    /// Sleeps on a durable timer: survives worker restarts, and a replay does not wait again.
    public func sleep(for duration: Duration, summary: String? = nil) async throws {
        try await InterceptorChain.run(
            instance.interceptors.workflowOutbound, input: HandleSleepInput(info: info, duration: duration, summary: summary),
            call: { interceptor, input, next in try await interceptor.handleSleep(input: input, next: next) },
            operation: { input in try await instance.sleep(for: input.duration, summary: input.summary) })
    }

    /// Runs `body`, cancelling it when `duration` (of workflow time) passes first.
    public func timeout<Return: Sendable, Failure: Error>(
        for duration: Duration,
        body: () async throws(Failure) -> Return
    ) async throws(Failure) -> Return {
        try await instance.race(body, against: duration)
    }

    /// Waits until `condition` holds for the workflow's state (re-checked whenever workflow code ran).
    public func condition(_ condition: (Workflow) -> Bool) async throws {
        let state = self.state
        try await withoutActuallyEscaping(condition) { condition in
            nonisolated(unsafe) let condition = condition
            try await instance.waitForCondition { condition(state.value) }
        }
    }

    /// Waits until `condition` holds (re-checked whenever workflow code ran).
    public func condition(_ condition: () -> Bool) async throws {
        try await withoutActuallyEscaping(condition) { condition in
            nonisolated(unsafe) let condition = condition
            try await instance.waitForCondition { condition() }
        }
    }

    // MARK: Versioning

    /// Whether this run takes the code path added under patch `id` (always true for new runs; for
    /// runs already past that point, only if their history recorded the patch).
    public func patch(_ id: String) -> Bool { instance.patch(id, deprecated: false) }

    /// Marks patch `id` as the only path left: old histories without the marker still replay.
    public func deprecatePatch(_ id: String) { _ = instance.patch(id, deprecated: true) }

    /// Runs `operation` so that cancelling the workflow does not cancel it.
    public func withCancellationShield<Result: Sendable>(_ operation: () async throws -> Result) async throws -> Result {
        try await instance.shielded(operation)
    }

    // MARK: Activities

    public func executeActivity<Activity: ActivityDefinition>(
        _ activityType: Activity.Type = Activity.self,
        options: ActivityOptions,
        input: Activity.Input
    ) async throws -> Activity.Output {
        try await executeActivity(name: Activity.name, options: options, input: input, outputType: Activity.Output.self)
    }

    public func executeActivity<Activity: ActivityDefinition>(
        _ activityType: Activity.Type = Activity.self,
        options: ActivityOptions
    ) async throws -> Activity.Output where Activity.Input == Void {
        try await executeActivity(activityType, options: options, input: ())
    }

    public func executeActivity<Activity: ActivityDefinition>(
        _ activityType: Activity.Type = Activity.self,
        options: ActivityOptions
    ) async throws where Activity.Input == Void, Activity.Output == Void {
        try await executeActivity(activityType, options: options, input: ())
    }

    public func executeActivity<Activity: ActivityDefinition>(
        _ activityType: Activity.Type = Activity.self,
        options: ActivityOptions,
        input: Activity.Input
    ) async throws where Activity.Output == Void {
        let _: Void = try await executeActivity(name: Activity.name, options: options, input: input, outputType: Void.self)
    }

    public func executeActivity<each Input: Sendable, Output: Sendable>(
        name: String,
        options: ActivityOptions,
        input: repeat each Input,
        outputType: Output.Type = Output.self
    ) async throws -> Output {
        try await InterceptorChain.run(
            instance.interceptors.workflowOutbound,
            input: ScheduleActivityInput(info: info, name: name, options: options, headers: [:], input: repeat each input),
            call: { interceptor, input, next in try await interceptor.executeActivity(input: input, next: next) },
            operation: { [instance] input in
                let arguments = try instance.payloadConverter.payloads(forEach: repeat each input.input)
                let result = try await instance.executeActivity(
                    type: input.name, options: input.options, arguments: arguments, headers: input.headers)
                return try instance.payloadConverter.value(from: result, as: Output.self)
            })
    }

    // MARK: Local activities

    public func executeLocalActivity<Activity: ActivityDefinition>(
        _ activityType: Activity.Type = Activity.self,
        options: LocalActivityOptions,
        input: Activity.Input
    ) async throws -> Activity.Output {
        try await executeLocalActivity(name: Activity.name, options: options, input: input, outputType: Activity.Output.self)
    }

    public func executeLocalActivity<Activity: ActivityDefinition>(
        _ activityType: Activity.Type = Activity.self,
        options: LocalActivityOptions
    ) async throws -> Activity.Output where Activity.Input == Void {
        try await executeLocalActivity(activityType, options: options, input: ())
    }

    public func executeLocalActivity<Activity: ActivityDefinition>(
        _ activityType: Activity.Type = Activity.self,
        options: LocalActivityOptions
    ) async throws where Activity.Input == Void, Activity.Output == Void {
        try await executeLocalActivity(activityType, options: options, input: ())
    }

    public func executeLocalActivity<Activity: ActivityDefinition>(
        _ activityType: Activity.Type = Activity.self,
        options: LocalActivityOptions,
        input: Activity.Input
    ) async throws where Activity.Output == Void {
        let _: Void = try await executeLocalActivity(name: Activity.name, options: options, input: input, outputType: Void.self)
    }

    public func executeLocalActivity<each Input: Sendable, Output: Sendable>(
        name: String,
        options: LocalActivityOptions,
        input: repeat each Input,
        outputType: Output.Type = Output.self
    ) async throws -> Output {
        try await InterceptorChain.run(
            instance.interceptors.workflowOutbound,
            input: ScheduleLocalActivityInput(info: info, name: name, options: options, headers: [:], input: repeat each input),
            call: { interceptor, input, next in try await interceptor.executeLocalActivity(input: input, next: next) },
            operation: { [instance] input in
                let arguments = try instance.payloadConverter.payloads(forEach: repeat each input.input)
                let result = try await instance.executeLocalActivity(
                    type: input.name, options: input.options, arguments: arguments, headers: input.headers)
                return try instance.payloadConverter.value(from: result, as: Output.self)
            })
    }
}
