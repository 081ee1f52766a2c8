internal import Tracing

extension TemporalWorkerTracingInterceptor {
    /// Spans around what workflow code sends out; the work it starts (activities, children,
    /// signals, the next run) carries the span in its headers.
    public struct WorkflowOutbound: WorkflowOutboundInterceptor {
        let spans: WorkerSpans

        public func executeActivity<each Input, Output: Sendable>(
            input: ScheduleActivityInput<repeat each Input>,
            next: (ScheduleActivityInput<repeat each Input>) async throws -> Output
        ) async throws -> Output {
            try await spans.outbound(
                "StartActivity:\(input.name)", input: input, attributes: WorkerSpans.attributes(input.info), next: next)
        }

        public func executeLocalActivity<each Input, Output: Sendable>(
            input: ScheduleLocalActivityInput<repeat each Input>,
            next: (ScheduleLocalActivityInput<repeat each Input>) async throws -> Output
        ) async throws -> Output {
            try await spans.outbound(
                "StartLocalActivity:\(input.name)", input: input, attributes: WorkerSpans.attributes(input.info), next: next)
        }

        public func startChildWorkflow<each Input>(
            input: StartChildWorkflowInput<repeat each Input>,
            next: (StartChildWorkflowInput<repeat each Input>) async throws -> UntypedChildWorkflowHandle
        ) async throws -> UntypedChildWorkflowHandle {
            try await spans.outbound(
                "StartChildWorkflow:\(input.name)", input: input, attributes: WorkerSpans.attributes(input.info), next: next)
        }

        public func signalWorkflow<each Input>(
            input: SignalChildWorkflowInput<repeat each Input>,
            next: (SignalChildWorkflowInput<repeat each Input>) async throws -> Void
        ) async throws {
            var attributes = SpanAttributes()
            attributes["temporalWorkflowID"] = input.id
            try await spans.outbound("SignalChildWorkflow:\(input.name)", input: input, attributes: attributes, next: next)
        }

        public func signalExternalWorkflow<each Input>(
            input: SignalExternalWorkflowInput<repeat each Input>,
            next: (SignalExternalWorkflowInput<repeat each Input>) async throws -> Void
        ) async throws {
            try await spans.outbound(
                "SignalExternalWorkflow:\(input.name)", input: input, attributes: WorkerSpans.attributes(input.info), next: next)
        }

        public func makeContinueAsNewError<each Input>(
            input: MakeContinueAsNewErrorInput<repeat each Input>,
            next: (MakeContinueAsNewErrorInput<repeat each Input>) async throws -> ContinueAsNewError
        ) async throws -> ContinueAsNewError {
            try await spans.outbound(
                "ContinueAsNew:\(input.workflowName)", input: input, attributes: WorkerSpans.attributes(input.info), next: next)
        }
    }
}
