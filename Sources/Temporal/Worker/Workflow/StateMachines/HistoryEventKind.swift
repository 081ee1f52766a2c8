/// How the replay engine treats each kind of history event.
enum HistoryEventKind: Equatable {
    /// Recorded for a command the workflow issued: matched against the oldest unmatched command.
    case command
    /// Says something about an earlier command's event (completion, firing, start of a child…).
    case follows(initiatedEventID: Int64)
    /// Workflow-level input: start, signal, cancel request, update request.
    case input
    /// Workflow task bookkeeping.
    case workflowTask
    /// Nothing the workflow code observes.
    case ignored

    init(_ event: Api.History.V1.HistoryEvent) {
        switch event.attributes {
        case .activityTaskScheduledEventAttributes, .activityTaskCancelRequestedEventAttributes,
            .timerStartedEventAttributes, .timerCanceledEventAttributes,
            .startChildWorkflowExecutionInitiatedEventAttributes,
            .signalExternalWorkflowExecutionInitiatedEventAttributes,
            .requestCancelExternalWorkflowExecutionInitiatedEventAttributes,
            .markerRecordedEventAttributes, .upsertWorkflowSearchAttributesEventAttributes,
            .workflowPropertiesModifiedEventAttributes,
            .workflowExecutionCompletedEventAttributes, .workflowExecutionFailedEventAttributes,
            .workflowExecutionCanceledEventAttributes, .workflowExecutionContinuedAsNewEventAttributes,
            .workflowExecutionUpdateAcceptedEventAttributes, .workflowExecutionUpdateCompletedEventAttributes:
            self = .command
        case .activityTaskStartedEventAttributes(let a): self = .follows(initiatedEventID: a.scheduledEventID)
        case .activityTaskCompletedEventAttributes(let a): self = .follows(initiatedEventID: a.scheduledEventID)
        case .activityTaskFailedEventAttributes(let a): self = .follows(initiatedEventID: a.scheduledEventID)
        case .activityTaskTimedOutEventAttributes(let a): self = .follows(initiatedEventID: a.scheduledEventID)
        case .activityTaskCanceledEventAttributes(let a): self = .follows(initiatedEventID: a.scheduledEventID)
        case .timerFiredEventAttributes(let a): self = .follows(initiatedEventID: a.startedEventID)
        case .startChildWorkflowExecutionFailedEventAttributes(let a): self = .follows(initiatedEventID: a.initiatedEventID)
        case .childWorkflowExecutionStartedEventAttributes(let a): self = .follows(initiatedEventID: a.initiatedEventID)
        case .childWorkflowExecutionCompletedEventAttributes(let a): self = .follows(initiatedEventID: a.initiatedEventID)
        case .childWorkflowExecutionFailedEventAttributes(let a): self = .follows(initiatedEventID: a.initiatedEventID)
        case .childWorkflowExecutionCanceledEventAttributes(let a): self = .follows(initiatedEventID: a.initiatedEventID)
        case .childWorkflowExecutionTimedOutEventAttributes(let a): self = .follows(initiatedEventID: a.initiatedEventID)
        case .childWorkflowExecutionTerminatedEventAttributes(let a): self = .follows(initiatedEventID: a.initiatedEventID)
        case .externalWorkflowExecutionSignaledEventAttributes(let a): self = .follows(initiatedEventID: a.initiatedEventID)
        case .signalExternalWorkflowExecutionFailedEventAttributes(let a): self = .follows(initiatedEventID: a.initiatedEventID)
        case .externalWorkflowExecutionCancelRequestedEventAttributes(let a):
            self = .follows(initiatedEventID: a.initiatedEventID)
        case .requestCancelExternalWorkflowExecutionFailedEventAttributes(let a):
            self = .follows(initiatedEventID: a.initiatedEventID)
        case .workflowExecutionStartedEventAttributes, .workflowExecutionSignaledEventAttributes,
            .workflowExecutionCancelRequestedEventAttributes, .workflowExecutionUpdateAdmittedEventAttributes:
            self = .input
        case .workflowTaskScheduledEventAttributes, .workflowTaskStartedEventAttributes,
            .workflowTaskCompletedEventAttributes, .workflowTaskFailedEventAttributes,
            .workflowTaskTimedOutEventAttributes:
            self = .workflowTask
        default:
            self = .ignored
        }
    }
}
