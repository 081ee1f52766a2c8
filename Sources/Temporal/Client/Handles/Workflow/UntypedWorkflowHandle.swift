public import GRPCCore
import Foundation
import TernAPI

/// A workflow execution, by id: the operations of ``WorkflowHandle`` with explicit names and types.
public struct UntypedWorkflowHandle: Sendable {
    let client: TemporalClient
    public let id: String
    public let runID: String?
    public let resultRunID: String?
    public let firstExecutionRunID: String?

    init(client: TemporalClient, id: String, runID: String?, resultRunID: String?, firstExecutionRunID: String?) {
        self.client = client
        self.id = id
        self.runID = runID
        self.resultRunID = resultRunID
        self.firstExecutionRunID = firstExecutionRunID
    }

    private var namespace: String { client.configuration.namespace }
    private var converter: DataConverter { client.dataConverter }

    private func execution(_ runID: String?) -> Api.Common.V1.WorkflowExecution {
        .with {
            $0.workflowID = id
            $0.runID = runID ?? ""
        }
    }

    /// Waits for the run to close; a failed, cancelled, terminated or timed-out run throws
    /// ``WorkflowFailedError`` with the cause.
    public func result<Result: Sendable>(
        resultType: Result.Type = Result.self, followRuns: Bool = true, callOptions: CallOptions? = nil
    ) async throws -> Result {
        var runID = resultRunID ?? self.runID
        while true {
            let event = try await closeEvent(runID: runID, callOptions: callOptions)
            switch event.attributes {
            case .workflowExecutionCompletedEventAttributes(let completed):
                if followRuns, !completed.newExecutionRunID.isEmpty {
                    runID = completed.newExecutionRunID
                    continue
                }
                let payloads = try await converter.decodedPayloads(completed.result.payloads)
                return try converter.payloadConverter.value(from: payloads, as: Result.self)
            case .workflowExecutionFailedEventAttributes(let failed):
                if followRuns, !failed.newExecutionRunID.isEmpty {
                    runID = failed.newExecutionRunID
                    continue
                }
                throw WorkflowFailedError(cause: await converter.convertFailure(failed.failure))
            case .workflowExecutionTimedOutEventAttributes(let timedOut):
                if followRuns, !timedOut.newExecutionRunID.isEmpty {
                    runID = timedOut.newExecutionRunID
                    continue
                }
                throw WorkflowFailedError(cause: TimeoutError(message: "Workflow execution timed out", type: .startToClose))
            case .workflowExecutionCanceledEventAttributes(let canceled):
                let details = try await converter.decodedPayloads(canceled.details.payloads)
                throw WorkflowFailedError(cause: CanceledError(message: "Workflow execution canceled", details: details))
            case .workflowExecutionTerminatedEventAttributes(let terminated):
                throw WorkflowFailedError(cause: TerminatedError(message: terminated.reason.isEmpty ? "Workflow execution terminated" : terminated.reason, details: terminated.details.payloads))
            case .workflowExecutionContinuedAsNewEventAttributes(let continued):
                if followRuns {
                    runID = continued.newExecutionRunID
                    continue
                }
                throw WorkflowContinuedAsNewError(newRunID: continued.newExecutionRunID)
            default:
                continue
            }
        }
    }

    /// Long-polls the run's history for its close event.
    private func closeEvent(runID: String?, callOptions: CallOptions?) async throws -> Api.History.V1.HistoryEvent {
        var token = Data()
        while true {
            let response: Api.Workflowservice.V1.GetWorkflowExecutionHistoryResponse
            do {
                response = try await client.service.getWorkflowExecutionHistory(
                .with {
                    $0.namespace = namespace
                    $0.execution = execution(runID)
                    $0.waitNewEvent = true
                    $0.historyEventFilterType = .closeEvent
                    $0.skipArchival = true
                    $0.nextPageToken = token
                }, options: callOptions ?? .longPoll)
            } catch let error as RPCError where error.code == .deadlineExceeded && callOptions?.timeout == nil {
                continue  // the long poll ended without news: poll again
            }
            if let event = response.history.events.last { return event }
            token = response.nextPageToken
        }
    }

    public func signal<each Input: Sendable>(
        signalName: String, input: repeat each Input, callOptions: CallOptions? = nil
    ) async throws {
        let payloads = try await converter.encodedPayloads(converter.payloadConverter.payloads(forEach: repeat each input))
        _ = try await client.service.signalWorkflowExecution(
            .with {
                $0.namespace = namespace
                $0.workflowExecution = execution(runID)
                $0.signalName = signalName
                if !payloads.isEmpty { $0.input = .with { $0.payloads = payloads } }
                $0.identity = client.configuration.identity
                $0.requestID = UUID().uuidString
            }, options: callOptions ?? .defaults)
    }

    public func query<each Input: Sendable, Result: Sendable>(
        queryName: String,
        rejectionCondition: Api.Enums.V1.QueryRejectCondition? = nil,
        input: repeat each Input,
        resultType: Result.Type = Result.self,
        callOptions: CallOptions? = nil
    ) async throws -> Result {
        let payloads = try await converter.encodedPayloads(converter.payloadConverter.payloads(forEach: repeat each input))
        let response = try await client.service.queryWorkflow(
            .with {
                $0.namespace = namespace
                $0.execution = execution(runID)
                $0.query = .with {
                    $0.queryType = queryName
                    if !payloads.isEmpty { $0.queryArgs = .with { $0.payloads = payloads } }
                }
                if let condition = rejectionCondition ?? client.configuration.queryRejectCondition { $0.queryRejectCondition = condition }
            }, options: callOptions ?? .defaults)
        if response.hasQueryRejected {
            throw WorkflowQueryRejectedError(workflowExecutionStatus: response.queryRejected.status)
        }
        let result = try await converter.decodedPayloads(response.queryResult.payloads)
        return try converter.payloadConverter.value(from: result, as: Result.self)
    }

    /// Sends an update and waits until it completed; its failure or rejection is thrown as
    /// ``WorkflowUpdateFailedError``.
    public func executeUpdate<each Input: Sendable, Result: Sendable>(
        updateName: String,
        updateID: String = UUID().uuidString,
        input: repeat each Input,
        resultType: Result.Type = Result.self,
        callOptions: CallOptions? = nil
    ) async throws -> Result {
        let payloads = try await converter.encodedPayloads(converter.payloadConverter.payloads(forEach: repeat each input))
        let request = Api.Workflowservice.V1.UpdateWorkflowExecutionRequest.with {
            $0.namespace = namespace
            $0.workflowExecution = execution(runID)
            $0.waitPolicy = .with { $0.lifecycleStage = .completed }
            $0.request = .with {
                $0.meta = .with {
                    $0.updateID = updateID
                    $0.identity = client.configuration.identity
                }
                $0.input = .with {
                    $0.name = updateName
                    if !payloads.isEmpty { $0.args = .with { $0.payloads = payloads } }
                }
            }
        }
        var outcome: Api.Update.V1.Outcome?
        while outcome == nil {
            do {
                let response = try await client.service.updateWorkflowExecution(request, options: callOptions ?? .longPoll)
                if response.hasOutcome { outcome = response.outcome }
            } catch let error as RPCError where error.code == .deadlineExceeded && callOptions?.timeout == nil {
                continue  // asking again with the same update id waits for the same update
            }
        }
        switch outcome?.value {
        case .success(let result):
            let decoded = try await converter.decodedPayloads(result.payloads)
            return try converter.payloadConverter.value(from: decoded, as: Result.self)
        case .failure(let failure):
            throw WorkflowUpdateFailedError(cause: await converter.convertFailure(failure))
        case nil:
            throw WorkflowUpdateFailedError(cause: ApplicationError(message: "Update \(updateID) ended without an outcome"))
        }
    }

    public func cancel(callOptions: CallOptions? = nil) async throws {
        _ = try await client.service.requestCancelWorkflowExecution(
            .with {
                $0.namespace = namespace
                $0.workflowExecution = execution(runID)
                $0.identity = client.configuration.identity
                $0.requestID = UUID().uuidString
                $0.firstExecutionRunID = firstExecutionRunID ?? ""
            }, options: callOptions ?? .defaults)
    }

    public func terminate<each Detail: Sendable>(
        reason: String? = nil, details: repeat each Detail, callOptions: CallOptions? = nil
    ) async throws {
        let payloads = try await converter.encodedPayloads(converter.payloadConverter.payloads(forEach: repeat each details))
        _ = try await client.service.terminateWorkflowExecution(
            .with {
                $0.namespace = namespace
                $0.workflowExecution = execution(runID)
                $0.reason = reason ?? ""
                if !payloads.isEmpty { $0.details = .with { $0.payloads = payloads } }
                $0.identity = client.configuration.identity
                $0.firstExecutionRunID = firstExecutionRunID ?? ""
            }, options: callOptions ?? .defaults)
    }
}
