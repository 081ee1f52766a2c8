public import GRPCCore
import Foundation

/// A workflow execution, typed by its definition: wait for its result, signal, query, update,
/// describe, cancel or terminate it.
public struct WorkflowHandle<Workflow: WorkflowDefinition>: Sendable {
    let untypedHandle: UntypedWorkflowHandle

    public var id: String { untypedHandle.id }
    public var runID: String? { untypedHandle.runID }
    public var resultRunID: String? { untypedHandle.resultRunID }
    public var firstExecutionRunID: String? { untypedHandle.firstExecutionRunID }

    package init(untypedHandle: UntypedWorkflowHandle) { self.untypedHandle = untypedHandle }

    /// Waits for the workflow to close (following continue-as-new and retries unless told not to).
    public func result(followRuns: Bool = true, callOptions: CallOptions? = nil) async throws -> Workflow.Output {
        try await untypedHandle.result(resultType: Workflow.Output.self, followRuns: followRuns, callOptions: callOptions)
    }

    public func signal<Signal: WorkflowSignalDefinition>(
        signalType: Signal.Type = Signal.self, input: Signal.Input, callOptions: CallOptions? = nil
    ) async throws {
        try await untypedHandle.signal(signalName: Signal.name, input: input, callOptions: callOptions)
    }

    public func signal<Signal: WorkflowSignalDefinition>(
        signalType: Signal.Type = Signal.self, callOptions: CallOptions? = nil
    ) async throws where Signal.Input == Void {
        try await signal(signalType: signalType, input: (), callOptions: callOptions)
    }

    public func query<Query: WorkflowQueryDefinition>(
        queryType: Query.Type = Query.self,
        rejectionCondition: Api.Enums.V1.QueryRejectCondition? = nil,
        input: Query.Input,
        callOptions: CallOptions? = nil
    ) async throws -> Query.Output {
        try await untypedHandle.query(
            queryName: Query.name, rejectionCondition: rejectionCondition, input: input, resultType: Query.Output.self,
            callOptions: callOptions)
    }

    public func query<Query: WorkflowQueryDefinition>(
        queryType: Query.Type = Query.self,
        rejectionCondition: Api.Enums.V1.QueryRejectCondition? = nil,
        callOptions: CallOptions? = nil
    ) async throws -> Query.Output where Query.Input == Void {
        try await query(queryType: queryType, rejectionCondition: rejectionCondition, input: (), callOptions: callOptions)
    }

    /// Sends an update and waits for its result (a rejection or failure is thrown).
    public func executeUpdate<Update: WorkflowUpdateDefinition>(
        updateType: Update.Type = Update.self,
        updateID: String = UUID().uuidString,
        input: Update.Input,
        callOptions: CallOptions? = nil
    ) async throws -> Update.Output {
        try await untypedHandle.executeUpdate(
            updateName: Update.name, updateID: updateID, input: input, resultType: Update.Output.self, callOptions: callOptions)
    }

    public func executeUpdate<Update: WorkflowUpdateDefinition>(
        updateType: Update.Type = Update.self,
        updateID: String = UUID().uuidString,
        callOptions: CallOptions? = nil
    ) async throws -> Update.Output where Update.Input == Void {
        try await executeUpdate(updateType: updateType, updateID: updateID, input: (), callOptions: callOptions)
    }

    public func cancel(callOptions: CallOptions? = nil) async throws {
        try await untypedHandle.cancel(callOptions: callOptions)
    }

    public func terminate<each Detail: Sendable>(
        reason: String? = nil, details: repeat each Detail, callOptions: CallOptions? = nil
    ) async throws {
        try await untypedHandle.terminate(reason: reason, details: repeat each details, callOptions: callOptions)
    }
}
