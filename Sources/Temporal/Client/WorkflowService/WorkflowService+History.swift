public import GRPCCore
import Foundation

extension TemporalClient.WorkflowService {
    /// Reads a run's history, every page of it, into an array.
    ///
    /// With `waitNewEvent`, a run that is still open is followed until it closes.
    ///
    /// - Throws: ``WorkflowHistoryEmptyError`` when the server returned no events.
    public func fetchWorkflowHistoryEvents(
        id: String,
        runID: String? = nil,
        waitNewEvent: Bool? = nil,
        eventFilterType: Api.Enums.V1.HistoryEventFilterType? = nil,
        skipArchival: Bool? = nil,
        callOptions: CallOptions? = nil
    ) async throws -> [Api.History.V1.HistoryEvent] {
        var events: [Api.History.V1.HistoryEvent] = []
        let stream = fetchWorkflowHistoryEventStream(
            id: id, runID: runID, waitNewEvent: waitNewEvent, eventFilterType: eventFilterType,
            skipArchival: skipArchival, callOptions: callOptions)
        for try await event in stream { events.append(event) }
        if events.isEmpty { throw WorkflowHistoryEmptyError(message: "The server returned an empty history for workflow \(id)") }
        return events
    }

    /// A run's history as an asynchronous sequence that fetches a page at a time.
    public func fetchWorkflowHistoryEventStream(
        id: String,
        runID: String? = nil,
        waitNewEvent: Bool? = nil,
        eventFilterType: Api.Enums.V1.HistoryEventFilterType? = nil,
        skipArchival: Bool? = nil,
        callOptions: CallOptions? = nil
    ) -> some AsyncSequence<Api.History.V1.HistoryEvent, any Error> & Sendable {
        let service = self.service
        let request = Api.Workflowservice.V1.GetWorkflowExecutionHistoryRequest.with {
            $0.namespace = namespace
            $0.execution = execution(id, runID)
            $0.waitNewEvent = waitNewEvent ?? false
            $0.historyEventFilterType = eventFilterType ?? .allEvent
            $0.skipArchival = skipArchival ?? false
        }
        return PaginatedSequence { token in
            var request = request
            request.nextPageToken = token
            let response = try await Self.historyPage(request, service: service, callOptions: callOptions)
            return (response.history.events, response.nextPageToken)
        }
    }

    /// Waits for a run to close and decodes its result (following continue-as-new and retries
    /// unless `followRuns` is false).
    public func result<Output: Sendable>(
        id: String,
        runID: String? = nil,
        followRuns: Bool = true,
        callOptions: CallOptions? = nil
    ) async throws -> Output {
        try await workflowResult(id: id, runID: runID, followRuns: followRuns, resultTypes: Output.self) { runID in
            try await closeEvent(id: id, runID: runID, callOptions: callOptions)
        }
    }

    /// Waits for a run to close. A completed run's result is decoded as `resultTypes`; any other
    /// close throws ``WorkflowFailedError`` with the cause, or ``WorkflowContinuedAsNewError``
    /// when not following runs. `closeEvent` waits for the close event of the run it is given
    /// (handles send it through the client's interceptors).
    func workflowResult<each Result: Sendable>(
        id: String,
        runID: String?,
        followRuns: Bool,
        resultTypes: repeat (each Result).Type,
        closeEvent: (_ runID: String?) async throws -> Api.History.V1.HistoryEvent
    ) async throws -> (repeat each Result) {
        var runID = runID
        while true {
            let event = try await closeEvent(runID)
            switch event.attributes {
            case .workflowExecutionCompletedEventAttributes(let completed):
                if followRuns, !completed.newExecutionRunID.isEmpty {
                    runID = completed.newExecutionRunID
                    continue
                }
                return try await dataConverter.convertPayloadsToValues(completed.result.payloads, as: repeat each resultTypes)
            case .workflowExecutionFailedEventAttributes(let failed):
                if followRuns, !failed.newExecutionRunID.isEmpty {
                    runID = failed.newExecutionRunID
                    continue
                }
                throw WorkflowFailedError(cause: await dataConverter.convertFailure(failed.failure))
            case .workflowExecutionTimedOutEventAttributes(let timedOut):
                if followRuns, !timedOut.newExecutionRunID.isEmpty {
                    runID = timedOut.newExecutionRunID
                    continue
                }
                throw WorkflowFailedError(cause: TimeoutError(message: "Workflow execution timed out", type: .startToClose))
            case .workflowExecutionCanceledEventAttributes(let canceled):
                let details = try await dataConverter.decode(canceled.details.payloads)
                throw WorkflowFailedError(cause: CanceledError(message: "Workflow execution canceled", details: details))
            case .workflowExecutionTerminatedEventAttributes(let terminated):
                let reason = terminated.reason.isEmpty ? "no reason given" : terminated.reason
                let details = try await dataConverter.decode(terminated.details.payloads)
                throw WorkflowFailedError(
                    cause: TerminatedError(message: "Workflow execution terminated: \(reason)", details: details))
            case .workflowExecutionContinuedAsNewEventAttributes(let continued):
                guard !continued.newExecutionRunID.isEmpty else {
                    throw InvalidOperationError(message: "A continue-as-new event named no new run")
                }
                if followRuns {
                    runID = continued.newExecutionRunID
                    continue
                }
                throw WorkflowContinuedAsNewError(newRunID: continued.newExecutionRunID)
            default:
                throw UnknownWorkflowEventError(message: "Unexpected close event \(event.eventType)")
            }
        }
    }

    /// Long-polls a run's history for its close event, polling again each time a poll ends
    /// without one (unless the caller set its own deadline).
    private func closeEvent(id: String, runID: String?, callOptions: CallOptions?) async throws -> Api.History.V1.HistoryEvent {
        var request = Api.Workflowservice.V1.GetWorkflowExecutionHistoryRequest.with {
            $0.namespace = namespace
            $0.execution = execution(id, runID)
            $0.waitNewEvent = true
            $0.historyEventFilterType = .closeEvent
            $0.skipArchival = true
        }
        while true {
            let response: Api.Workflowservice.V1.GetWorkflowExecutionHistoryResponse
            do {
                response = try await service.getWorkflowExecutionHistory(request, options: callOptions ?? .longPoll)
            } catch let error as RPCError where error.code == .deadlineExceeded && callOptions?.timeout == nil {
                continue
            }
            if let event = response.history.events.last { return event }
            request.nextPageToken = response.nextPageToken
        }
    }

    /// One page of history; a long poll (`waitNewEvent`) gets the long-poll deadline by default.
    private static func historyPage(
        _ request: Api.Workflowservice.V1.GetWorkflowExecutionHistoryRequest,
        service: WorkflowServiceConnection.Service,
        callOptions: CallOptions?
    ) async throws -> Api.Workflowservice.V1.GetWorkflowExecutionHistoryResponse {
        let options = callOptions ?? (request.waitNewEvent ? .longPoll : .defaults)
        while true {
            do {
                return try await service.getWorkflowExecutionHistory(request, options: options)
            } catch let error as RPCError
                where error.code == .deadlineExceeded && request.waitNewEvent && callOptions?.timeout == nil {
                continue  // a long poll ran out without news: ask again
            }
        }
    }
}
