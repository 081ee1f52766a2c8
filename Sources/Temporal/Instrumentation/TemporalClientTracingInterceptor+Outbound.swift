import GRPCCore
package import Tracing

private typealias Method = Api.Workflowservice.V1.WorkflowService.Method
private typealias Key = TemporalClientTracingInterceptor.AttributeKey

extension TemporalClientTracingInterceptor {
    /// The hooks of ``TemporalClientTracingInterceptor``: one client span per call, the trace
    /// context written into the headers of calls that carry them.
    public struct Outbound: ClientOutboundInterceptor {
        private let tracer: any Tracer
        private let traceHeaders: TraceHeaders

        /// Hooks that start spans with `tracer` and carry their context in `tracingHeaderKey`.
        package init(tracer: any Tracer, tracingHeaderKey: String) {
            self.tracer = tracer
            self.traceHeaders = TraceHeaders(key: tracingHeaderKey)
        }

        // MARK: Workflows

        public func startWorkflow<each Input>(
            input: StartWorkflowInput<repeat each Input>,
            next: (StartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowHandle
        ) async throws -> UntypedWorkflowHandle {
            try await traced(Method.StartWorkflowExecution.descriptor, input.name) {
                $0[Key.workflowType] = input.name
                $0[Key.workflowID] = input.options.id
                $0[Key.taskQueue] = input.options.taskQueue
            } call: { span in
                var input = input
                input.headers = carryingTrace(of: span, in: input.headers)
                let handle = try await next(input)
                span.attributes[Key.resultRunID] = handle.resultRunID
                return handle
            }
        }

        public func signalWithStartWorkflow<each Input>(
            input: SignalWithStartWorkflowInput<repeat each Input>,
            next: (SignalWithStartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowHandle
        ) async throws -> UntypedWorkflowHandle {
            try await traced(Method.SignalWithStartWorkflowExecution.descriptor, input.name) {
                $0[Key.workflowType] = input.name
                $0[Key.workflowID] = input.options.id
                $0[Key.taskQueue] = input.options.taskQueue
                $0[Key.signalName] = input.signalName
            } call: { span in
                var input = input
                input.headers = carryingTrace(of: span, in: input.headers)
                let handle = try await next(input)
                span.attributes[Key.resultRunID] = handle.resultRunID
                return handle
            }
        }

        public func startUpdateWithStartWorkflow<each Input>(
            input: StartUpdateWithStartWorkflowInput<repeat each Input>,
            next: (StartUpdateWithStartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowUpdateHandle
        ) async throws -> UntypedWorkflowUpdateHandle {
            try await traced(Method.ExecuteMultiOperation.descriptor, input.updateName) {
                $0[Key.workflowType] = input.name
                $0[Key.workflowID] = input.options.id
                $0[Key.taskQueue] = input.options.taskQueue
                $0[Key.updateName] = input.updateName
                $0[Key.updateID] = input.updateID
            } call: { span in
                // Both the start and the update carry the trace: the run's and the handler's
                // spans then join it whichever of them the worker traces.
                var input = input
                input.headers = carryingTrace(of: span, in: input.headers)
                input.updateHeaders = carryingTrace(of: span, in: input.updateHeaders)
                return try await next(input)
            }
        }

        public func signalWorkflow<each Input>(
            input: SignalWorkflowInput<repeat each Input>,
            next: (SignalWorkflowInput<repeat each Input>) async throws -> Void
        ) async throws {
            try await traced(Method.SignalWorkflowExecution.descriptor, input.name) {
                setExecution(&$0, input.id, input.runID)
                $0[Key.signalName] = input.name
            } call: { span in
                var input = input
                input.headers = carryingTrace(of: span, in: input.headers)
                try await next(input)
            }
        }

        public func queryWorkflow<each Input, each Result: Sendable>(
            input: QueryWorkflowInput<repeat each Input>,
            next: (QueryWorkflowInput<repeat each Input>) async throws -> (repeat each Result)
        ) async throws -> (repeat each Result) {
            try await traced(Method.QueryWorkflow.descriptor, input.queryName) {
                setExecution(&$0, input.id, input.runID)
                $0[Key.queryName] = input.queryName
                if let condition = input.rejectionCondition { $0[Key.queryRejectCondition] = "\(condition)" }
            } call: { span in
                var input = input
                input.headers = carryingTrace(of: span, in: input.headers)
                return try await next(input)
            }
        }

        public func startWorkflowUpdate<each Input>(
            input: StartWorkflowUpdateInput<repeat each Input>,
            next: (StartWorkflowUpdateInput<repeat each Input>) async throws -> UntypedWorkflowUpdateHandle
        ) async throws -> UntypedWorkflowUpdateHandle {
            try await traced(Method.UpdateWorkflowExecution.descriptor, input.updateName) {
                setExecution(&$0, input.id, input.runID)
                $0[Key.updateName] = input.updateName
                $0[Key.updateID] = input.updateID
            } call: { span in
                var input = input
                input.headers = carryingTrace(of: span, in: input.headers)
                return try await next(input)
            }
        }

        public func pollWorkflowUpdate(
            input: PollWorkflowUpdateInput,
            next: (PollWorkflowUpdateInput) async throws -> Api.Update.V1.Outcome
        ) async throws -> Api.Update.V1.Outcome {
            try await traced(Method.PollWorkflowExecutionUpdate.descriptor) {
                setExecution(&$0, input.workflowID, input.runID)
                $0[Key.updateID] = input.updateID
            } call: { _ in
                try await next(input)
            }
        }

        public func describeWorkflow(
            input: DescribeWorkflowInput,
            next: (DescribeWorkflowInput) async throws -> WorkflowExecutionDescription
        ) async throws -> WorkflowExecutionDescription {
            try await traced(Method.DescribeWorkflowExecution.descriptor) {
                setExecution(&$0, input.id, input.runID)
            } call: { span in
                let description = try await next(input)
                span.attributes[Key.workflowType] = description.execution.workflowType
                span.attributes[Key.resultRunID] = description.execution.runID
                return description
            }
        }

        public func cancelWorkflow(
            input: CancelWorkflowInput,
            next: (CancelWorkflowInput) async throws -> Void
        ) async throws {
            try await traced(Method.RequestCancelWorkflowExecution.descriptor) {
                setExecution(&$0, input.id, input.runID)
                if let first = input.firstExecutionRunID { $0[Key.firstExecutionRunID] = first }
            } call: { _ in
                try await next(input)
            }
        }

        public func terminateWorkflow<each Detail>(
            input: TerminateWorkflowInput<repeat each Detail>,
            next: (TerminateWorkflowInput<repeat each Detail>) async throws -> Void
        ) async throws {
            try await traced(Method.TerminateWorkflowExecution.descriptor) {
                setExecution(&$0, input.id, input.runID)
                if let first = input.firstExecutionRunID { $0[Key.firstExecutionRunID] = first }
                if let reason = input.reason { $0[Key.terminationReason] = reason }
            } call: { _ in
                try await next(input)
            }
        }

        public func fetchWorkflowHistoryEvents(
            input: FetchWorkflowHistoryEventsInput,
            next: (FetchWorkflowHistoryEventsInput) async throws -> [Api.History.V1.HistoryEvent]
        ) async throws -> [Api.History.V1.HistoryEvent] {
            try await traced(Method.GetWorkflowExecutionHistory.descriptor) {
                setExecution(&$0, input.id, input.runID)
                $0[Key.historyWaitNewEvent] = input.waitNewEvent
                $0[Key.historyFilterType] = "\(input.eventFilterType)"
            } call: { span in
                let events = try await next(input)
                span.attributes[Key.historyEventCount] = events.count
                return events
            }
        }

        public func listWorkflows<Sequence: AsyncSequence<WorkflowExecution, any Error> & Sendable>(
            input: ListWorkflowsInput,
            next: (ListWorkflowsInput) async throws -> Sequence
        ) async throws -> Sequence {
            // The span covers making the listing; each page it fetches gets a span of its own.
            try await traced(Method.ListWorkflowExecutions.descriptor) {
                $0[Key.listQuery] = input.query
                if let limit = input.limit { $0[Key.listLimit] = limit }
            } call: { _ in
                try await next(input)
            }
        }

        public func listWorkflowsPage(
            input: ListWorkflowsPageInput,
            next: (ListWorkflowsPageInput) async throws -> WorkflowListPage
        ) async throws -> WorkflowListPage {
            try await traced(Method.ListWorkflowExecutions.descriptor) {
                $0[Key.listQuery] = input.query
                if let pageSize = input.pageSize { $0[Key.listLimit] = pageSize }
            } call: { _ in
                try await next(input)
            }
        }

        public func countWorkflows(
            input: CountWorkflowsInput,
            next: (CountWorkflowsInput) async throws -> WorkflowExecutionCount
        ) async throws -> WorkflowExecutionCount {
            try await traced(Method.CountWorkflowExecutions.descriptor) {
                $0[Key.countQuery] = input.query
            } call: { span in
                let count = try await next(input)
                span.attributes[Key.count] = count.count
                return count
            }
        }

        // MARK: Schedules

        public func createSchedule<Input>(
            input: CreateScheduleInput<Input>,
            next: (CreateScheduleInput<Input>) async throws -> UntypedScheduleHandle
        ) async throws -> UntypedScheduleHandle {
            try await traced(Method.CreateSchedule.descriptor) { $0[Key.scheduleID] = input.id } call: { _ in
                try await next(input)
            }
        }

        public func listSchedules<Sequence: AsyncSequence<ScheduleListDescription, any Error> & Sendable>(
            input: ListSchedulesInput,
            next: (ListSchedulesInput) async throws -> Sequence
        ) async throws -> Sequence {
            try await traced(Method.ListSchedules.descriptor) {
                if let query = input.query { $0[Key.scheduleListQuery] = query }
            } call: { _ in
                try await next(input)
            }
        }

        public func backfillSchedule(
            input: BackfillScheduleInput,
            next: (BackfillScheduleInput) async throws -> Void
        ) async throws {
            try await traced(Method.PatchSchedule.descriptor) { $0[Key.scheduleID] = input.id } call: { _ in
                try await next(input)
            }
        }

        public func deleteSchedule(
            input: DeleteScheduleInput,
            next: (DeleteScheduleInput) async throws -> Void
        ) async throws {
            try await traced(Method.DeleteSchedule.descriptor) { $0[Key.scheduleID] = input.id } call: { _ in
                try await next(input)
            }
        }

        public func describeSchedule<Input>(
            input: DescribeScheduleInput,
            next: (DescribeScheduleInput) async throws -> ScheduleDescription<Input>
        ) async throws -> ScheduleDescription<Input> {
            try await traced(Method.DescribeSchedule.descriptor) { $0[Key.scheduleID] = input.id } call: { _ in
                try await next(input)
            }
        }

        public func pauseSchedule(
            input: PauseScheduleInput,
            next: (PauseScheduleInput) async throws -> Void
        ) async throws {
            try await traced(Method.PatchSchedule.descriptor) {
                $0[Key.scheduleID] = input.id
                if let note = input.note { $0[Key.scheduleNote] = note }
            } call: { _ in
                try await next(input)
            }
        }

        public func triggerSchedule(
            input: TriggerScheduleInput,
            next: (TriggerScheduleInput) async throws -> Void
        ) async throws {
            try await traced(Method.PatchSchedule.descriptor) { $0[Key.scheduleID] = input.id } call: { _ in
                try await next(input)
            }
        }

        public func unpauseSchedule(
            input: UnpauseScheduleInput,
            next: (UnpauseScheduleInput) async throws -> Void
        ) async throws {
            try await traced(Method.PatchSchedule.descriptor) {
                $0[Key.scheduleID] = input.id
                if let note = input.note { $0[Key.scheduleNote] = note }
            } call: { _ in
                try await next(input)
            }
        }

        public func updateSchedule<Input>(
            input: UpdateScheduleInput<Input>,
            next: (UpdateScheduleInput<Input>) async throws -> Void
        ) async throws {
            try await traced(Method.UpdateSchedule.descriptor) { $0[Key.scheduleID] = input.id } call: { _ in
                try await next(input)
            }
        }

        // MARK: Async activities

        public func heartbeatAsyncActivity(
            input: HeartbeatAsyncActivityInput,
            next: (HeartbeatAsyncActivityInput) async throws -> Void
        ) async throws {
            let method = input.activity.isByID
                ? Method.RecordActivityTaskHeartbeatById.descriptor : Method.RecordActivityTaskHeartbeat.descriptor
            try await traced(method) { setActivity(&$0, input.activity) } call: { _ in
                try await next(input)
            }
        }

        public func completeAsyncActivity<Result>(
            input: CompleteAsyncActivityInput<Result>,
            next: (CompleteAsyncActivityInput<Result>) async throws -> Void
        ) async throws {
            let method = input.activity.isByID
                ? Method.RespondActivityTaskCompletedById.descriptor : Method.RespondActivityTaskCompleted.descriptor
            try await traced(method) { setActivity(&$0, input.activity) } call: { _ in
                try await next(input)
            }
        }

        public func failAsyncActivity(
            input: FailAsyncActivityInput,
            next: (FailAsyncActivityInput) async throws -> Void
        ) async throws {
            let method = input.activity.isByID
                ? Method.RespondActivityTaskFailedById.descriptor : Method.RespondActivityTaskFailed.descriptor
            try await traced(method) { setActivity(&$0, input.activity) } call: { _ in
                try await next(input)
            }
        }

        public func reportCancellationAsyncActivity(
            input: ReportCancellationAsyncActivityInput,
            next: (ReportCancellationAsyncActivityInput) async throws -> Void
        ) async throws {
            let method = input.activity.isByID
                ? Method.RespondActivityTaskCanceledById.descriptor : Method.RespondActivityTaskCanceled.descriptor
            try await traced(method) { setActivity(&$0, input.activity) } call: { _ in
                try await next(input)
            }
        }

        // MARK: Spans

        /// Runs `call` in a client span named after `method` (and `detail`, the workflow, signal,
        /// query or update name, when there is one), the span's context current while it runs.
        /// A call that throws leaves the span marked as failed.
        private func traced<Output>(
            _ method: MethodDescriptor,
            _ detail: String? = nil,
            attributes: (inout SpanAttributes) -> Void,
            call: (any Span) async throws -> Output
        ) async throws -> Output {
            let name = detail.map { "\(method.fullyQualifiedMethod):\($0)" } ?? method.fullyQualifiedMethod
            let span = tracer.startSpan(name, context: ServiceContext.current ?? .topLevel, ofKind: .client)
            defer { span.end() }
            attributes(&span.attributes)
            do {
                return try await ServiceContext.withValue(span.context) { try await call(span) }
            } catch {
                span.recordError(error)
                span.setStatus(SpanStatus(code: .error, message: "\(error)"))
                throw error
            }
        }

        /// `headers` with the span's context written into the tracing header.
        private func carryingTrace(
            of span: any Span, in headers: [String: Api.Common.V1.Payload]
        ) -> [String: Api.Common.V1.Payload] {
            traceHeaders.inject(span.context, using: tracer, into: headers)
        }

        private func setExecution(_ attributes: inout SpanAttributes, _ workflowID: String, _ runID: String?) {
            attributes[Key.workflowID] = workflowID
            if let runID { attributes[Key.runID] = runID }
        }

        private func setActivity(_ attributes: inout SpanAttributes, _ activity: AsyncActivityHandle.Reference) {
            if case .id(let workflowID, let runID, let activityID) = activity {
                setExecution(&attributes, workflowID, runID)
                attributes[Key.activityID] = activityID
            }
        }
    }
}

extension AsyncActivityHandle.Reference {
    /// Whether the activity is named by ids rather than a task token (the two use different RPCs).
    fileprivate var isByID: Bool {
        if case .id = self { return true }
        return false
    }
}
