import GRPCCore
import Foundation

extension TemporalClient.WorkflowService {
    /// Starts a workflow by type name and returns the new run's id.
    ///
    /// - Throws: ``WorkflowAlreadyStartedError`` when the id is taken and the options' id
    ///   policies forbid another run; other failures as `GRPCCore.RPCError`.
    public func startWorkflow<each Input: Sendable>(
        name: String,
        options: WorkflowOptions,
        headers: [String: Api.Common.V1.Payload] = [:],
        input: repeat each Input
    ) async throws -> String {
        try await startWorkflow(
            name: name, options: options, headers: headers,
            input: try await dataConverter.convertValuesToPayloads(repeat each input), callOptions: options.callOptions)
    }

    /// Starts a workflow with arguments already converted; `callOptions` rather than the options'
    /// own apply to the call.
    func startWorkflow(
        name: String,
        options: WorkflowOptions,
        headers: [String: Api.Common.V1.Payload],
        input: [Api.Common.V1.Payload],
        callOptions: CallOptions?
    ) async throws -> String {
        var request = try await startRequest(name: name, options: options, headers: headers)
        if !input.isEmpty { request.input = .with { $0.payloads = input } }
        do {
            return try await service.startWorkflowExecution(request, options: callOptions ?? .defaults).runID
        } catch let error as RPCError where error.code == .alreadyExists {
            throw WorkflowAlreadyStartedError(cause: error, workflowID: options.id, runID: nil, workflowName: name)
        }
    }

    /// Starts a workflow of a type known here and returns the new run's id.
    public func startWorkflow<Workflow: WorkflowDefinition>(
        type: Workflow.Type = Workflow.self,
        options: WorkflowOptions,
        headers: [String: Api.Common.V1.Payload] = [:],
        input: Workflow.Input
    ) async throws -> String {
        try await startWorkflow(name: Workflow.name, options: options, headers: headers, input: input)
    }

    /// Starts a workflow that takes no input and returns the new run's id.
    public func startWorkflow<Workflow: WorkflowDefinition>(
        type: Workflow.Type = Workflow.self,
        options: WorkflowOptions,
        headers: [String: Api.Common.V1.Payload] = [:]
    ) async throws -> String where Workflow.Input == Void {
        try await startWorkflow(name: Workflow.name, options: options, headers: headers, input: ())
    }

    /// Sends a signal to the workflow with `options.id`, starting it first if no run is open;
    /// returns the id of the run that got the signal. `callOptions` rather than the options' own
    /// apply to the call.
    func signalWithStartWorkflow(
        name: String,
        options: WorkflowOptions,
        headers: [String: Api.Common.V1.Payload] = [:],
        input: [Api.Common.V1.Payload],
        signalName: String,
        signalInput: [Api.Common.V1.Payload],
        callOptions: CallOptions?
    ) async throws -> String {
        let start = try await startRequest(name: name, options: options, headers: headers)
        let request = Api.Workflowservice.V1.SignalWithStartWorkflowExecutionRequest.with {
            $0.namespace = start.namespace
            $0.workflowID = start.workflowID
            $0.workflowType = start.workflowType
            $0.taskQueue = start.taskQueue
            if !input.isEmpty { $0.input = .with { $0.payloads = input } }
            if start.hasWorkflowExecutionTimeout { $0.workflowExecutionTimeout = start.workflowExecutionTimeout }
            if start.hasWorkflowRunTimeout { $0.workflowRunTimeout = start.workflowRunTimeout }
            if start.hasWorkflowTaskTimeout { $0.workflowTaskTimeout = start.workflowTaskTimeout }
            if start.hasWorkflowStartDelay { $0.workflowStartDelay = start.workflowStartDelay }
            $0.identity = start.identity
            $0.requestID = start.requestID
            $0.workflowIDReusePolicy = start.workflowIDReusePolicy
            // Signal-with-start exists to reach an open run, which `.fail` (the options' default)
            // would refuse: that policy is sent as `.useExisting`.
            $0.workflowIDConflictPolicy =
                start.workflowIDConflictPolicy == .fail ? .useExisting : start.workflowIDConflictPolicy
            $0.signalName = signalName
            if !signalInput.isEmpty { $0.signalInput = .with { $0.payloads = signalInput } }
            if start.hasRetryPolicy { $0.retryPolicy = start.retryPolicy }
            $0.cronSchedule = start.cronSchedule
            if start.hasMemo { $0.memo = start.memo }
            if start.hasSearchAttributes { $0.searchAttributes = start.searchAttributes }
            if start.hasHeader { $0.header = start.header }
            if start.hasUserMetadata { $0.userMetadata = start.userMetadata }
            if start.hasPriority { $0.priority = start.priority }
            if start.hasVersioningOverride { $0.versioningOverride = start.versioningOverride }
        }
        do {
            return try await service.signalWithStartWorkflowExecution(request, options: callOptions ?? .defaults).runID
        } catch let error as RPCError where error.code == .alreadyExists {
            throw WorkflowAlreadyStartedError(cause: error, workflowID: options.id, runID: nil, workflowName: name)
        }
    }

    /// The StartWorkflowExecution request for `options`, without input: memo values are
    /// converted and encoded, headers encoded.
    func startRequest(
        name: String, options: WorkflowOptions, headers: [String: Api.Common.V1.Payload]
    ) async throws -> Api.Workflowservice.V1.StartWorkflowExecutionRequest {
        var plain = options
        plain.memo = nil
        var request = try plain.startRequest(
            workflowName: name, namespace: namespace, identity: identity, payloadConverter: dataConverter.payloadConverter)
        if let memo = options.memo { request.memo = try await dataConverter.convertMemo(memo) }
        if !headers.isEmpty { request.header = try await dataConverter.encodeHeader(headers) }
        return request
    }
}
