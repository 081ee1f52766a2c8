/// Hooks around the calls a ``TemporalClient`` sends to the server.
///
/// Each hook gets the call's input and `next`, which runs the rest of the chain (the interceptors
/// configured after this one, then the call itself). A hook may change the input before passing
/// it on (add headers, say), look at or replace what `next` returns, or throw instead of calling
/// `next` at all. Every hook has a default that calls `next` with the input unchanged, so an
/// interceptor implements only those it cares about.
///
/// Calls made through ``TemporalClient/workflowService`` by id are not intercepted: that is the
/// layer the chain ends in.
public protocol ClientOutboundInterceptor: Sendable {
    // MARK: Workflows

    /// Wraps starting a workflow (``TemporalClient/startWorkflow(name:options:input:)`` and the
    /// typed and executing forms built on it).
    func startWorkflow<each Input>(
        input: StartWorkflowInput<repeat each Input>,
        next: (StartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowHandle
    ) async throws -> UntypedWorkflowHandle

    /// Wraps signal-with-start.
    func signalWithStartWorkflow<each Input>(
        input: SignalWithStartWorkflowInput<repeat each Input>,
        next: (SignalWithStartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowHandle
    ) async throws -> UntypedWorkflowHandle

    /// Wraps update-with-start, up to the update reaching the stage the caller waits for.
    func startUpdateWithStartWorkflow<each Input>(
        input: StartUpdateWithStartWorkflowInput<repeat each Input>,
        next: (StartUpdateWithStartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowUpdateHandle
    ) async throws -> UntypedWorkflowUpdateHandle

    /// Wraps sending a signal to a workflow.
    func signalWorkflow<each Input>(
        input: SignalWorkflowInput<repeat each Input>,
        next: (SignalWorkflowInput<repeat each Input>) async throws -> Void
    ) async throws

    /// Wraps a query; `next` returns the decoded answer.
    func queryWorkflow<each Input, each Result: Sendable>(
        input: QueryWorkflowInput<repeat each Input>,
        next: (QueryWorkflowInput<repeat each Input>) async throws -> (repeat each Result)
    ) async throws -> (repeat each Result)

    /// Wraps sending an update, up to the update reaching the stage the caller waits for.
    func startWorkflowUpdate<each Input>(
        input: StartWorkflowUpdateInput<repeat each Input>,
        next: (StartWorkflowUpdateInput<repeat each Input>) async throws -> UntypedWorkflowUpdateHandle
    ) async throws -> UntypedWorkflowUpdateHandle

    /// Wraps waiting for an update's outcome (made when an update handle's result is not known
    /// from the call that sent the update).
    func pollWorkflowUpdate(
        input: PollWorkflowUpdateInput,
        next: (PollWorkflowUpdateInput) async throws -> Api.Update.V1.Outcome
    ) async throws -> Api.Update.V1.Outcome

    /// Wraps describing a workflow run.
    func describeWorkflow(
        input: DescribeWorkflowInput,
        next: (DescribeWorkflowInput) async throws -> WorkflowExecutionDescription
    ) async throws -> WorkflowExecutionDescription

    /// Wraps asking a workflow to cancel.
    func cancelWorkflow(
        input: CancelWorkflowInput,
        next: (CancelWorkflowInput) async throws -> Void
    ) async throws

    /// Wraps terminating a workflow.
    func terminateWorkflow<each Detail>(
        input: TerminateWorkflowInput<repeat each Detail>,
        next: (TerminateWorkflowInput<repeat each Detail>) async throws -> Void
    ) async throws

    /// Wraps reading a run's history; also each wait for a run's close event made while a handle
    /// waits for the workflow's result.
    func fetchWorkflowHistoryEvents(
        input: FetchWorkflowHistoryEventsInput,
        next: (FetchWorkflowHistoryEventsInput) async throws -> [Api.History.V1.HistoryEvent]
    ) async throws -> [Api.History.V1.HistoryEvent]

    /// Wraps creating a workflow listing. The pages the listing fetches while it is iterated go
    /// through ``listWorkflowsPage(input:next:)``.
    func listWorkflows<Sequence: AsyncSequence<WorkflowExecution, any Error> & Sendable>(
        input: ListWorkflowsInput,
        next: (ListWorkflowsInput) async throws -> Sequence
    ) async throws -> Sequence

    /// Wraps fetching one page of a workflow listing, whether asked for directly or by iterating
    /// a listing.
    func listWorkflowsPage(
        input: ListWorkflowsPageInput,
        next: (ListWorkflowsPageInput) async throws -> WorkflowListPage
    ) async throws -> WorkflowListPage

    /// Wraps counting workflows.
    func countWorkflows(
        input: CountWorkflowsInput,
        next: (CountWorkflowsInput) async throws -> WorkflowExecutionCount
    ) async throws -> WorkflowExecutionCount

    // MARK: Schedules

    /// Wraps creating a schedule.
    func createSchedule<Input>(
        input: CreateScheduleInput<Input>,
        next: (CreateScheduleInput<Input>) async throws -> UntypedScheduleHandle
    ) async throws -> UntypedScheduleHandle

    /// Wraps creating a schedule listing.
    func listSchedules<Sequence: AsyncSequence<ScheduleListDescription, any Error> & Sendable>(
        input: ListSchedulesInput,
        next: (ListSchedulesInput) async throws -> Sequence
    ) async throws -> Sequence

    /// Wraps backfilling a schedule.
    func backfillSchedule(
        input: BackfillScheduleInput,
        next: (BackfillScheduleInput) async throws -> Void
    ) async throws

    /// Wraps deleting a schedule.
    func deleteSchedule(
        input: DeleteScheduleInput,
        next: (DeleteScheduleInput) async throws -> Void
    ) async throws

    /// Wraps describing a schedule.
    func describeSchedule<Input>(
        input: DescribeScheduleInput,
        next: (DescribeScheduleInput) async throws -> ScheduleDescription<Input>
    ) async throws -> ScheduleDescription<Input>

    /// Wraps pausing a schedule.
    func pauseSchedule(
        input: PauseScheduleInput,
        next: (PauseScheduleInput) async throws -> Void
    ) async throws

    /// Wraps triggering a schedule's action now.
    func triggerSchedule(
        input: TriggerScheduleInput,
        next: (TriggerScheduleInput) async throws -> Void
    ) async throws

    /// Wraps unpausing a schedule.
    func unpauseSchedule(
        input: UnpauseScheduleInput,
        next: (UnpauseScheduleInput) async throws -> Void
    ) async throws

    /// Wraps changing a schedule (the describe it starts with included).
    func updateSchedule<Input>(
        input: UpdateScheduleInput<Input>,
        next: (UpdateScheduleInput<Input>) async throws -> Void
    ) async throws

    // MARK: Async activities

    /// Wraps heartbeating an activity completed from outside its worker.
    func heartbeatAsyncActivity(
        input: HeartbeatAsyncActivityInput,
        next: (HeartbeatAsyncActivityInput) async throws -> Void
    ) async throws

    /// Wraps completing an activity from outside its worker.
    func completeAsyncActivity<Result>(
        input: CompleteAsyncActivityInput<Result>,
        next: (CompleteAsyncActivityInput<Result>) async throws -> Void
    ) async throws

    /// Wraps failing an activity from outside its worker.
    func failAsyncActivity(
        input: FailAsyncActivityInput,
        next: (FailAsyncActivityInput) async throws -> Void
    ) async throws

    /// Wraps reporting that an activity completed from outside its worker was cancelled.
    func reportCancellationAsyncActivity(
        input: ReportCancellationAsyncActivityInput,
        next: (ReportCancellationAsyncActivityInput) async throws -> Void
    ) async throws
}
