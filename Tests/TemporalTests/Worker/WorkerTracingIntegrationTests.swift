import Foundation
import Temporal
import Testing
import Tracing

/// The tracing interceptors: one trace from the client's start through the workflow run, the
/// activities and children it starts (carried by headers through the server), recorded once
/// however often the run is replayed.
@Suite("Worker tracing")
struct WorkerTracingIntegrationTests {
    typealias Steps = WorkerInterceptorIntegrationTests.Steps
    typealias Waiter = WorkerInterceptorIntegrationTests.Waiter

    @Workflow
    struct Traced {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            let echoed = try await context.executeActivity(
                Steps.Activities.Echo.self, options: ActivityOptions(startToCloseTimeout: .seconds(10)), input: input)
            try await context.sleep(for: .milliseconds(10))
            let child = try await context.startChildWorkflow(Waiter.self, options: .init(id: "\(context.info.workflowID)-child"), input: "c")
            try await child.signalWorkflow(signalType: Waiter.Go.self)
            return "\(echoed), \(try await child.result())"
        }
    }

    @Test(arguments: [true, false])
    func aRunItsActivitiesAndChildrenShareTheClientsTrace(cached: Bool) async throws {
        let tracer = RecordingTracer()
        let id = "traced-\(UUID())"
        try await withWorkerAndClient(
            workflows: [Traced.self, Waiter.self], containers: [Steps()],
            configure: {
                $0.interceptors = [TemporalWorkerTracingInterceptor(tracer: tracer)]
                // Without a cache every workflow task replays the run from its history.
                if !cached { $0.maxCachedWorkflows = 0 }
            },
            clientInterceptors: [TemporalClientTracingInterceptor(tracer: tracer)]
        ) { client, taskQueue in
            let result = try await client.executeWorkflow(type: Traced.self, options: .init(id: id, taskQueue: taskQueue), input: "t")
            #expect(result == "echo t, child c")
        }
        let start = try #require(tracer.spans(named: "temporal.api.workflowservice.v1.WorkflowService/StartWorkflowExecution").only)
        // The run continues the client's trace: its parent came through the start request's header.
        let run = try #require(tracer.spans(named: "RunWorkflow:Traced").only)
        #expect(run.kind == .server && run.parent == start.identity)
        #expect(run.string("temporalWorkflowID") == id)
        let schedule = try #require(tracer.spans(named: "StartActivity:Echo").only)
        #expect(schedule.kind == .client && schedule.parent == run.identity)
        // The activity ran on the other side of the server, under the span that scheduled it.
        let activity = try #require(tracer.spans(named: "RunActivity:Echo").only)
        #expect(activity.parent == schedule.identity && activity.string("temporalActivityID") != nil)
        #expect(activity.identity.traceID == start.identity.traceID)
        // Rebuilt from history, the run's later steps hang under the run's caller, since the run's
        // own span was recorded by an earlier workflow task.
        let parentOfLaterSteps = cached ? run.identity : start.identity
        let startChild = try #require(tracer.spans(named: "StartChildWorkflow:Waiter").only)
        #expect(startChild.parent == parentOfLaterSteps)
        let childRun = try #require(tracer.spans(named: "RunWorkflow:Waiter").only)
        #expect(childRun.parent == startChild.identity)
        let signal = try #require(tracer.spans(named: "SignalChildWorkflow:Go").only)
        #expect(signal.parent == parentOfLaterSteps)
        #expect(try #require(tracer.spans(named: "HandleSignal:Go").only).parent == signal.identity)
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
