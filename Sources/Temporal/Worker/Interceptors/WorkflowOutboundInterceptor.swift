/// Wraps what workflow code asks of the engine. Runs inside the workflow, under the same rules as
/// workflow code. An interceptor may change the input (options, headers, arguments) before calling
/// `next`, and the result after; every method defaults to calling `next` unchanged.
public protocol WorkflowOutboundInterceptor: Sendable {
    /// Wraps ``WorkflowContext/sleep(for:summary:)``.
    func handleSleep(
        input: HandleSleepInput,
        next: (HandleSleepInput) async throws -> Void
    ) async throws

    /// Wraps scheduling an activity and waiting for its result.
    func executeActivity<each Input, Output: Sendable>(
        input: ScheduleActivityInput<repeat each Input>,
        next: (ScheduleActivityInput<repeat each Input>) async throws -> Output
    ) async throws -> Output

    /// Wraps running a local activity and waiting for its result.
    func executeLocalActivity<each Input, Output: Sendable>(
        input: ScheduleLocalActivityInput<repeat each Input>,
        next: (ScheduleLocalActivityInput<repeat each Input>) async throws -> Output
    ) async throws -> Output

    /// Wraps making the error that continues the workflow as a new run.
    func makeContinueAsNewError<each Input>(
        input: MakeContinueAsNewErrorInput<repeat each Input>,
        next: (MakeContinueAsNewErrorInput<repeat each Input>) async throws -> ContinueAsNewError
    ) async throws -> ContinueAsNewError

    /// Wraps starting a child workflow.
    func startChildWorkflow<each Input>(
        input: StartChildWorkflowInput<repeat each Input>,
        next: (StartChildWorkflowInput<repeat each Input>) async throws -> UntypedChildWorkflowHandle
    ) async throws -> UntypedChildWorkflowHandle

    /// Wraps signalling a child workflow.
    func signalWorkflow<each Input>(
        input: SignalChildWorkflowInput<repeat each Input>,
        next: (SignalChildWorkflowInput<repeat each Input>) async throws -> Void
    ) async throws

    /// Wraps signalling a workflow that is not a child.
    func signalExternalWorkflow<each Input>(
        input: SignalExternalWorkflowInput<repeat each Input>,
        next: (SignalExternalWorkflowInput<repeat each Input>) async throws -> Void
    ) async throws

    /// Wraps asking another workflow to cancel.
    func cancelExternalWorkflow(
        input: CancelExternalWorkflowInput,
        next: (CancelExternalWorkflowInput) async throws -> Void
    ) async throws
}

extension WorkflowOutboundInterceptor {
    public func handleSleep(
        input: HandleSleepInput,
        next: (HandleSleepInput) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func executeActivity<each Input, Output: Sendable>(
        input: ScheduleActivityInput<repeat each Input>,
        next: (ScheduleActivityInput<repeat each Input>) async throws -> Output
    ) async throws -> Output {
        try await next(input)
    }

    public func executeLocalActivity<each Input, Output: Sendable>(
        input: ScheduleLocalActivityInput<repeat each Input>,
        next: (ScheduleLocalActivityInput<repeat each Input>) async throws -> Output
    ) async throws -> Output {
        try await next(input)
    }

    public func makeContinueAsNewError<each Input>(
        input: MakeContinueAsNewErrorInput<repeat each Input>,
        next: (MakeContinueAsNewErrorInput<repeat each Input>) async throws -> ContinueAsNewError
    ) async throws -> ContinueAsNewError {
        try await next(input)
    }

    public func startChildWorkflow<each Input>(
        input: StartChildWorkflowInput<repeat each Input>,
        next: (StartChildWorkflowInput<repeat each Input>) async throws -> UntypedChildWorkflowHandle
    ) async throws -> UntypedChildWorkflowHandle {
        try await next(input)
    }

    public func signalWorkflow<each Input>(
        input: SignalChildWorkflowInput<repeat each Input>,
        next: (SignalChildWorkflowInput<repeat each Input>) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func signalExternalWorkflow<each Input>(
        input: SignalExternalWorkflowInput<repeat each Input>,
        next: (SignalExternalWorkflowInput<repeat each Input>) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func cancelExternalWorkflow(
        input: CancelExternalWorkflowInput,
        next: (CancelExternalWorkflowInput) async throws -> Void
    ) async throws {
        try await next(input)
    }
}
