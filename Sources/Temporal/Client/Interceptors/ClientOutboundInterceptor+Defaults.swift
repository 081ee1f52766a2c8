// Every hook passes the call on unchanged unless an interceptor overrides it.
extension ClientOutboundInterceptor {
    // MARK: Workflows

    public func startWorkflow<each Input>(
        input: StartWorkflowInput<repeat each Input>,
        next: (StartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowHandle
    ) async throws -> UntypedWorkflowHandle {
        try await next(input)
    }

    public func signalWithStartWorkflow<each Input>(
        input: SignalWithStartWorkflowInput<repeat each Input>,
        next: (SignalWithStartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowHandle
    ) async throws -> UntypedWorkflowHandle {
        try await next(input)
    }

    public func startUpdateWithStartWorkflow<each Input>(
        input: StartUpdateWithStartWorkflowInput<repeat each Input>,
        next: (StartUpdateWithStartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowUpdateHandle
    ) async throws -> UntypedWorkflowUpdateHandle {
        try await next(input)
    }

    public func signalWorkflow<each Input>(
        input: SignalWorkflowInput<repeat each Input>,
        next: (SignalWorkflowInput<repeat each Input>) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func queryWorkflow<each Input, each Result: Sendable>(
        input: QueryWorkflowInput<repeat each Input>,
        next: (QueryWorkflowInput<repeat each Input>) async throws -> (repeat each Result)
    ) async throws -> (repeat each Result) {
        try await next(input)
    }

    public func startWorkflowUpdate<each Input>(
        input: StartWorkflowUpdateInput<repeat each Input>,
        next: (StartWorkflowUpdateInput<repeat each Input>) async throws -> UntypedWorkflowUpdateHandle
    ) async throws -> UntypedWorkflowUpdateHandle {
        try await next(input)
    }

    public func pollWorkflowUpdate(
        input: PollWorkflowUpdateInput,
        next: (PollWorkflowUpdateInput) async throws -> Api.Update.V1.Outcome
    ) async throws -> Api.Update.V1.Outcome {
        try await next(input)
    }

    public func describeWorkflow(
        input: DescribeWorkflowInput,
        next: (DescribeWorkflowInput) async throws -> WorkflowExecutionDescription
    ) async throws -> WorkflowExecutionDescription {
        try await next(input)
    }

    public func cancelWorkflow(
        input: CancelWorkflowInput,
        next: (CancelWorkflowInput) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func terminateWorkflow<each Detail>(
        input: TerminateWorkflowInput<repeat each Detail>,
        next: (TerminateWorkflowInput<repeat each Detail>) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func fetchWorkflowHistoryEvents(
        input: FetchWorkflowHistoryEventsInput,
        next: (FetchWorkflowHistoryEventsInput) async throws -> [Api.History.V1.HistoryEvent]
    ) async throws -> [Api.History.V1.HistoryEvent] {
        try await next(input)
    }

    public func listWorkflows<Sequence: AsyncSequence<WorkflowExecution, any Error> & Sendable>(
        input: ListWorkflowsInput,
        next: (ListWorkflowsInput) async throws -> Sequence
    ) async throws -> Sequence {
        try await next(input)
    }

    public func listWorkflowsPage(
        input: ListWorkflowsPageInput,
        next: (ListWorkflowsPageInput) async throws -> WorkflowListPage
    ) async throws -> WorkflowListPage {
        try await next(input)
    }

    public func countWorkflows(
        input: CountWorkflowsInput,
        next: (CountWorkflowsInput) async throws -> WorkflowExecutionCount
    ) async throws -> WorkflowExecutionCount {
        try await next(input)
    }

    // MARK: Schedules

    public func createSchedule<Input>(
        input: CreateScheduleInput<Input>,
        next: (CreateScheduleInput<Input>) async throws -> UntypedScheduleHandle
    ) async throws -> UntypedScheduleHandle {
        try await next(input)
    }

    public func listSchedules<Sequence: AsyncSequence<ScheduleListDescription, any Error> & Sendable>(
        input: ListSchedulesInput,
        next: (ListSchedulesInput) async throws -> Sequence
    ) async throws -> Sequence {
        try await next(input)
    }

    public func backfillSchedule(
        input: BackfillScheduleInput,
        next: (BackfillScheduleInput) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func deleteSchedule(
        input: DeleteScheduleInput,
        next: (DeleteScheduleInput) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func describeSchedule<Input>(
        input: DescribeScheduleInput,
        next: (DescribeScheduleInput) async throws -> ScheduleDescription<Input>
    ) async throws -> ScheduleDescription<Input> {
        try await next(input)
    }

    public func pauseSchedule(
        input: PauseScheduleInput,
        next: (PauseScheduleInput) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func triggerSchedule(
        input: TriggerScheduleInput,
        next: (TriggerScheduleInput) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func unpauseSchedule(
        input: UnpauseScheduleInput,
        next: (UnpauseScheduleInput) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func updateSchedule<Input>(
        input: UpdateScheduleInput<Input>,
        next: (UpdateScheduleInput<Input>) async throws -> Void
    ) async throws {
        try await next(input)
    }

    // MARK: Async activities

    public func heartbeatAsyncActivity(
        input: HeartbeatAsyncActivityInput,
        next: (HeartbeatAsyncActivityInput) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func completeAsyncActivity<Result>(
        input: CompleteAsyncActivityInput<Result>,
        next: (CompleteAsyncActivityInput<Result>) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func failAsyncActivity(
        input: FailAsyncActivityInput,
        next: (FailAsyncActivityInput) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func reportCancellationAsyncActivity(
        input: ReportCancellationAsyncActivityInput,
        next: (ReportCancellationAsyncActivityInput) async throws -> Void
    ) async throws {
        try await next(input)
    }
}
