/// How a run ends: the command that closes it, issued after everything else the last activation
/// produced (as core's SDKs order it), or a failed workflow task when the error is not a failure
/// the workflow may end with.
extension WorkflowInstance {
    func issueCompletionCommandIfDone() {
        guard let outcome, !completionIssued else { return }
        completionIssued = true
        warnUnfinishedHandlers()
        var command = Api.Command.V1.Command()
        let expected: Api.Enums.V1.EventType
        switch outcome {
        case .completed(let payloads):
            command.commandType = .completeWorkflowExecution
            command.completeWorkflowExecutionCommandAttributes = .with {
                if !payloads.isEmpty { $0.result = .with { $0.payloads = payloads } }
            }
            expected = .workflowExecutionCompleted
        case .failed(let error as ContinueAsNewError):
            command.commandType = .continueAsNewWorkflowExecution
            command.continueAsNewWorkflowExecutionCommandAttributes = error.commandAttributes(defaultTaskQueue: taskQueue)
            expected = .workflowExecutionContinuedAsNew
        case .failed(let error) where cancelRequested && error.isTemporalCancellation:
            command.commandType = .cancelWorkflowExecution
            command.cancelWorkflowExecutionCommandAttributes = .init()
            expected = .workflowExecutionCanceled
        case .failed(let error as any TemporalFailureError):
            command.commandType = .failWorkflowExecution
            command.failWorkflowExecutionCommandAttributes = .with {
                $0.failure = failureConverter.convertError(error, payloadConverter: payloadConverter)
            }
            expected = .workflowExecutionFailed
        case .failed(let error):
            // Not a Temporal failure: a bug the workflow task is retried for, as Apple's SDK does.
            completionIssued = false
            self.outcome = nil
            taskFailure = WorkflowTaskFailure(error: error)
            return
        }
        machines.issue(
            CommandEntry(
                command: command, message: nil,
                mismatch: { $0.eventType == expected ? nil : "expected \(expected)" },
                recorded: { _ in }, summary: "\(command.commandType)"))
    }
}

/// Workflow code threw an error that is not a Temporal failure: the task fails and is retried.
struct WorkflowTaskFailure: Error, CustomStringConvertible {
    var error: any Error
    var description: String { "Workflow task failed: \(error)" }
}
