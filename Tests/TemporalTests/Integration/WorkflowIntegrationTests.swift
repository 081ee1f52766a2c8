import Foundation
import GRPCCore
import Temporal
import Testing

/// Workflow-side features: timers, cancellation, handlers, child and external workflows,
/// continue-as-new.
@Suite("Workflows")
struct WorkflowIntegrationTests {
    @Workflow
    struct Sleeper {
        var phase = "started"

        mutating func run(context: WorkflowContext<Self>, input: Int) async throws -> String {
            let before = context.now
            do {
                try await context.sleep(for: .milliseconds(Int64(input)))
            } catch {
                // Cancelled while sleeping: a shielded clean-up step still runs, then the workflow ends cancelled.
                phase = "cleaning up"
                try await context.withCancellationShield {
                    try await context.sleep(for: .milliseconds(10))
                }
                phase = "cleaned up"
                throw error
            }
            return "slept \(context.now.timeIntervalSince(before) >= Double(input) / 1000 ? "long enough" : "too little")"
        }

        @WorkflowQuery
        func phase(input: Void) -> String { phase }
    }

    @Test func durableTimerAdvancesWorkflowTime() async throws {
        let result = try await withWorkerAndClient(workflows: [Sleeper.self]) { client, taskQueue in
            try await client.executeWorkflow(type: Sleeper.self, options: .init(id: "sleep-\(UUID())", taskQueue: taskQueue), input: 300)
        }
        #expect(result == "slept long enough")
    }

    @Test func cancellingAWorkflowCancelsItsTimerAndShieldedWorkStillRuns() async throws {
        try await withWorkerAndClient(workflows: [Sleeper.self]) { client, taskQueue in
            let handle = try await client.startWorkflow(
                type: Sleeper.self, options: .init(id: "sleep-\(UUID())", taskQueue: taskQueue), input: 60_000)
            try await eventually { try await handle.query(queryType: Sleeper.Phase.self) == "started" }
            try await handle.cancel()
            let error = await #expect(throws: WorkflowFailedError.self) { try await handle.result() }
            #expect(error?.cause is CanceledError)
            #expect(try await handle.query(queryType: Sleeper.Phase.self) == "cleaned up")
        }
    }

    @Workflow
    struct Counter {
        var total = 0
        var done = false

        mutating func run(context: WorkflowContext<Self>, input: Int) async throws -> Int {
            total = input
            try await context.condition { $0.done }
            return total
        }

        @WorkflowSignal
        mutating func add(input: Int) { total += input }

        @WorkflowSignal
        mutating func finish(input: Void) { done = true }

        @WorkflowQuery
        func total(input: Void) -> Int { total }

        @WorkflowUpdate(validator: "validateSet")
        mutating func set(input: Int) async throws -> Int {
            let old = total
            total = input
            return old
        }

        func validateSet(input: Int) throws {
            if input < 0 { throw ApplicationError(message: "negative totals are not allowed", type: "Negative") }
        }
    }

    @Test func signalsQueriesAndUpdatesChangeAndReadState() async throws {
        try await withWorkerAndClient(workflows: [Counter.self]) { client, taskQueue in
            let handle = try await client.startWorkflow(
                type: Counter.self, options: .init(id: "counter-\(UUID())", taskQueue: taskQueue), input: 1)
            try await handle.signal(signalType: Counter.Add.self, input: 4)
            try await eventually { try await handle.query(queryType: Counter.Total.self) == 5 }
            #expect(try await handle.executeUpdate(updateType: Counter.Set.self, input: 10) == 5)
            #expect(try await handle.query(queryType: Counter.Total.self) == 10)

            // The validator rejects: the caller gets the failure, the state is untouched.
            let rejected = await #expect(throws: WorkflowUpdateFailedError.self) {
                try await handle.executeUpdate(updateType: Counter.Set.self, input: -1)
            }
            #expect((rejected?.cause as? ApplicationError)?.message == "negative totals are not allowed")
            #expect(try await handle.query(queryType: Counter.Total.self) == 10)

            // An unknown query names the ones the workflow has.
            await #expect {
                _ = try await client.untypedWorkflowHandle(id: handle.id).query(queryName: "nope", resultTypes: Int.self)
            } throws: { error in
                "\(error)".contains("nope") && "\(error)".contains("Total")
            }

            try await handle.signal(signalType: Counter.Finish.self)
            #expect(try await handle.result() == 10)
        }
    }

    @Workflow
    struct Child {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            if input == "fail" { throw ApplicationError(message: "child failed on purpose", type: "ChildFailure") }
            if input == "wait" {
                try await context.sleep(for: .seconds(3600))
            }
            return "child got \(input)"
        }
    }

    @Workflow
    struct Parent {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            switch input {
            case "fail":
                do {
                    _ = try await context.executeChildWorkflow(Child.self, input: "fail")
                    return "no error"
                } catch let error as ChildWorkflowError {
                    return "caught: \((error.cause as? ApplicationError)?.message ?? "\(error)")"
                }
            case "cancel":
                let child = try await context.startChildWorkflow(Child.self, input: "wait")
                do {
                    _ = try await context.timeout(for: .milliseconds(300)) { try await child.result() }
                    return "no error"
                } catch let error as ChildWorkflowError {
                    return "child cancelled: \(error.cause is CanceledError)"
                }
            case "abandon-on-close":
                // The child outlives the parent only with the abandon policy; with terminate it is terminated.
                _ = try await context.startChildWorkflow(
                    Child.self, options: .init(id: "child-of-\(context.info.workflowID)", parentClosePolicy: .terminate),
                    input: "wait")
                return "parent done"
            default:
                let handle = try await context.startChildWorkflow(
                    Child.self, options: .init(id: "child-of-\(context.info.workflowID)"), input: input)
                return "\(handle.id): \(try await handle.result())"
            }
        }
    }

    @Test func childWorkflowsReturnFailAndAreCancelled() async throws {
        try await withWorkerAndClient(workflows: [Parent.self, Child.self]) { client, taskQueue in
            let id = "parent-\(UUID())"
            #expect(try await client.executeWorkflow(type: Parent.self, options: .init(id: id, taskQueue: taskQueue), input: "hi")
                == "child-of-\(id): child got hi")
            #expect(try await client.executeWorkflow(type: Parent.self, options: .init(id: "p-\(UUID())", taskQueue: taskQueue), input: "fail")
                == "caught: child failed on purpose")
            #expect(try await client.executeWorkflow(type: Parent.self, options: .init(id: "p-\(UUID())", taskQueue: taskQueue), input: "cancel")
                == "child cancelled: true")

            let parentID = "p-\(UUID())"
            _ = try await client.executeWorkflow(type: Parent.self, options: .init(id: parentID, taskQueue: taskQueue), input: "abandon-on-close")
            let child = client.workflowHandle(type: Child.self, id: "child-of-\(parentID)")
            let error = await #expect(throws: WorkflowFailedError.self) { try await child.result() }
            #expect(error?.cause is TerminatedError)
        }
    }

    @Workflow
    struct Signaller {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            let target = context.getExternalWorkflowHandle(Counter.self, id: input)
            try await target.signal(signalType: Counter.Add.self, input: 7)
            try await target.signal(signalType: Counter.Finish.self)
            do {
                try await context.getExternalWorkflowHandle(id: "no-such-workflow-\(input)").cancel()
                return "cancelled a missing workflow?"
            } catch {
                return "signalled; missing workflow: \(error is ApplicationError)"
            }
        }
    }

    @Test func externalSignalsReachAnotherWorkflowAndAMissingTargetFails() async throws {
        try await withWorkerAndClient(workflows: [Counter.self, Signaller.self]) { client, taskQueue in
            let counter = try await client.startWorkflow(
                type: Counter.self, options: .init(id: "counter-\(UUID())", taskQueue: taskQueue), input: 1)
            let result = try await client.executeWorkflow(
                type: Signaller.self, options: .init(id: "signaller-\(UUID())", taskQueue: taskQueue), input: counter.id)
            #expect(result == "signalled; missing workflow: true")
            #expect(try await counter.result() == 8)
        }
    }

    @Workflow
    struct Looper {
        func run(context: WorkflowContext<Self>, input: Int) async throws -> String {
            if input < 3 {
                throw try await context.makeContinueAsNewError(options: .init(), input: input + 1)
            }
            return "run \(input) of \(context.info.workflowID), continued from \(context.info.continuedRunID != nil)"
        }
    }

    @Test func continueAsNewStartsAFreshRunAndTheResultFollowsIt() async throws {
        let id = "loop-\(UUID())"
        let result = try await withWorkerAndClient(workflows: [Looper.self]) { client, taskQueue in
            try await client.executeWorkflow(type: Looper.self, options: .init(id: id, taskQueue: taskQueue), input: 0)
        }
        #expect(result == "run 3 of \(id), continued from true")
    }

    @Workflow
    struct Failing {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            throw ApplicationError(
                message: "failed: \(input)", details: [try context.payloadConverter.convertValue(input)], type: "Custom",
                isNonRetryable: true)
        }
    }

    @Test func anApplicationErrorFailsTheWorkflowWithItsDetails() async throws {
        let error = try await withWorkerAndClient(workflows: [Failing.self]) { client, taskQueue in
            await #expect(throws: WorkflowFailedError.self) {
                try await client.executeWorkflow(type: Failing.self, options: .init(id: "fail-\(UUID())", taskQueue: taskQueue), input: "x")
            }
        }
        let cause = error?.cause as? ApplicationError
        #expect(cause?.message == "failed: x")
        #expect(cause?.type == "Custom")
        let details = try cause?.details.map { try DataConverter.default.payloadConverter.convertPayload($0, as: String.self) }
        #expect(details == ["x"])
    }

    @Workflow
    struct BusyLoop {
        func run(context: WorkflowContext<Self>, input: Double) async throws -> String {
            // Never yields: the deadlock detector must fail the workflow task.
            let end = Date().addingTimeInterval(input)
            while Date() < end {}
            return "looped"
        }
    }

    @Test func workflowCodeThatDoesNotYieldFailsTheTaskAsADeadlock() async throws {
        try await withWorkerAndClient(workflows: [BusyLoop.self]) { client, taskQueue in
            let handle = try await client.startWorkflow(
                type: BusyLoop.self, options: .init(id: "busy-\(UUID())", taskQueue: taskQueue), input: 3)
            try await eventually {
                try await client.untypedWorkflowHandle(id: handle.id).history().contains {
                    $0.workflowTaskFailedEventAttributes.failure.message.contains("TMPRL1101")
                }
            }
            try await handle.terminate()
        }
    }

    @Test func aWorkerForAMissingNamespaceStopsWithNotFound() async throws {
        let (host, port) = try await TestServer.address()
        let worker = try TemporalWorker(
            configuration: .init(namespace: "no-such-namespace-\(UUID())", taskQueue: "tq", instrumentation: .init(serverHostname: host)),
            target: .ipv4(address: host, port: port), transportSecurity: .plaintext,
            activityContainers: ActivityList(containers: []), workflows: [Failing.self], logger: .init(label: "test"))
        let error = await #expect(throws: RPCError.self) { try await worker.run() }
        #expect(error?.code == .notFound)
    }

    @Test func anUnregisteredWorkflowTypeFailsTheTaskNamingTheRegisteredOnes() async throws {
        try await withWorkerAndClient(workflows: [Failing.self]) { client, taskQueue in
            let handle = try await client.startWorkflow(
                name: "NotRegistered", options: .init(id: "unregistered-\(UUID())", taskQueue: taskQueue, taskTimeout: .seconds(1)))
            try await eventually {
                let events = try await handle.history()
                return events.contains { event in
                    event.workflowTaskFailedEventAttributes.failure.message.contains("NotRegistered")
                        && event.workflowTaskFailedEventAttributes.failure.message.contains("Failing")
                }
            }
            try await handle.terminate()
        }
    }
}

extension UntypedWorkflowHandle {
    /// The run's events so far (tests read failures of workflow tasks from them).
    func history() async throws -> [Api.History.V1.HistoryEvent] {
        try await fetchHistoryEvents()
    }
}
