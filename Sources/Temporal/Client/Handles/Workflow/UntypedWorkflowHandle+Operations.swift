public import TernAPI
public import GRPCCore
public import Foundation

extension UntypedWorkflowHandle {
    /// Waits for the workflow to close and decodes its result as `resultTypes` (none for a
    /// workflow without a result). Continue-as-new and retries are followed unless `followRuns`
    /// is false.
    ///
    /// - Throws: ``WorkflowFailedError`` for a failed, cancelled, terminated or timed-out run.
    public func result<each Result: Sendable>(
        followRuns: Bool = true,
        resultTypes: repeat (each Result).Type,
        callOptions: CallOptions? = nil
    ) async throws -> (repeat each Result) {
        try await workflowService.workflowResult(
            id: id, runID: resultRunID ?? runID, followRuns: followRuns, resultTypes: repeat each resultTypes,
            callOptions: callOptions)
    }

    /// Reads the targeted run's history into an array.
    public func fetchHistoryEvents(
        waitNewEvent: Bool = false,
        eventFilterType: Api.Enums.V1.HistoryEventFilterType = .allEvent,
        skipArchival: Bool = false,
        callOptions: CallOptions? = nil
    ) async throws -> [Api.History.V1.HistoryEvent] {
        try await workflowService.fetchWorkflowHistoryEvents(
            id: id, runID: runID, waitNewEvent: waitNewEvent, eventFilterType: eventFilterType,
            skipArchival: skipArchival, callOptions: callOptions)
    }

    /// Reads the targeted run's history as a ``WorkflowHistory`` (for replaying it, say).
    public func fetchHistory(
        waitNewEvent: Bool = false,
        eventFilterType: Api.Enums.V1.HistoryEventFilterType = .allEvent,
        skipArchival: Bool = false,
        callOptions: CallOptions? = nil
    ) async throws -> WorkflowHistory {
        try WorkflowHistory(
            events: await fetchHistoryEvents(
                waitNewEvent: waitNewEvent, eventFilterType: eventFilterType, skipArchival: skipArchival,
                callOptions: callOptions))
    }

    /// The targeted run's history as a sequence that fetches one page at a time.
    public func fetchHistoryEventStream(
        waitNewEvent: Bool = false,
        eventFilterType: Api.Enums.V1.HistoryEventFilterType = .allEvent,
        skipArchival: Bool = false,
        callOptions: CallOptions? = nil
    ) -> some AsyncSequence<Api.History.V1.HistoryEvent, any Error> & Sendable {
        workflowService.fetchWorkflowHistoryEventStream(
            id: id, runID: runID, waitNewEvent: waitNewEvent, eventFilterType: eventFilterType,
            skipArchival: skipArchival, callOptions: callOptions)
    }

    /// Sends a signal by name.
    public func signal<each Input: Sendable>(
        signalName: String,
        input: repeat each Input,
        callOptions: CallOptions? = nil
    ) async throws {
        try await workflowService.signalWorkflow(
            workflowID: id, runID: runID, signalName: signalName, input: repeat each input, callOptions: callOptions)
    }

    /// Runs a query by name and decodes its answer as `resultTypes`.
    public func query<each Input: Sendable, each Result: Sendable>(
        queryName: String,
        rejectionCondition: Api.Enums.V1.QueryRejectCondition? = nil,
        input: repeat each Input,
        resultTypes: repeat (each Result).Type,
        callOptions: CallOptions? = nil
    ) async throws -> (repeat each Result) {
        try await workflowService.queryWorkflow(
            workflowID: id, runID: runID, queryName: queryName, rejectionCondition: rejectionCondition,
            input: repeat each input, resultTypes: repeat each resultTypes, callOptions: callOptions)
    }

    /// Describes the targeted run.
    public func describe(callOptions: CallOptions? = nil) async throws -> WorkflowExecutionDescription {
        try await workflowService.describeWorkflow(workflowID: id, runID: runID, callOptions: callOptions)
    }

    /// Sends an update by name and returns a handle on it once it reached `waitForStage`.
    public func startUpdate<each Input: Sendable>(
        updateName: String,
        updateID: String = UUID().uuidString,
        waitForStage: WorkflowUpdateStage,
        input: repeat each Input,
        callOptions: CallOptions? = nil
    ) async throws -> UntypedWorkflowUpdateHandle {
        let started = try await workflowService.sendUpdate(
            workflowID: id, runID: runID, firstExecutionRunID: firstExecutionRunID, updateID: updateID,
            updateName: updateName, waitForStage: waitForStage, headers: [:],
            input: try await client.dataConverter.convertValuesToPayloads(repeat each input), callOptions: callOptions)
        return UntypedWorkflowUpdateHandle(
            client: client, id: started.updateID, workflowID: id, workflowRunID: runID, knownOutcome: started.outcome)
    }

    /// Sends an update by name and waits for its result.
    ///
    /// - Throws: ``WorkflowUpdateFailedError`` when the workflow rejected or failed the update.
    public func executeUpdate<each Input: Sendable, each Result: Sendable>(
        updateName: String,
        updateID: String = UUID().uuidString,
        input: repeat each Input,
        resultTypes: repeat (each Result).Type,
        callOptions: CallOptions? = nil
    ) async throws -> (repeat each Result) {
        try await startUpdate(
            updateName: updateName, updateID: updateID, waitForStage: .completed, input: repeat each input,
            callOptions: callOptions
        ).result(resultTypes: repeat each resultTypes, callOptions: callOptions)
    }

    /// A handle on an update of this workflow sent earlier, by id.
    public func getUpdateHandle(id: String) -> UntypedWorkflowUpdateHandle {
        UntypedWorkflowUpdateHandle(client: client, id: id, workflowID: self.id, workflowRunID: runID)
    }

    /// Asks the workflow to cancel.
    public func cancel(callOptions: CallOptions? = nil) async throws {
        try await workflowService.cancelWorkflow(
            id: id, runID: runID, firstExecutionRunID: firstExecutionRunID, callOptions: callOptions)
    }

    /// Ends the workflow at once, recording `reason` and `details`.
    public func terminate<each Detail: Sendable>(
        reason: String? = nil,
        details: repeat each Detail,
        callOptions: CallOptions? = nil
    ) async throws {
        try await workflowService.terminateWorkflow(
            id: id, runID: runID, firstExecutionRunID: firstExecutionRunID, reason: reason, details: repeat each details,
            callOptions: callOptions)
    }
}
