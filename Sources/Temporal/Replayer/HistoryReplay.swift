import Logging

/// Replays one workflow history against the registered workflow types, with no server: the
/// workflow code runs again and every command it issues must match the history's events.
package enum HistoryReplay {
    /// Throws a `WorkflowNondeterminismError` naming the first mismatch, or the error that failed
    /// the replayed task.
    package static func replay(
        _ events: [Api.History.V1.HistoryEvent],
        workflows: [any WorkflowDefinition.Type],
        dataConverter: DataConverter = .default,
        namespace: String = "replay",
        interceptors: [any WorkerInterceptor] = [],
        logger: Logger = Logger(label: "replay", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws {
        guard let first = events.first, case .workflowExecutionStartedEventAttributes(let started) = first.attributes else {
            throw WorkflowHistoryEmptyError(message: "The history has no WorkflowExecutionStarted event to replay from")
        }
        let name = started.workflowType.name
        guard let type = workflows.first(where: { $0.name == name }) else {
            throw ApplicationError(message: "Workflow type \(name) is not among the types given to the replayer", type: "NotFoundError")
        }
        var decoded = events
        for index in decoded.indices { try await dataConverter.decode(&decoded[index]) }
        let instance = WorkflowInstance(
            body: makeWorkflowBody(type), namespace: namespace, taskQueue: started.taskQueue.name,
            payloadConverter: dataConverter.payloadConverter, failureConverter: dataConverter.failureConverter, logger: logger,
            interceptors: WorkerInterceptorSet(interceptors))
        let lastStarted = decoded.last(where: { $0.eventType == .workflowTaskStarted })?.eventID ?? 0
        do {
            _ = try instance.activate(WorkflowTaskInput(events: decoded, startedEventID: lastStarted))
        } catch let failure as NondeterminismFailure {
            throw WorkflowNondeterminismError(message: failure.description)
        }
        let closed = decoded.last.map { HistoryEventKind($0) == .command && $0.eventType.isClosing } ?? false
        if closed, instance.machines.hasUnrecordedCommands {
            throw WorkflowNondeterminismError(
                message: NondeterminismFailure("the workflow issued commands that the closed history does not hold").description)
        }
    }
}

extension Api.Enums.V1.EventType {
    var isClosing: Bool {
        switch self {
        case .workflowExecutionCompleted, .workflowExecutionFailed, .workflowExecutionCanceled,
            .workflowExecutionContinuedAsNew, .workflowExecutionTerminated, .workflowExecutionTimedOut:
            true
        default:
            false
        }
    }
}
