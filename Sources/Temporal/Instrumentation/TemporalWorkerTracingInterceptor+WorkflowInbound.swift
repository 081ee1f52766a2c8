internal import Tracing

extension TemporalWorkerTracingInterceptor {
    /// Spans around workflow code: the run, and each signal, query, update and update validation.
    public struct WorkflowInbound: WorkflowInboundInterceptor {
        let spans: WorkerSpans

        public func executeWorkflow<Workflow>(
            input: ExecuteWorkflowInput<Workflow>,
            next: (ExecuteWorkflowInput<Workflow>) async throws -> Workflow.Output
        ) async throws -> Workflow.Output {
            try await spans.inbound(
                "RunWorkflow:\(input.info.workflowName)", headers: input.headers, attributes: WorkerSpans.attributes(input.info)
            ) { try await next(input) }
        }

        public func handleSignal<Signal>(
            input: HandleSignalInput<Signal>,
            next: (HandleSignalInput<Signal>) async throws -> Void
        ) async throws {
            try await spans.inbound(
                "HandleSignal:\(input.name)", headers: input.headers, attributes: WorkerSpans.attributes(input.info)
            ) { try await next(input) }
        }

        public func handleQuery<Query>(
            input: HandleQueryInput<Query>,
            next: (HandleQueryInput<Query>) throws -> Query.Output
        ) throws -> Query.Output {
            try spans.inbound(
                "HandleQuery:\(input.name)", headers: input.headers, attributes: WorkerSpans.attributes(input.info)
            ) { try next(input) }
        }

        public func handleUpdate<Update>(
            input: HandleUpdateInput<Update>,
            next: (HandleUpdateInput<Update>) async throws -> Update.Output
        ) async throws -> Update.Output {
            var attributes = WorkerSpans.attributes(input.info)
            attributes["temporalUpdateID"] = input.id
            return try await spans.inbound("HandleUpdate:\(input.name)", headers: input.headers, attributes: attributes) {
                try await next(input)
            }
        }

        public func validateUpdate<Update>(
            input: HandleUpdateInput<Update>,
            next: (HandleUpdateInput<Update>) throws -> Void
        ) throws {
            var attributes = WorkerSpans.attributes(input.info)
            attributes["temporalUpdateID"] = input.id
            try spans.inbound("ValidateUpdate:\(input.name)", headers: input.headers, attributes: attributes) {
                try next(input)
            }
        }
    }
}
