import Temporal

/// Writes `label` and the hook's name (and the workflow, signal, query or update it concerns,
/// where there is one) to `log` for every client call, then passes the call on unchanged.
struct RecordingInterceptor: Temporal.ClientInterceptor {
    let log: CallLog
    var label = ""

    var clientOutboundInterceptor: Outbound? { Outbound(log: log, label: label) }

    struct Outbound: ClientOutboundInterceptor {
        let log: CallLog
        let label: String

        private func record(_ line: String) { log.append(label + line) }

        func startWorkflow<each Input>(
            input: StartWorkflowInput<repeat each Input>,
            next: (StartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowHandle
        ) async throws -> UntypedWorkflowHandle {
            record("startWorkflow \(input.name)")
            return try await next(input)
        }

        func signalWithStartWorkflow<each Input>(
            input: SignalWithStartWorkflowInput<repeat each Input>,
            next: (SignalWithStartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowHandle
        ) async throws -> UntypedWorkflowHandle {
            record("signalWithStartWorkflow \(input.name) \(input.signalName)")
            return try await next(input)
        }

        func startUpdateWithStartWorkflow<each Input>(
            input: StartUpdateWithStartWorkflowInput<repeat each Input>,
            next: (StartUpdateWithStartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowUpdateHandle
        ) async throws -> UntypedWorkflowUpdateHandle {
            record("startUpdateWithStartWorkflow \(input.name) \(input.updateName)")
            return try await next(input)
        }

        func signalWorkflow<each Input>(
            input: SignalWorkflowInput<repeat each Input>,
            next: (SignalWorkflowInput<repeat each Input>) async throws -> Void
        ) async throws {
            record("signalWorkflow \(input.name)")
            try await next(input)
        }

        func queryWorkflow<each Input, each Result: Sendable>(
            input: QueryWorkflowInput<repeat each Input>,
            next: (QueryWorkflowInput<repeat each Input>) async throws -> (repeat each Result)
        ) async throws -> (repeat each Result) {
            record("queryWorkflow \(input.queryName)")
            return try await next(input)
        }

        func startWorkflowUpdate<each Input>(
            input: StartWorkflowUpdateInput<repeat each Input>,
            next: (StartWorkflowUpdateInput<repeat each Input>) async throws -> UntypedWorkflowUpdateHandle
        ) async throws -> UntypedWorkflowUpdateHandle {
            record("startWorkflowUpdate \(input.updateName)")
            return try await next(input)
        }

        func pollWorkflowUpdate(
            input: PollWorkflowUpdateInput,
            next: (PollWorkflowUpdateInput) async throws -> Api.Update.V1.Outcome
        ) async throws -> Api.Update.V1.Outcome {
            record("pollWorkflowUpdate \(input.updateID)")
            return try await next(input)
        }

        func describeWorkflow(
            input: DescribeWorkflowInput,
            next: (DescribeWorkflowInput) async throws -> WorkflowExecutionDescription
        ) async throws -> WorkflowExecutionDescription {
            record("describeWorkflow")
            return try await next(input)
        }

        func cancelWorkflow(input: CancelWorkflowInput, next: (CancelWorkflowInput) async throws -> Void) async throws {
            record("cancelWorkflow")
            try await next(input)
        }

        func terminateWorkflow<each Detail>(
            input: TerminateWorkflowInput<repeat each Detail>,
            next: (TerminateWorkflowInput<repeat each Detail>) async throws -> Void
        ) async throws {
            record("terminateWorkflow")
            try await next(input)
        }

        func fetchWorkflowHistoryEvents(
            input: FetchWorkflowHistoryEventsInput,
            next: (FetchWorkflowHistoryEventsInput) async throws -> [Api.History.V1.HistoryEvent]
        ) async throws -> [Api.History.V1.HistoryEvent] {
            record("fetchWorkflowHistoryEvents")
            return try await next(input)
        }

        func listWorkflows<Sequence: AsyncSequence<WorkflowExecution, any Error> & Sendable>(
            input: ListWorkflowsInput,
            next: (ListWorkflowsInput) async throws -> Sequence
        ) async throws -> Sequence {
            record("listWorkflows")
            return try await next(input)
        }

        func listWorkflowsPage(
            input: ListWorkflowsPageInput,
            next: (ListWorkflowsPageInput) async throws -> WorkflowListPage
        ) async throws -> WorkflowListPage {
            record("listWorkflowsPage")
            return try await next(input)
        }

        func countWorkflows(
            input: CountWorkflowsInput,
            next: (CountWorkflowsInput) async throws -> WorkflowExecutionCount
        ) async throws -> WorkflowExecutionCount {
            record("countWorkflows")
            return try await next(input)
        }

        func createSchedule<Input>(
            input: CreateScheduleInput<Input>,
            next: (CreateScheduleInput<Input>) async throws -> UntypedScheduleHandle
        ) async throws -> UntypedScheduleHandle {
            record("createSchedule")
            return try await next(input)
        }

        func listSchedules<Sequence: AsyncSequence<ScheduleListDescription, any Error> & Sendable>(
            input: ListSchedulesInput,
            next: (ListSchedulesInput) async throws -> Sequence
        ) async throws -> Sequence {
            record("listSchedules")
            return try await next(input)
        }

        func backfillSchedule(input: BackfillScheduleInput, next: (BackfillScheduleInput) async throws -> Void) async throws {
            record("backfillSchedule")
            try await next(input)
        }

        func deleteSchedule(input: DeleteScheduleInput, next: (DeleteScheduleInput) async throws -> Void) async throws {
            record("deleteSchedule")
            try await next(input)
        }

        func describeSchedule<Input>(
            input: DescribeScheduleInput,
            next: (DescribeScheduleInput) async throws -> ScheduleDescription<Input>
        ) async throws -> ScheduleDescription<Input> {
            record("describeSchedule")
            return try await next(input)
        }

        func pauseSchedule(input: PauseScheduleInput, next: (PauseScheduleInput) async throws -> Void) async throws {
            record("pauseSchedule")
            try await next(input)
        }

        func triggerSchedule(input: TriggerScheduleInput, next: (TriggerScheduleInput) async throws -> Void) async throws {
            record("triggerSchedule")
            try await next(input)
        }

        func unpauseSchedule(input: UnpauseScheduleInput, next: (UnpauseScheduleInput) async throws -> Void) async throws {
            record("unpauseSchedule")
            try await next(input)
        }

        func updateSchedule<Input>(
            input: UpdateScheduleInput<Input>,
            next: (UpdateScheduleInput<Input>) async throws -> Void
        ) async throws {
            record("updateSchedule")
            try await next(input)
        }

        func heartbeatAsyncActivity(
            input: HeartbeatAsyncActivityInput,
            next: (HeartbeatAsyncActivityInput) async throws -> Void
        ) async throws {
            record("heartbeatAsyncActivity")
            try await next(input)
        }

        func completeAsyncActivity<Result>(
            input: CompleteAsyncActivityInput<Result>,
            next: (CompleteAsyncActivityInput<Result>) async throws -> Void
        ) async throws {
            record("completeAsyncActivity")
            try await next(input)
        }

        func failAsyncActivity(input: FailAsyncActivityInput, next: (FailAsyncActivityInput) async throws -> Void) async throws {
            record("failAsyncActivity")
            try await next(input)
        }

        func reportCancellationAsyncActivity(
            input: ReportCancellationAsyncActivityInput,
            next: (ReportCancellationAsyncActivityInput) async throws -> Void
        ) async throws {
            record("reportCancellationAsyncActivity")
            try await next(input)
        }
    }
}
