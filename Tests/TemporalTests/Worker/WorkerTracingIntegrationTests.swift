import Foundation
import Temporal
import Testing
import Tracing

/// The worker's tracing interceptor: one trace from a workflow run through the activities and
/// children it starts (carried by headers through the server), recorded once however often the
/// run is replayed.
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
    func aRunItsActivitiesAndChildrenShareOneTrace(cached: Bool) async throws {
        let tracer = SpanRecordingTracer()
        let id = "traced-\(UUID())"
        try await withWorkerAndClient(
            workflows: [Traced.self, Waiter.self], containers: [Steps()],
            configure: {
                $0.interceptors = [TemporalWorkerTracingInterceptor(tracer: tracer)]
                // Without a cache every workflow task replays the run from its history.
                if !cached { $0.maxCachedWorkflows = 0 }
            }
        ) { client, taskQueue in
            let result = try await client.executeWorkflow(type: Traced.self, options: .init(id: id, taskQueue: taskQueue), input: "t")
            #expect(result == "echo t, child c")
        }
        let run = try #require(tracer.spans(named: "RunWorkflow:Traced").only)
        #expect(run.kind == .server && run.parent == nil)
        #expect(run.attributes["temporalWorkflowID"] == id)
        let start = try #require(tracer.spans(named: "StartActivity:Echo").only)
        #expect(start.kind == .client && start.parent == run.id)
        // The activity ran on the other side of the server: its parent came through the header.
        let activity = try #require(tracer.spans(named: "RunActivity:Echo").only)
        #expect(activity.parent == start.id && activity.attributes["temporalActivityID"] != nil)
        // Rebuilt from history, the run's later steps hang under the run's caller (here: none),
        // since the run's own span was recorded by an earlier task.
        let runSpan = cached ? run.id : nil
        let startChild = try #require(tracer.spans(named: "StartChildWorkflow:Waiter").only)
        #expect(startChild.parent == runSpan)
        let childRun = try #require(tracer.spans(named: "RunWorkflow:Waiter").only)
        #expect(childRun.parent == startChild.id)
        let signal = try #require(tracer.spans(named: "SignalChildWorkflow:Go").only)
        #expect(signal.parent == runSpan)
        #expect(try #require(tracer.spans(named: "HandleSignal:Go").only).parent == signal.id)
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
