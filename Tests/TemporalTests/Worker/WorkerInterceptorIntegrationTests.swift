import Foundation
import Synchronization
import Temporal
import Testing

/// Worker interceptors: every inbound and outbound hook is called, in chain order, with inputs an
/// interceptor can change (headers reach the activity and the history; a changed result reaches
/// the client).
@Suite("Worker interceptors")
struct WorkerInterceptorIntegrationTests {
    @ActivityContainer
    struct Steps {
        @Activity
        func echo(input: String) async throws -> String {
            ActivityExecutionContext.current?.heartbeat(details: "beat \(input)")
            return "echo \(input)"
        }
    }

    @Workflow
    struct Waiter {
        var go = false
        mutating func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            try await context.condition { $0.go }
            return "child \(input)"
        }

        @WorkflowSignal
        mutating func go(input: Void) { go = true }
    }

    @Workflow
    struct Observed {
        var finished = false
        var bumps = 0

        mutating func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            try await context.sleep(for: .milliseconds(10))
            let options = ActivityOptions(startToCloseTimeout: .seconds(10))
            let remote = try await context.executeActivity(Steps.Activities.Echo.self, options: options, input: input)
            let local = try await context.executeLocalActivity(
                Steps.Activities.Echo.self, options: LocalActivityOptions(startToCloseTimeout: .seconds(10)), input: "local")
            let child = try await context.startChildWorkflow(
                Waiter.self, options: .init(id: "\(context.info.workflowID)-child"), input: "w")
            try await child.signalWorkflow(signalType: Waiter.Go.self)
            let childResult = try await child.result()
            try await context.condition { $0.finished }
            return [remote, local, childResult, "bumps \(bumps)"].joined(separator: ", ")
        }

        @WorkflowSignal
        mutating func finish(input: Void) { finished = true }

        @WorkflowQuery
        func bumps(input: Void) -> Int { bumps }

        @WorkflowUpdate(validator: "validateBump")
        mutating func bump(input: Int) async throws -> Int {
            bumps += input
            return bumps
        }

        func validateBump(input: Int) throws {
            if input <= 0 { throw ApplicationError(message: "bump by a positive number", type: "BadBump") }
        }
    }

    @Test func everyHookIsCalledInChainOrder() async throws {
        let log = HookLog()
        let interceptors: [any WorkerInterceptor] = [Recording(name: "A", log: log), Recording(name: "B", log: log)]
        try await withWorkerAndClient(
            workflows: [Observed.self, Waiter.self], containers: [Steps()], configure: { $0.interceptors = interceptors }
        ) { client, taskQueue in
            let handle = try await client.startWorkflow(
                type: Observed.self, options: .init(id: "observed-\(UUID())", taskQueue: taskQueue), input: "x")
            try await eventually { try await handle.query(queryType: Observed.Bumps.self) == 0 }
            #expect(try await handle.executeUpdate(updateType: Observed.Bump.self, input: 2) == 2)
            await #expect(throws: WorkflowUpdateFailedError.self) {
                try await handle.executeUpdate(updateType: Observed.Bump.self, input: -1)
            }
            try await handle.signal(signalType: Observed.Finish.self)
            #expect(try await handle.result() == "echo x, echo local, child w, bumps 2")
        }
        let calls = log.calls
        // Each hook, seen by A and then by B (A is first in the configuration, so outermost).
        for hook in [
            "executeWorkflow Observed", "handleSleep 0.01 seconds", "executeActivity Echo", "activity Echo", "heartbeat beat x",
            "executeLocalActivity Echo", "activity Echo", "startChildWorkflow Waiter", "executeWorkflow Waiter",
            "signalWorkflow Go", "handleSignal Go", "handleQuery Bumps", "validateUpdate Bump", "handleUpdate Bump",
            "handleSignal Finish",
        ] {
            let a = calls.firstIndex(of: "A>\(hook)")
            let b = calls.firstIndex(of: "B>\(hook)")
            #expect(a != nil && b != nil && a! < b!, "\(hook): \(calls)")
        }
        // Results unwind in reverse: B returns to A.
        let bDone = calls.firstIndex(of: "B<executeActivity Echo")
        let aDone = calls.firstIndex(of: "A<executeActivity Echo")
        #expect(bDone != nil && aDone != nil && bDone! < aDone!)
        // The rejected update reached the validators only.
        #expect(calls.contains("B>validateUpdate Bump -1") && calls.contains("B>handleUpdate Bump 2"))
        #expect(!calls.contains("A>handleUpdate Bump -1"))
    }

    @Test func headersSetByAnOutboundInterceptorReachTheActivityAndTheHistory() async throws {
        let log = HookLog()
        try await withWorkerAndClient(
            workflows: [Observed.self, Waiter.self], containers: [Steps()],
            configure: { $0.interceptors = [Tenant(log: log)] }
        ) { client, taskQueue in
            let handle = try await client.startWorkflow(
                type: Observed.self, options: .init(id: "tenant-\(UUID())", taskQueue: taskQueue), input: "y")
            try await eventually { try await handle.query(queryType: Observed.Bumps.self) == 0 }
            try await handle.signal(signalType: Observed.Finish.self)
            // The inbound interceptor rewrote the result.
            #expect(try await handle.result() == "echo y, echo local, child w, bumps 0 (seen by Tenant)")
            let scheduled = try await handle.fetchHistoryEvents().filter { $0.eventType == .activityTaskScheduled }
            let header = try #require(scheduled.first?.activityTaskScheduledEventAttributes.header.fields["tenant"])
            #expect(try DataConverter.default.payloadConverter.convertPayload(header, as: String.self) == "acme")
            let childStarted = try await handle.fetchHistoryEvents().filter { $0.eventType == .startChildWorkflowExecutionInitiated }
            #expect(childStarted.first?.startChildWorkflowExecutionInitiatedEventAttributes.header.fields["tenant"] != nil)
        }
        // Both the remote and the local activity saw the header the workflow's interceptor added.
        #expect(log.calls.filter { $0 == "activity tenant=acme" }.count == 2, "\(log.calls)")
    }

    @Test func anInterceptorThatThrowsFailsTheActivityCallInTheWorkflow() async throws {
        try await withWorkerAndClient(
            workflows: [Observed.self, Waiter.self], containers: [Steps()], configure: { $0.interceptors = [Refusing()] }
        ) { client, taskQueue in
            let error = await #expect(throws: WorkflowFailedError.self) {
                try await client.executeWorkflow(type: Observed.self, options: .init(id: "refuse-\(UUID())", taskQueue: taskQueue), input: "z")
            }
            #expect((error?.cause as? ApplicationError)?.message == "activities are refused here")
        }
    }
}

/// What the interceptors saw, in order.
private final class HookLog: Sendable {
    private let entries = Mutex<[String]>([])
    func append(_ entry: String) { entries.withLock { $0.append(entry) } }
    var calls: [String] { entries.withLock { $0 } }
}

/// Records entry (`>`) and exit (`<`) of every hook, prefixed with its name.
private struct Recording: WorkerInterceptor {
    let name: String
    let log: HookLog

    var workflowInboundInterceptor: Inbound? { Inbound(name: name, log: log) }
    var workflowOutboundInterceptor: Outbound? { Outbound(name: name, log: log) }
    var activityInboundInterceptor: ActivityIn? { ActivityIn(name: name, log: log) }
    var activityOutboundInterceptor: ActivityOut? { ActivityOut(name: name, log: log) }

    struct Inbound: WorkflowInboundInterceptor {
        let name: String
        let log: HookLog

        func executeWorkflow<Workflow>(
            input: ExecuteWorkflowInput<Workflow>, next: (ExecuteWorkflowInput<Workflow>) async throws -> Workflow.Output
        ) async throws -> Workflow.Output {
            log.append("\(name)>executeWorkflow \(input.info.workflowName)")
            return try await next(input)
        }

        func handleSignal<Signal>(input: HandleSignalInput<Signal>, next: (HandleSignalInput<Signal>) async throws -> Void) async throws {
            log.append("\(name)>handleSignal \(input.name)")
            try await next(input)
        }

        func handleQuery<Query>(input: HandleQueryInput<Query>, next: (HandleQueryInput<Query>) throws -> Query.Output) throws -> Query.Output {
            log.append("\(name)>handleQuery \(input.name)")
            return try next(input)
        }

        func handleUpdate<Update>(
            input: HandleUpdateInput<Update>, next: (HandleUpdateInput<Update>) async throws -> Update.Output
        ) async throws -> Update.Output {
            log.append("\(name)>handleUpdate \(input.name)")
            log.append("\(name)>handleUpdate \(input.name) \(input.input)")
            return try await next(input)
        }

        func validateUpdate<Update>(input: HandleUpdateInput<Update>, next: (HandleUpdateInput<Update>) throws -> Void) throws {
            log.append("\(name)>validateUpdate \(input.name)")
            log.append("\(name)>validateUpdate \(input.name) \(input.input)")
            try next(input)
        }
    }

    struct Outbound: WorkflowOutboundInterceptor {
        let name: String
        let log: HookLog

        func handleSleep(input: HandleSleepInput, next: (HandleSleepInput) async throws -> Void) async throws {
            log.append("\(name)>handleSleep \(input.duration)")
            try await next(input)
        }

        func executeActivity<each Input, Output: Sendable>(
            input: ScheduleActivityInput<repeat each Input>, next: (ScheduleActivityInput<repeat each Input>) async throws -> Output
        ) async throws -> Output {
            log.append("\(name)>executeActivity \(input.name)")
            let output = try await next(input)
            log.append("\(name)<executeActivity \(input.name)")
            return output
        }

        func executeLocalActivity<each Input, Output: Sendable>(
            input: ScheduleLocalActivityInput<repeat each Input>,
            next: (ScheduleLocalActivityInput<repeat each Input>) async throws -> Output
        ) async throws -> Output {
            log.append("\(name)>executeLocalActivity \(input.name)")
            return try await next(input)
        }

        func startChildWorkflow<each Input>(
            input: StartChildWorkflowInput<repeat each Input>,
            next: (StartChildWorkflowInput<repeat each Input>) async throws -> UntypedChildWorkflowHandle
        ) async throws -> UntypedChildWorkflowHandle {
            log.append("\(name)>startChildWorkflow \(input.name)")
            return try await next(input)
        }

        func signalWorkflow<each Input>(
            input: SignalChildWorkflowInput<repeat each Input>, next: (SignalChildWorkflowInput<repeat each Input>) async throws -> Void
        ) async throws {
            log.append("\(name)>signalWorkflow \(input.name)")
            try await next(input)
        }
    }

    struct ActivityIn: ActivityInboundInterceptor {
        let name: String
        let log: HookLog

        func executeActivity<Activity>(
            input: ExecuteActivityInput<Activity>, next: (ExecuteActivityInput<Activity>) async throws -> Activity.Output
        ) async throws -> Activity.Output {
            log.append("\(name)>activity \(Activity.name)")
            return try await next(input)
        }
    }

    struct ActivityOut: ActivityOutboundInterceptor {
        let name: String
        let log: HookLog

        func heartbeat<each Detail>(input: HeartbeatInput<repeat each Detail>, next: (HeartbeatInput<repeat each Detail>) -> Void) {
            for detail in repeat each input.details { log.append("\(name)>heartbeat \(detail)") }
            next(input)
        }
    }
}

/// Adds a `tenant` header to everything the workflow starts, reads it in activities, and marks
/// the workflow's result.
private struct Tenant: WorkerInterceptor {
    let log: HookLog

    var workflowInboundInterceptor: Inbound? { Inbound() }
    var workflowOutboundInterceptor: Outbound? { Outbound() }
    var activityInboundInterceptor: ActivityIn? { ActivityIn(log: log) }

    static var header: Api.Common.V1.Payload {
        (try? DataConverter.default.payloadConverter.convertValue("acme")) ?? .init()
    }

    struct Inbound: WorkflowInboundInterceptor {
        func executeWorkflow<Workflow>(
            input: ExecuteWorkflowInput<Workflow>, next: (ExecuteWorkflowInput<Workflow>) async throws -> Workflow.Output
        ) async throws -> Workflow.Output {
            let output = try await next(input)
            if let text = output as? String, input.info.workflowName == "Observed" {
                return (text + " (seen by Tenant)") as? Workflow.Output ?? output
            }
            return output
        }
    }

    struct Outbound: WorkflowOutboundInterceptor {
        func executeActivity<each Input, Output: Sendable>(
            input: ScheduleActivityInput<repeat each Input>, next: (ScheduleActivityInput<repeat each Input>) async throws -> Output
        ) async throws -> Output {
            var input = input
            input.headers["tenant"] = Tenant.header
            return try await next(input)
        }

        func executeLocalActivity<each Input, Output: Sendable>(
            input: ScheduleLocalActivityInput<repeat each Input>,
            next: (ScheduleLocalActivityInput<repeat each Input>) async throws -> Output
        ) async throws -> Output {
            var input = input
            input.headers["tenant"] = Tenant.header
            return try await next(input)
        }

        func startChildWorkflow<each Input>(
            input: StartChildWorkflowInput<repeat each Input>,
            next: (StartChildWorkflowInput<repeat each Input>) async throws -> UntypedChildWorkflowHandle
        ) async throws -> UntypedChildWorkflowHandle {
            var input = input
            input.headers["tenant"] = Tenant.header
            return try await next(input)
        }
    }

    struct ActivityIn: ActivityInboundInterceptor {
        let log: HookLog

        func executeActivity<Activity>(
            input: ExecuteActivityInput<Activity>, next: (ExecuteActivityInput<Activity>) async throws -> Activity.Output
        ) async throws -> Activity.Output {
            let tenant = try input.headers["tenant"].map { try DataConverter.default.payloadConverter.convertPayload($0, as: String.self) }
            log.append("activity tenant=\(tenant ?? "none")")
            return try await next(input)
        }
    }
}

/// Refuses every activity: the error is the activity call's, so the workflow fails with it.
private struct Refusing: WorkerInterceptor {
    var workflowOutboundInterceptor: Outbound? { Outbound() }

    struct Outbound: WorkflowOutboundInterceptor {
        func executeActivity<each Input, Output: Sendable>(
            input: ScheduleActivityInput<repeat each Input>, next: (ScheduleActivityInput<repeat each Input>) async throws -> Output
        ) async throws -> Output {
            throw ApplicationError(message: "activities are refused here", type: "Refused", isNonRetryable: true)
        }
    }
}
