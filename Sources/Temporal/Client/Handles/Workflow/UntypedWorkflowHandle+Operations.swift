public import TernAPI
public import GRPCCore
public import Foundation

extension UntypedWorkflowHandle {
    /// Waits for the workflow to close and decodes its result as `resultTypes` (none for a
    /// workflow without a result). Continue-as-new and retries are followed unless `followRuns`
    /// is false. Each wait for a close event goes through the client's interceptors as a history
    /// fetch.
    ///
    /// - Throws: ``WorkflowFailedError`` for a failed, cancelled, terminated or timed-out run.
    public func result<each Result: Sendable>(
        followRuns: Bool = true,
        resultTypes: repeat (each Result).Type,
        callOptions: CallOptions? = nil
    ) async throws -> (repeat each Result) {
        try await workflowService.workflowResult(
            id: id, runID: resultRunID ?? runID, followRuns: followRuns, resultTypes: repeat each resultTypes
        ) { runID in
            try await closeEvent(runID: runID, callOptions: callOptions)
        }
    }

    /// Reads the targeted run's history into an array.
    public func fetchHistoryEvents(
        waitNewEvent: Bool = false,
        eventFilterType: Api.Enums.V1.HistoryEventFilterType = .allEvent,
        skipArchival: Bool = false,
        callOptions: CallOptions? = nil
    ) async throws -> [Api.History.V1.HistoryEvent] {
        try await fetchHistoryEvents(
            FetchWorkflowHistoryEventsInput(
                id: id, runID: runID, waitNewEvent: waitNewEvent, eventFilterType: eventFilterType,
                skipArchival: skipArchival, callOptions: callOptions))
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

    /// The targeted run's history as a sequence that fetches one page at a time (not seen by the
    /// client's interceptors, whose history hook returns whole arrays).
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
        let signal = SignalWorkflowInput(
            id: id, runID: runID, name: signalName, headers: [:], input: repeat each input, callOptions: callOptions)
        try await client.intercepted(signal) {
            try await $0.signalWorkflow(input: $1, next: $2)
        } rpc: { call in
            try await workflowService.signalWorkflow(
                workflowID: call.id, runID: call.runID, signalName: call.name, headers: call.headers,
                input: repeat each call.input, callOptions: call.callOptions)
        }
    }

    /// Runs a query by name and decodes its answer as `resultTypes`.
    public func query<each Input: Sendable, each Result: Sendable>(
        queryName: String,
        rejectionCondition: Api.Enums.V1.QueryRejectCondition? = nil,
        input: repeat each Input,
        resultTypes: repeat (each Result).Type,
        callOptions: CallOptions? = nil
    ) async throws -> (repeat each Result) {
        let query = QueryWorkflowInput(
            id: id, runID: runID, queryName: queryName, rejectionCondition: rejectionCondition, headers: [:],
            input: repeat each input, callOptions: callOptions)
        return try await client.intercepted(query) {
            try await $0.queryWorkflow(input: $1, next: $2)
        } rpc: { call in
            try await workflowService.queryWorkflow(
                workflowID: call.id, runID: call.runID, queryName: call.queryName,
                rejectionCondition: call.rejectionCondition, headers: call.headers, input: repeat each call.input,
                resultTypes: repeat each resultTypes, callOptions: call.callOptions)
        }
    }

    /// Describes the targeted run.
    public func describe(callOptions: CallOptions? = nil) async throws -> WorkflowExecutionDescription {
        try await client.intercepted(DescribeWorkflowInput(id: id, runID: runID, callOptions: callOptions)) {
            try await $0.describeWorkflow(input: $1, next: $2)
        } rpc: { call in
            try await workflowService.describeWorkflow(workflowID: call.id, runID: call.runID, callOptions: call.callOptions)
        }
    }

    /// Sends an update by name and returns a handle on it once it reached `waitForStage`.
    public func startUpdate<each Input: Sendable>(
        updateName: String,
        updateID: String = UUID().uuidString,
        waitForStage: WorkflowUpdateStage,
        input: repeat each Input,
        callOptions: CallOptions? = nil
    ) async throws -> UntypedWorkflowUpdateHandle {
        let update = StartWorkflowUpdateInput(
            id: id, runID: runID, updateID: updateID, updateName: updateName, waitForStage: waitForStage,
            firstExecutionRunID: firstExecutionRunID, headers: [:], input: repeat each input, callOptions: callOptions)
        return try await client.intercepted(update) {
            try await $0.startWorkflowUpdate(input: $1, next: $2)
        } rpc: { call in
            let started = try await workflowService.sendUpdate(
                workflowID: call.id, runID: call.runID, firstExecutionRunID: call.firstExecutionRunID,
                updateID: call.updateID, updateName: call.updateName, waitForStage: call.waitForStage,
                headers: call.headers,
                input: try await client.dataConverter.convertValuesToPayloads(repeat each call.input),
                callOptions: call.callOptions)
            return UntypedWorkflowUpdateHandle(
                client: client, id: started.updateID, workflowID: call.id, workflowRunID: call.runID,
                knownOutcome: started.outcome)
        }
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
        let cancel = CancelWorkflowInput(
            id: id, runID: runID, firstExecutionRunID: firstExecutionRunID, callOptions: callOptions)
        try await client.intercepted(cancel) {
            try await $0.cancelWorkflow(input: $1, next: $2)
        } rpc: { call in
            try await workflowService.cancelWorkflow(
                id: call.id, runID: call.runID, firstExecutionRunID: call.firstExecutionRunID,
                callOptions: call.callOptions)
        }
    }

    /// Ends the workflow at once, recording `reason` and `details`.
    public func terminate<each Detail: Sendable>(
        reason: String? = nil,
        details: repeat each Detail,
        callOptions: CallOptions? = nil
    ) async throws {
        let terminate = TerminateWorkflowInput(
            id: id, runID: runID, firstExecutionRunID: firstExecutionRunID, reason: reason,
            details: repeat each details, callOptions: callOptions)
        try await client.intercepted(terminate) {
            try await $0.terminateWorkflow(input: $1, next: $2)
        } rpc: { call in
            try await workflowService.terminateWorkflow(
                id: call.id, runID: call.runID, firstExecutionRunID: call.firstExecutionRunID, reason: call.reason,
                details: repeat each call.details, callOptions: call.callOptions)
        }
    }

    /// A history read through the client's interceptors.
    private func fetchHistoryEvents(_ fetch: FetchWorkflowHistoryEventsInput) async throws -> [Api.History.V1.HistoryEvent] {
        try await client.intercepted(fetch) {
            try await $0.fetchWorkflowHistoryEvents(input: $1, next: $2)
        } rpc: { call in
            try await workflowService.fetchWorkflowHistoryEvents(
                id: call.id, runID: call.runID, waitNewEvent: call.waitNewEvent, eventFilterType: call.eventFilterType,
                skipArchival: call.skipArchival, callOptions: call.callOptions)
        }
    }

    /// Long-polls a run's history for its close event, as a history fetch the interceptors see.
    private func closeEvent(runID: String?, callOptions: CallOptions?) async throws -> Api.History.V1.HistoryEvent {
        let fetch = FetchWorkflowHistoryEventsInput(
            id: id, runID: runID, waitNewEvent: true, eventFilterType: .closeEvent, skipArchival: true,
            callOptions: callOptions)
        while true {
            // A poll that ended before the run closed may bring no event: ask again.
            do {
                if let event = try await fetchHistoryEvents(fetch).last { return event }
            } catch is WorkflowHistoryEmptyError {
                continue
            }
        }
    }
}
