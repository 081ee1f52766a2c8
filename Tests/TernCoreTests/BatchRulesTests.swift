import Foundation
import TernAPI
import Testing
@testable import TernCore

@Suite("BatchRules: batch operations without I/O")
struct BatchRulesTests {
    func request(_ build: (inout StartBatchRequest) -> Void) -> StartBatchRequest {
        var r = StartBatchRequest.with {
            $0.namespace = "default"
            $0.jobID = "job"
            $0.reason = "why"
            $0.visibilityQuery = "WorkflowType = 'Order'"
            $0.terminationOperation = .init()
        }
        build(&r)
        return r
    }

    func message(_ r: StartBatchRequest) -> String? {
        do {
            try BatchRules.validate(r)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func requestsAreCheckedInTemporalsOrder() {
        #expect(message(request { _ in }) == nil)
        #expect(message(request { $0.reason = ""; $0.jobID = "" })?.hasPrefix("must provide required parameters") == true)
        #expect(message(request { $0.jobID = "" }) == "JobId is not set on request.")
        #expect(message(request { $0.executions = [.with { $0.workflowID = "w" }] })
            == "visibility query, executions, and target executions are mutually exclusive")
        #expect(message(request { $0.signalOperation = .init() }) == "must provide signal name")
        #expect(message(request { $0.resetOperation = .init() }) == "unknown batch reset type Unspecified")
        #expect(message(request { $0.resetOperation = .with { $0.options = .init() } }) == "batch reset missing target")
        #expect(message(request { $0.updateWorkflowOptionsOperation = .with { $0.workflowExecutionOptions = .init() } })
            == "must provide UpdateMask")
        #expect(message(request { $0.unpauseActivitiesOperation = .init() }) == "activity filter must be set")
        #expect(message(request { $0.terminateActivitiesOperation = .init() })?.hasSuffix("is not supported for this namespace") == true)
        #expect(message(request {
            $0.visibilityQuery = ""
            $0.targetExecutions = [.with { $0.type = .activity; $0.businessID = "a" }]
        }) == "target_executions[0] has type Activity, but operation *workflowservice.StartBatchOperationRequest_TerminationOperation requires Workflow")
    }

    @Test func onlyResetAndDeleteReachClosedWorkflows() {
        #expect(BatchRules.targetQuery(request { _ in }) == "(WorkflowType = 'Order') AND (ExecutionStatus = 'Running' OR ExecutionStatus = 'Paused')")
        #expect(BatchRules.targetQuery(request { $0.deletionOperation = .init() }) == "WorkflowType = 'Order'")
        #expect(BatchRules.targetQuery(request { $0.resetOperation = .init() }) == "WorkflowType = 'Order'")
        #expect(BatchRules.targetQuery(request { $0.visibilityQuery = ""; $0.executions = [.init()] }) == nil)
    }

    @Test func aResetGoesToTheWorkflowTaskItsOptionsName() throws {
        func event(_ id: Int64, _ type: Temporal_Api_Enums_V1_EventType, build: String = "") -> HistoryEvent {
            .with {
                $0.eventID = id
                $0.eventType = type
                if type == .workflowTaskCompleted { $0.workflowTaskCompletedEventAttributes.workerVersion.buildID = build }
            }
        }
        let history = [event(1, .workflowExecutionStarted), event(2, .workflowTaskScheduled), event(3, .workflowTaskStarted),
                       event(4, .workflowTaskCompleted, build: "a"), event(5, .workflowTaskScheduled),
                       event(6, .workflowTaskStarted), event(7, .workflowTaskCompleted, build: "b")]
        func reset(_ build: (inout Temporal_Api_Batch_V1_BatchOperationReset) -> Void) throws -> Int64 {
            try BatchRules.resetEventID(.with(build), history: history)
        }
        #expect(try reset { $0.options.firstWorkflowTask = .init() } == 4)
        #expect(try reset { $0.options.lastWorkflowTask = .init() } == 7)
        #expect(try reset { $0.resetType = .lastWorkflowTask } == 7)
        #expect(try reset { $0.options.workflowTaskID = 5 } == 5)
        #expect(try reset { $0.options.buildID = "b" } == 7)
        #expect(throws: TernError.self) { try reset { $0.options.buildID = "c" } }
        // Nothing completed yet: the task after the first scheduled one.
        #expect(try BatchRules.resetEventID(.with { $0.options.firstWorkflowTask = .init() }, history: Array(history[..<3])) == 3)
    }

    @Test func derivedRequestIDsAreStableAndDistinct() {
        #expect(BatchRules.requestID("job", "signal", "w", "") == BatchRules.requestID("job", "signal", "w", ""))
        #expect(BatchRules.requestID("job", "signal", "w", "") != BatchRules.requestID("job", "signal", "w2", ""))
        #expect(UUID(uuidString: BatchRules.requestID("job")) != nil)
    }

    @Test func runningJobsAreListedFirstThenTheLatestClosed() {
        func job(_ id: String, _ state: Temporal_Api_Enums_V1_BatchOperationState, closed: TimeInterval?) -> BatchOperationRecord {
            .with {
                $0.jobID = id
                $0.state = state
                $0.startTime = Date(timeIntervalSince1970: 100).timestamp
                if let closed { $0.closeTime = Date(timeIntervalSince1970: closed).timestamp }
            }
        }
        let jobs = [job("old", .completed, closed: 200), job("live", .running, closed: nil), job("new", .failed, closed: 300)]
        #expect(jobs.sorted(by: BatchRules.listedBefore).map(\.jobID) == ["live", "new", "old"])
    }
}
