/// A registered workflow type with its static type known: decodes inputs to the definition's
/// types and calls its `run` and handlers. One per run (it holds the run's workflow value).
final class TypedWorkflowBody<Workflow: WorkflowDefinition>: WorkflowBody, @unchecked Sendable {
    private var state: WorkflowStateBox<Workflow>?

    var workflowName: String { Workflow.name }
    var signalNames: [String] { Workflow.signals.map { type(of: $0).name } }
    var queryNames: [String] { Workflow.queries.map { type(of: $0).name } }
    var updateNames: [String] { Workflow.updates.map { type(of: $0).name } }

    func start(arguments: [Api.Common.V1.Payload], headers: [String: Api.Common.V1.Payload], instance: WorkflowInstance) throws {
        let input = try instance.payloadConverter.value(from: arguments, as: Workflow.Input.self)
        let state = WorkflowStateBox(Workflow(input: input))
        self.state = state
        let context = WorkflowContext(instance: instance, state: state)
        let call = ExecuteWorkflowInput<Workflow>(info: instance.workflowInfo, headers: headers, input: input)
        instance.spawnMain {
            try await WorkflowInstance.$current.withValue(instance) {
                let output = try await InterceptorChain.run(
                    instance.interceptors.workflowInbound, input: call,
                    call: { interceptor, input, next in try await interceptor.executeWorkflow(input: input, next: next) },
                    operation: { input in
                        // A copy shares the stored properties (they live in shared storage), so handlers see `run`'s changes.
                        var workflow = state.value
                        return try await workflow.run(context: context, input: input.input)
                    })
                return try instance.payloadConverter.payloads(for: output)
            }
        }
    }

    func signal(
        _ name: String, arguments: [Api.Common.V1.Payload], headers: [String: Api.Common.V1.Payload], instance: WorkflowInstance
    ) -> Bool {
        guard let state, let definition = Workflow.signals.first(where: { type(of: $0).name == name }) else { return false }
        startSignal(definition, arguments: arguments, headers: headers, state: state, instance: instance)
        return true
    }

    private func startSignal<Signal: WorkflowSignalDefinition<Workflow>>(
        _ definition: Signal, arguments: [Api.Common.V1.Payload], headers: [String: Api.Common.V1.Payload],
        state: WorkflowStateBox<Workflow>, instance: WorkflowInstance
    ) {
        let context = WorkflowContext(instance: instance, state: state)
        let input: Signal.Input
        do {
            input = try instance.payloadConverter.value(from: arguments, as: Signal.Input.self)
        } catch {
            instance.logger.warning("Signal dropped: its input does not decode", metadata: ["signal": "\(Signal.name)", "error": "\(error)"])
            return
        }
        let call = HandleSignalInput(info: instance.workflowInfo, name: Signal.name, definition: definition, headers: headers, input: input)
        instance.spawnHandler(RunningHandler(name: Signal.name), policy: Signal.unfinishedPolicy) {
            await WorkflowInstance.$current.withValue(instance) {
                do {
                    try await InterceptorChain.run(
                        instance.interceptors.workflowInbound, input: call,
                        call: { interceptor, input, next in try await interceptor.handleSignal(input: input, next: next) },
                        operation: { input in try await input.definition.run(workflow: state.value, context: context, input: input.input) })
                } catch {
                    // A failing signal handler fails the workflow, as in the other SDKs.
                    if instance.outcome == nil { instance.outcome = .failed(error) }
                }
            }
        }
    }

    func query(_ query: Api.Query.V1.WorkflowQuery, id: String, instance: WorkflowInstance) throws -> Api.Common.V1.Payload {
        guard let state, let definition = Workflow.queries.first(where: { type(of: $0).name == query.queryType }) else {
            throw UnknownQueryError(
                name: query.queryType, known: queryNames + [WorkflowInstance.stackTraceQuery, WorkflowInstance.metadataQuery])
        }
        return try runQuery(definition, query: query, id: id, state: state, instance: instance)
    }

    private func runQuery<Query: WorkflowQueryDefinition<Workflow>>(
        _ definition: Query, query: Api.Query.V1.WorkflowQuery, id: String, state: WorkflowStateBox<Workflow>,
        instance: WorkflowInstance
    ) throws -> Api.Common.V1.Payload {
        let input = try instance.payloadConverter.value(from: query.queryArgs.payloads, as: Query.Input.self)
        let call = HandleQueryInput(
            info: instance.workflowInfo, id: id, name: Query.name, definition: definition, headers: query.header.fields, input: input)
        let output = try InterceptorChain.run(
            instance.interceptors.workflowInbound, input: call,
            call: { interceptor, input, next in try interceptor.handleQuery(input: input, next: next) },
            operation: { input in
                try input.definition.run(workflow: state.value, view: WorkflowContextView(instance: instance), input: input.input)
            })
        return try instance.payloadConverter.payloads(for: output).first ?? instance.payloadConverter.convertValue(Optional<Int>.none as Any)
    }

    func update(_ name: String) -> UpdateHandler? {
        guard let definition = Workflow.updates.first(where: { type(of: $0).name == name }) else { return nil }
        return handler(for: definition)
    }

    private func handler<Update: WorkflowUpdateDefinition<Workflow>>(for definition: Update) -> UpdateHandler {
        // The validator and the handler see the same decoded input, through the same interceptors.
        @Sendable func updateInput(_ request: Api.Update.V1.Request, _ instance: WorkflowInstance) throws -> HandleUpdateInput<Update> {
            HandleUpdateInput(
                info: instance.workflowInfo, id: request.meta.updateID, name: Update.name, definition: definition,
                headers: request.input.header.fields,
                input: try instance.payloadConverter.value(from: request.input.args.payloads, as: Update.Input.self))
        }
        return UpdateHandler(
            validate: { [self] request, instance in
                guard let state else { throw UnknownUpdateError(name: Update.name, known: []) }
                try InterceptorChain.run(
                    instance.interceptors.workflowInbound, input: try updateInput(request, instance),
                    call: { interceptor, input, next in try interceptor.validateUpdate(input: input, next: next) },
                    operation: { input in try input.definition.validateInput(workflow: state.value, input.input) })
            },
            run: { [self] request, instance in
                guard let state else { throw UnknownUpdateError(name: Update.name, known: []) }
                let context = WorkflowContext(instance: instance, state: state)
                let output = try await WorkflowInstance.$current.withValue(instance) {
                    try await InterceptorChain.run(
                        instance.interceptors.workflowInbound, input: try updateInput(request, instance),
                        call: { interceptor, input, next in try await interceptor.handleUpdate(input: input, next: next) },
                        operation: { input in try await input.definition.run(workflow: state.value, context: context, input: input.input) })
                }
                return try instance.payloadConverter.payloads(for: output).first
            },
            unfinishedPolicy: Update.unfinishedPolicy)
    }

    var metadata: Api.Sdk.V1.WorkflowMetadata {
        func definition(_ name: String, _ description: String?) -> Api.Sdk.V1.WorkflowInteractionDefinition {
            .with {
                $0.name = name
                $0.description_p = description ?? ""
            }
        }
        return .with {
            $0.definition = .with {
                $0.type = Workflow.name
                $0.signalDefinitions = Workflow.signals.map { definition(type(of: $0).name, type(of: $0).description) }
                $0.queryDefinitions = Workflow.queries.map { definition(type(of: $0).name, type(of: $0).description) }
                $0.updateDefinitions = Workflow.updates.map { definition(type(of: $0).name, type(of: $0).description) }
            }
            $0.currentDetails = ""
        }
    }
}

/// The body that runs a registered workflow type (its static type opened from the existential).
func makeWorkflowBody(_ type: any WorkflowDefinition.Type) -> any WorkflowBody {
    func make<Workflow: WorkflowDefinition>(_: Workflow.Type) -> any WorkflowBody { TypedWorkflowBody<Workflow>() }
    return make(type)
}
