import Foundation
import Temporal
import Testing

/// What a workflow says about itself (search attributes, memo) as other clients see it, and the
/// timeouts and parent-close policies the server enforces on SDK workflows.
@Suite("Workflow properties and timeouts")
struct PropertiesIntegrationTests {
    static let customer = SearchAttributeKey<String>.keyword("CustomerId")
    static let total = SearchAttributeKey<Double>.double("OrderTotal")

    @Workflow
    struct Tagged {
        var done = false

        mutating func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            context.upsertSearchAttributes { attributes in
                attributes[PropertiesIntegrationTests.customer] = input
                attributes[PropertiesIntegrationTests.total] = 12.5
            }
            try await context.upsertMemo(["note": "tagged \(input)"])
            let note = try await context.getMemoValue(for: "note", as: String.self)
            try await context.condition { $0.done }
            return "\(context.searchAttributes[PropertiesIntegrationTests.customer] ?? "?") / \(note ?? "?")"
        }

        @WorkflowSignal
        mutating func finish(input: Void) { done = true }
    }

    @Test func searchAttributesAndMemoAreVisibleThroughListAndToTheWorkflow() async throws {
        let customer = "c-\(UUID().uuidString.prefix(8))"
        try await withWorkerAndClient(workflows: [Tagged.self]) { client, taskQueue in
            let handle = try await client.startWorkflow(
                type: Tagged.self, options: .init(id: "tagged-\(UUID())", taskQueue: taskQueue), input: customer)
            var found: [WorkflowExecution] = []
            try await eventually {
                found = []
                for try await execution in try await client.listWorkflows(query: "CustomerId = '\(customer)' AND OrderTotal > 10") {
                    found.append(execution)
                }
                return found.count == 1
            }
            #expect(found.first?.workflowID == handle.id)
            #expect(found.first?.searchAttributes[Self.total] == 12.5)
            let note = try found.first?.memo["note"].map {
                try DataConverter.default.payloadConverter.convertPayload($0.payload, as: String.self)
            }
            #expect(note == "tagged \(customer)")
            try await handle.signal(signalType: Tagged.Finish.self)
            #expect(try await handle.result() == "\(customer) / tagged \(customer)")
        }
    }

    @Workflow
    struct Waiter {
        func run(context: WorkflowContext<Self>, input: Int) async throws -> String {
            try await context.sleep(for: .seconds(input))
            return "woke"
        }
    }

    @Test func aRunTimeoutEndsTheWorkflowAsTimedOut() async throws {
        try await withWorkerAndClient(workflows: [Waiter.self]) { client, taskQueue in
            let error = await #expect(throws: WorkflowFailedError.self) {
                try await client.executeWorkflow(
                    type: Waiter.self, options: .init(id: "waiter-\(UUID())", taskQueue: taskQueue, runTimeout: .seconds(1)),
                    input: 60)
            }
            #expect((error?.cause as? TimeoutError) != nil)
        }
    }

    @ActivityContainer
    struct Slow {
        @Activity
        func nap(input: Double) async throws -> String {
            try await Task.sleep(for: .milliseconds(Int64(input * 1000)))
            return "rested"
        }
    }

    @Workflow
    struct ScheduleToClose {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            do {
                return try await context.executeActivity(
                    Slow.Activities.Nap.self,
                    options: ActivityOptions(
                        scheduleToCloseTimeout: .seconds(1), retryPolicy: RetryPolicy(maximumAttempts: 5)),
                    input: 5)
            } catch let error as ActivityError {
                return "\((error.cause as? TimeoutError)?.type == .scheduleToClose)"
            }
        }
    }

    @Test func aScheduleToCloseTimeoutEndsAnActivityAcrossRetries() async throws {
        let result = try await withWorkerAndClient(workflows: [ScheduleToClose.self], containers: [Slow()]) { client, taskQueue in
            try await client.executeWorkflow(
                type: ScheduleToClose.self, options: .init(id: "s2c-\(UUID())", taskQueue: taskQueue), input: "")
        }
        #expect(result == "true")
    }

    @Workflow
    struct LeavesAChild {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            let child = try await context.startChildWorkflow(
                Waiter.self,
                options: .init(id: "abandoned-\(context.info.workflowID)", parentClosePolicy: .abandon), input: 1)
            return child.id
        }
    }

    @Test func anAbandonedChildOutlivesItsParent() async throws {
        try await withWorkerAndClient(workflows: [LeavesAChild.self, Waiter.self]) { client, taskQueue in
            let childID = try await client.executeWorkflow(
                type: LeavesAChild.self, options: .init(id: "parent-\(UUID())", taskQueue: taskQueue), input: "")
            #expect(try await client.workflowHandle(type: Waiter.self, id: childID).result() == "woke")
        }
    }
}

@Suite("Operator service")
struct OperatorServiceIntegrationTests {
    @Test func customSearchAttributesAreAddedListedAndRemoved() async throws {
        let key = SearchAttributeKey<Int>.int("SwiftSDKTest\(UUID().uuidString.prefix(6).filter(\.isLetter))")
        try await withWorkerAndClient { client, _ in
            try await client.addSearchAttributes(key)
            try await eventually { try await client.listSearchAttributes().customAttributes[key.name] == .int }
            #expect(try await client.listSearchAttributes().systemAttributes["WorkflowId"] == .keyword)
            try await client.operatorService.removeSearchAttributes(key)
            try await eventually { try await client.listSearchAttributes().customAttributes[key.name] == nil }
        }
    }
}
