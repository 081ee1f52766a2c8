import Foundation
import Temporal
import Testing

@Suite struct ErrorShapeTests {
    @Test func defaultMessages() {
        #expect(WorkflowAlreadyStartedError(workflowID: "w", runID: nil, workflowName: "W").message
            == "Workflow execution already started")
        #expect(WorkflowFailedError().message == "Workflow execution failed")
        #expect(CompleteAsyncError().message == "Activity will be completed asynchronously")
        #expect(WorkflowContinuedAsNewError(newRunID: "r").message == "Workflow was continued as new.")
        #expect(WorkflowUpdateFailedError().message == "Workflow update failed")
        #expect(WorkflowUpdateRPCTimeoutOrCanceledError().message == "Timeout or cancellation waiting for update")
        #expect(WorkflowRemovedFromCacheError().message == "Workflow removed from cache")
        #expect(ScheduleAlreadyRunningError().message == "Schedule already running")
        #expect(WorkflowQueryFailedError(message: "boom", cause: nil).message == "Workflow query failed: boom")
        #expect(WorkflowQueryRejectedError(workflowExecutionStatus: .completed).message
            == "Workflow query rejected completed")
        let details = ActivityCancellationDetails(cancelRequested: true, paused: false, reset: false)
        #expect(AsyncActivityCanceledError(details: details).message == "Activity cancelled")
        #expect(AsyncActivityCanceledError(details: details).details.cancelRequested)
    }

    @Test func descriptionIncludesTheCause() {
        #expect(ArgumentError(message: "bad").description == "bad")
        let error = WorkflowFailedError(cause: ApplicationError(message: "inner"))
        #expect(error.description == "Workflow execution failed (cause: inner)")
        #expect("\(InvalidOperationError(message: "nope"))" == "nope")
    }

    @Test func errorsAreMutableThroughTheProtocol() {
        var error: any TemporalError = UnknownError(message: "a")
        error.message = "b"
        error.stackTrace = "s"
        error.cause = CancellationError()
        #expect(error.message == "b")
        #expect(error.stackTrace == "s")
        #expect(error.cause is CancellationError)
    }

    @Test func cancellationDetection() {
        #expect(CancellationError().isTemporalCancellation)
        #expect(CanceledError(message: "c").isTemporalCancellation)
        let activity = ActivityError(
            message: "a",
            cause: CanceledError(message: "c"),
            stackTrace: "",
            scheduledEventID: 1,
            startedEventID: 2,
            activityID: "1",
            activityType: "A",
            identity: "i",
            retryState: .cancelRequested
        )
        #expect(activity.isTemporalCancellation)
        let child = ChildWorkflowError(
            message: "c",
            cause: TimeoutError(message: "t", type: .startToClose),
            stackTrace: "",
            namespace: "n",
            workflowID: "w",
            runID: "r",
            workflowName: "W",
            retryState: .timeout
        )
        #expect(!child.isTemporalCancellation)
        #expect(!ApplicationError(message: "x").isTemporalCancellation)
        #expect(!WorkflowNondeterminismError(message: "x").isTemporalCancellation)
    }

    @Test func failureErrorKinds() {
        let failures: [any Error] = [
            ApplicationError(message: "a"),
            CanceledError(message: "c"),
            TerminatedError(message: "t", details: []),
            TimeoutError(message: "t", type: .heartbeat),
            ServerError(message: "s"),
            BasicTemporalFailureError(message: "b", stackTrace: ""),
            WorkflowAlreadyStartedError(workflowID: "w", runID: "r", workflowName: "W"),
        ]
        #expect(failures.allSatisfy { $0 is any TemporalFailureError })
        let others: [any Error] = [
            ArgumentError(message: "a"),
            WorkflowFailedError(),
            WorkflowHistoryEmptyError(message: "e"),
            UnknownWorkflowEventError(message: "u"),
            CompleteAsyncError(),
        ]
        #expect(others.allSatisfy { !($0 is any TemporalFailureError) && $0 is any TemporalError })
    }

    @Test func modelDefaultsMatchTheReferenceSDK() {
        let activity = ActivityOptions(startToCloseTimeout: .seconds(5))
        #expect(activity.cancellationType == .tryCancel)
        #expect(activity.versioningIntent == .unspecified)
        #expect(activity.scheduleToCloseTimeout == nil && activity.activityID == nil)
        #expect(!activity.disableEagerActivityExecution)
        let local = LocalActivityOptions(scheduleToCloseTimeout: .seconds(1))
        #expect(local.startToCloseTimeout == nil && local.cancellationType == .tryCancel)
        let child = ChildWorkflowOptions()
        #expect(child.parentClosePolicy == .terminate)
        #expect(child.idReusePolicy == .allowDuplicate)
        #expect(child.cancellationType == .waitCancellationCompleted)
        let workflow = WorkflowOptions(id: "w", taskQueue: "q", executionTimeOut: .seconds(10))
        #expect(workflow.idReusePolicy == .allowDuplicate && workflow.idConflictPolicy == .fail)
        #expect(workflow.executionTimeOut == .seconds(10) && !workflow.requestEagerStart)
        let retry = RetryPolicy()
        #expect(retry.backoffCoefficient == 0 && retry.maximumAttempts == 0 && retry.nonRetryableErrorTypes.isEmpty)
        #expect(Priority.default == Priority())
        let info = WorkflowInfo(
            attempt: 1, startTime: Date(), workflowName: "W", workflowID: "w", workflowType: "W",
            runID: "r", taskQueue: "q", namespace: "n", headers: [:]
        )
        #expect(info.firstExecutionRunId == "r")

        switch activity.cancellationType {
        case .tryCancel, .waitCancellationCompleted, .abandon, .DO_NOT_EXHAUSTIVELY_MATCH_OVER_THIS_ENUM:
            break
        }
    }
}
