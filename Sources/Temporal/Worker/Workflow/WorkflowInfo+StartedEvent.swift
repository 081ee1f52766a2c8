import TernAPI
import SwiftProtobuf

extension WorkflowInfo {
    /// Builds the information for a run from its `WorkflowExecutionStarted` event.
    ///
    /// Headers and the previous run's result are decoded with the data converter's codec; the
    /// previous run's failure is converted to an error.
    ///
    /// - Parameters:
    ///   - startedEvent: The run's first event (its time is the start time).
    ///   - workflowID: The workflow ID (from the task, as older servers leave it out of the event).
    ///   - runID: This run's ID.
    ///   - namespace: The namespace.
    ///   - dataConverter: The worker's data converter.
    package init(
        startedEvent: Api.History.V1.HistoryEvent,
        workflowID: String,
        runID: String,
        namespace: String,
        dataConverter: DataConverter
    ) async throws {
        let attributes = startedEvent.workflowExecutionStartedEventAttributes
        self.init(
            attempt: Int(max(attributes.attempt, 1)),
            startTime: startedEvent.eventTime.date,
            workflowName: attributes.workflowType.name,
            workflowID: workflowID,
            workflowType: attributes.workflowType.name,
            runID: runID,
            taskQueue: attributes.taskQueue.name,
            namespace: namespace,
            headers: try await dataConverter.decodeHeader(attributes.header),
            firstExecutionRunId: attributes.firstExecutionRunID.isEmpty ? nil : attributes.firstExecutionRunID
        )
        applyOptionalFacts(from: attributes)
        if attributes.hasContinuedFailure {
            lastFailure = await dataConverter.convertFailure(attributes.continuedFailure)
        }
        if attributes.hasLastCompletionResult {
            lastResult = try await dataConverter.decode(attributes.lastCompletionResult.payloads)
                .map(TemporalRawValue.init)
        }
    }
}
