/// Signals and cancel requests to other workflows: SIGNAL_EXTERNAL_WORKFLOW_EXECUTION and
/// REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION, recorded as their INITIATED events, resolved when
/// the server delivered them (or could not).
final class ExternalRequestMachine: @unchecked Sendable {
    let description: String
    private(set) var initiatedEventID: Int64 = 0
    let delivered = PendingResult<Void>()

    init(description: String) { self.description = description }

    func initiated(at eventID: Int64) { initiatedEventID = eventID }
}

extension WorkflowInstance {
    func signalExternal(
        namespace: String, workflowID: String, runID: String?, signalName: String,
        arguments: [Api.Common.V1.Payload], headers: [String: Api.Common.V1.Payload], childWorkflowOnly: Bool
    ) async throws {
        let sequence = machines.nextSequence(.signalExternal)
        let machine = ExternalRequestMachine(description: "signal \(signalName) to workflow \(workflowID)")
        var command = Api.Command.V1.Command()
        command.commandType = .signalExternalWorkflowExecution
        command.signalExternalWorkflowExecutionCommandAttributes = .with {
            $0.namespace = namespace
            $0.execution = .with {
                $0.workflowID = workflowID
                $0.runID = runID ?? ""
            }
            $0.signalName = signalName
            if !arguments.isEmpty { $0.input = .with { $0.payloads = arguments } }
            if !headers.isEmpty { $0.header = .with { $0.fields = headers } }
            $0.control = "\(sequence)"
            $0.childWorkflowOnly = childWorkflowOnly
        }
        issueExternal(command, machine, expecting: .signalExternalWorkflowExecutionInitiated, target: workflowID) { event in
            event.signalExternalWorkflowExecutionInitiatedEventAttributes.workflowExecution.workflowID
        }
        try await withTaskCancellationHandler {
            try await machine.delivered.value()
        } onCancel: { [self] in
            if machines.withdraw(where: {
                $0.command.commandType == .signalExternalWorkflowExecution
                    && $0.command.signalExternalWorkflowExecutionCommandAttributes.control == "\(sequence)"
            }) {
                machine.delivered.resolve(.failure(CanceledError(message: "Signal was cancelled before it was sent")))
            }
        }
    }

    func cancelExternal(namespace: String, workflowID: String, runID: String?, childWorkflowOnly: Bool) async throws {
        let sequence = machines.nextSequence(.cancelExternal)
        let machine = ExternalRequestMachine(description: "cancel request to workflow \(workflowID)")
        var command = Api.Command.V1.Command()
        command.commandType = .requestCancelExternalWorkflowExecution
        command.requestCancelExternalWorkflowExecutionCommandAttributes = .with {
            $0.namespace = namespace
            $0.workflowID = workflowID
            $0.runID = runID ?? ""
            $0.control = "\(sequence)"
            $0.childWorkflowOnly = childWorkflowOnly
        }
        issueExternal(command, machine, expecting: .requestCancelExternalWorkflowExecutionInitiated, target: workflowID) { event in
            event.requestCancelExternalWorkflowExecutionInitiatedEventAttributes.workflowExecution.workflowID
        }
        try await machine.delivered.value()
    }

    private func issueExternal(
        _ command: Api.Command.V1.Command, _ machine: ExternalRequestMachine, expecting eventType: Api.Enums.V1.EventType,
        target workflowID: String, recordedTarget: @escaping (Api.History.V1.HistoryEvent) -> String
    ) {
        machines.issue(
            CommandEntry(
                command: command, message: nil,
                mismatch: { event in
                    guard event.eventType == eventType else { return "expected \(eventType)" }
                    let target = recordedTarget(event)
                    return target == workflowID ? nil : "the history's target is workflow \(target), the code's \(workflowID)"
                },
                recorded: { [self] event in
                    machine.initiated(at: event.eventID)
                    machines.follow(event.eventID, machine.description) { [self] event in
                        machines.stopFollowing(machine.initiatedEventID)
                        switch event.attributes {
                        case .externalWorkflowExecutionSignaledEventAttributes, .externalWorkflowExecutionCancelRequestedEventAttributes:
                            machine.delivered.resolve(.success(()))
                        case .signalExternalWorkflowExecutionFailedEventAttributes(let failed):
                            machine.delivered.resolve(.failure(externalFailure(failed.cause, workflowID: workflowID)))
                        case .requestCancelExternalWorkflowExecutionFailedEventAttributes(let failed):
                            machine.delivered.resolve(.failure(externalFailure(failed.cause, workflowID: workflowID)))
                        default:
                            break
                        }
                    }
                }, summary: "\(command.commandType)(\(workflowID))"))
    }

    private func externalFailure(_ cause: Api.Enums.V1.SignalExternalWorkflowExecutionFailedCause, workflowID: String) -> any Error {
        externalFailure(message: cause == .externalWorkflowExecutionNotFound ? "Unable to find workflow \(workflowID)" : "\(cause)")
    }

    private func externalFailure(_ cause: Api.Enums.V1.CancelExternalWorkflowExecutionFailedCause, workflowID: String) -> any Error {
        externalFailure(message: cause == .externalWorkflowExecutionNotFound ? "Unable to find workflow \(workflowID)" : "\(cause)")
    }

    private func externalFailure(message: String) -> any Error {
        ApplicationError(message: message, type: "ExternalWorkflowExecutionNotFound", isNonRetryable: true)
    }
}
