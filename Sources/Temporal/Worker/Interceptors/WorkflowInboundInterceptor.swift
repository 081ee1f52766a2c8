/// Wraps the calls into workflow code. Runs inside the workflow, so the same rules apply as to
/// workflow code: no I/O, no wall-clock time, nothing that differs between a run and its replay.
///
/// Each method gets the call's input and `next`, which runs the rest of the chain and then the
/// workflow's code; every method defaults to calling `next` unchanged.
public protocol WorkflowInboundInterceptor: Sendable {
    /// Wraps the workflow's `run`.
    func executeWorkflow<Workflow>(
        input: ExecuteWorkflowInput<Workflow>,
        next: (ExecuteWorkflowInput<Workflow>) async throws -> Workflow.Output
    ) async throws -> Workflow.Output

    /// Wraps a signal handler.
    func handleSignal<Signal>(
        input: HandleSignalInput<Signal>,
        next: (HandleSignalInput<Signal>) async throws -> Void
    ) async throws

    /// Wraps a query handler (queries are synchronous and must not change the workflow).
    func handleQuery<Query>(
        input: HandleQueryInput<Query>,
        next: (HandleQueryInput<Query>) throws -> Query.Output
    ) throws -> Query.Output

    /// Wraps an accepted update's handler.
    func handleUpdate<Update>(
        input: HandleUpdateInput<Update>,
        next: (HandleUpdateInput<Update>) async throws -> Update.Output
    ) async throws -> Update.Output

    /// Wraps an update's validator; throwing rejects the update.
    func validateUpdate<Update>(
        input: HandleUpdateInput<Update>,
        next: (HandleUpdateInput<Update>) throws -> Void
    ) throws
}

extension WorkflowInboundInterceptor {
    public func executeWorkflow<Workflow>(
        input: ExecuteWorkflowInput<Workflow>,
        next: (ExecuteWorkflowInput<Workflow>) async throws -> Workflow.Output
    ) async throws -> Workflow.Output {
        try await next(input)
    }

    public func handleSignal<Signal>(
        input: HandleSignalInput<Signal>,
        next: (HandleSignalInput<Signal>) async throws -> Void
    ) async throws {
        try await next(input)
    }

    public func handleQuery<Query>(
        input: HandleQueryInput<Query>,
        next: (HandleQueryInput<Query>) throws -> Query.Output
    ) throws -> Query.Output {
        try next(input)
    }

    public func handleUpdate<Update>(
        input: HandleUpdateInput<Update>,
        next: (HandleUpdateInput<Update>) async throws -> Update.Output
    ) async throws -> Update.Output {
        try await next(input)
    }

    public func validateUpdate<Update>(
        input: HandleUpdateInput<Update>,
        next: (HandleUpdateInput<Update>) throws -> Void
    ) throws {
        try next(input)
    }
}
