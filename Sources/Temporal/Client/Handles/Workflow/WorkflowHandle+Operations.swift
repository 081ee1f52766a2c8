public import TernAPI
public import GRPCCore
public import Foundation

extension WorkflowHandle {
    /// Waits for the workflow to close (following continue-as-new and retries unless told not
    /// to) and returns its output.
    public func result(followRuns: Bool = true, callOptions: CallOptions? = nil) async throws -> Workflow.Output {
        try await untypedHandle.result(followRuns: followRuns, resultTypes: Workflow.Output.self, callOptions: callOptions)
    }

    /// Reads the targeted run's history into an array.
    public func fetchHistoryEvents(
        waitNewEvent: Bool = false,
        eventFilterType: Api.Enums.V1.HistoryEventFilterType = .allEvent,
        skipArchival: Bool = false,
        callOptions: CallOptions? = nil
    ) async throws -> [Api.History.V1.HistoryEvent] {
        try await untypedHandle.fetchHistoryEvents(
            waitNewEvent: waitNewEvent, eventFilterType: eventFilterType, skipArchival: skipArchival,
            callOptions: callOptions)
    }

    /// Reads the targeted run's history as a ``WorkflowHistory``.
    public func fetchHistory(
        waitNewEvent: Bool = false,
        eventFilterType: Api.Enums.V1.HistoryEventFilterType = .allEvent,
        skipArchival: Bool = false,
        callOptions: CallOptions? = nil
    ) async throws -> WorkflowHistory {
        try await untypedHandle.fetchHistory(
            waitNewEvent: waitNewEvent, eventFilterType: eventFilterType, skipArchival: skipArchival,
            callOptions: callOptions)
    }

    /// The targeted run's history as a sequence that fetches one page at a time.
    public func fetchHistoryEventStream(
        waitNewEvent: Bool = false,
        eventFilterType: Api.Enums.V1.HistoryEventFilterType = .allEvent,
        skipArchival: Bool = false,
        callOptions: CallOptions? = nil
    ) -> some AsyncSequence<Api.History.V1.HistoryEvent, any Error> & Sendable {
        untypedHandle.fetchHistoryEventStream(
            waitNewEvent: waitNewEvent, eventFilterType: eventFilterType, skipArchival: skipArchival,
            callOptions: callOptions)
    }

    /// Sends a signal declared on the workflow.
    public func signal<Signal: WorkflowSignalDefinition>(
        signalType: Signal.Type = Signal.self,
        input: Signal.Input,
        callOptions: CallOptions? = nil
    ) async throws {
        try await untypedHandle.signal(signalName: Signal.name, input: input, callOptions: callOptions)
    }

    /// Sends a signal that carries no input.
    public func signal<Signal: WorkflowSignalDefinition>(
        signalType: Signal.Type = Signal.self,
        callOptions: CallOptions? = nil
    ) async throws where Signal.Input == Void {
        try await signal(signalType: signalType, input: (), callOptions: callOptions)
    }

    /// Runs a query declared on the workflow.
    public func query<Query: WorkflowQueryDefinition>(
        queryType: Query.Type = Query.self,
        rejectionCondition: Api.Enums.V1.QueryRejectCondition? = nil,
        input: Query.Input,
        callOptions: CallOptions? = nil
    ) async throws -> Query.Output {
        try await untypedHandle.query(
            queryName: Query.name, rejectionCondition: rejectionCondition, input: input,
            resultTypes: Query.Output.self, callOptions: callOptions)
    }

    /// Runs a query that takes no input.
    public func query<Query: WorkflowQueryDefinition>(
        queryType: Query.Type = Query.self,
        rejectionCondition: Api.Enums.V1.QueryRejectCondition? = nil,
        callOptions: CallOptions? = nil
    ) async throws -> Query.Output where Query.Input == Void {
        try await query(queryType: queryType, rejectionCondition: rejectionCondition, input: (), callOptions: callOptions)
    }

    /// Describes the targeted run.
    public func describe(callOptions: CallOptions? = nil) async throws -> WorkflowExecutionDescription {
        try await untypedHandle.describe(callOptions: callOptions)
    }

    /// Sends an update declared on the workflow and returns a handle on it once it reached
    /// `waitForStage`.
    public func startUpdate<WorkflowUpdate: WorkflowUpdateDefinition>(
        updateType: WorkflowUpdate.Type = WorkflowUpdate.self,
        updateID: String = UUID().uuidString,
        waitForStage: WorkflowUpdateStage,
        input: WorkflowUpdate.Input,
        callOptions: CallOptions? = nil
    ) async throws -> WorkflowUpdateHandle<WorkflowUpdate> {
        WorkflowUpdateHandle(
            untypedHandle: try await untypedHandle.startUpdate(
                updateName: WorkflowUpdate.name, updateID: updateID, waitForStage: waitForStage, input: input,
                callOptions: callOptions))
    }

    /// Sends an update declared on the workflow and waits for its result.
    ///
    /// - Throws: ``WorkflowUpdateFailedError`` when the workflow rejected or failed the update.
    public func executeUpdate<Update: WorkflowUpdateDefinition>(
        updateType: Update.Type = Update.self,
        updateID: String = UUID().uuidString,
        input: Update.Input,
        callOptions: CallOptions? = nil
    ) async throws -> Update.Output {
        try await untypedHandle.executeUpdate(
            updateName: Update.name, updateID: updateID, input: input, resultTypes: Update.Output.self,
            callOptions: callOptions)
    }

    /// Sends an update that takes no input and waits for its result.
    public func executeUpdate<Update: WorkflowUpdateDefinition>(
        updateType: Update.Type = Update.self,
        updateID: String = UUID().uuidString,
        callOptions: CallOptions? = nil
    ) async throws -> Update.Output where Update.Input == Void {
        try await executeUpdate(updateType: updateType, updateID: updateID, input: (), callOptions: callOptions)
    }

    /// A handle on an update of this workflow sent earlier, by id.
    public func getUpdateHandle<WorkflowUpdate: WorkflowUpdateDefinition>(
        updateType: WorkflowUpdate.Type = WorkflowUpdate.self,
        id: String
    ) -> WorkflowUpdateHandle<WorkflowUpdate> {
        WorkflowUpdateHandle(untypedHandle: untypedHandle.getUpdateHandle(id: id))
    }

    /// Asks the workflow to cancel.
    public func cancel(callOptions: CallOptions? = nil) async throws {
        try await untypedHandle.cancel(callOptions: callOptions)
    }

    /// Ends the workflow at once, recording `reason` and `details`.
    public func terminate<each Detail: Sendable>(
        reason: String? = nil,
        details: repeat each Detail,
        callOptions: CallOptions? = nil
    ) async throws {
        try await untypedHandle.terminate(reason: reason, details: repeat each details, callOptions: callOptions)
    }
}
