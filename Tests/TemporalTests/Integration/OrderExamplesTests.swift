import Foundation
import OrderExamples
import Temporal
import Testing

/// Seed 004's three workflows, written with the Swift SDK, against a real server.
@Suite("Seed 004 order examples")
struct OrderExamplesIntegrationTests {
    @Test func orderRetriesItsFirstActivityAndRunsTwoInParallel() async throws {
        let ledger = OrderLedger()
        ledger.failTransiently("create_order", for: "A-1", times: 1)
        let result = try await withWorkerAndClient(
            workflows: [OrderWorkflow.self], containers: [OrderActivities(ledger: ledger)]
        ) { client, taskQueue in
            try await client.executeWorkflow(
                type: OrderWorkflow.self, options: .init(id: "order-\(UUID())", taskQueue: taskQueue),
                input: OrderInput(id: "A-1", total: 10, items: ["book"]))
        }
        #expect(result == OrderResult(orderId: "A-1", paymentId: "pay-A-1"))
        // The first attempt failed and was retried; then both parallel activities ran.
        #expect(ledger.calls("A-1").prefix(2) == ["create_order", "create_order"])
        #expect(Set(ledger.calls("A-1").dropFirst(2)) == ["process_payment", "reserve_inventory"])
    }

    @Test func orderStatusIsQueryableAndACancelSignalRunsAnActivity() async throws {
        let ledger = OrderLedger()
        ledger.hold("D-4")  // create_order runs until released
        try await withWorkerAndClient(workflows: [OrderWorkflow.self], containers: [OrderActivities(ledger: ledger)]) {
            client, taskQueue in
            let handle = try await client.startWorkflow(
                type: OrderWorkflow.self, options: .init(id: "order-\(UUID())", taskQueue: taskQueue),
                input: OrderInput(id: "D-4"))
            #expect(try await handle.query(queryType: OrderWorkflow.GetStatus.self) == "pending")
            try await handle.signal(signalType: OrderWorkflow.CancelOrder.self, input: "customer asked")
            try await eventually { try await handle.query(queryType: OrderWorkflow.GetStatus.self) == "cancelled" }
            ledger.release("D-4")
            #expect(try await handle.result() == OrderResult(orderId: "D-4", paymentId: "pay-D-4"))
            #expect(try await handle.query(queryType: OrderWorkflow.GetStatus.self) == "completed")
        }
        // The signal arrived before the order existed, so (as in the document) it cancels order `nil`.
        #expect(ledger.calls("") == ["cancel_order"])
    }

    @Test func sagaCompensatesInReverseOrder() async throws {
        let ledger = OrderLedger()
        ledger.failShipment("B-2")
        try await withWorkerAndClient(workflows: [OrderSagaWorkflow.self], containers: [OrderActivities(ledger: ledger)]) {
            client, taskQueue in
            let error = await #expect(throws: WorkflowFailedError.self) {
                try await client.executeWorkflow(
                    type: OrderSagaWorkflow.self, options: .init(id: "saga-\(UUID())", taskQueue: taskQueue),
                    input: OrderInput(id: "B-2"))
            }
            let cause = (error?.cause as? ActivityError)?.cause as? ApplicationError
            #expect(cause?.message == "no carrier available")
        }
        #expect(
            ledger.calls("B-2")
                == ["reserve_inventory", "charge_payment", "create_shipment", "refund_payment", "release_inventory"])
    }

    @Test func approvalWaitsForTheSignal() async throws {
        try await withWorkerAndClient(workflows: [ApprovalWorkflow.self]) { client, taskQueue in
            let handle = try await client.startWorkflow(
                type: ApprovalWorkflow.self, options: .init(id: "approval-\(UUID())", taskQueue: taskQueue),
                input: ApprovalInput(name: "expense", timeoutSeconds: 60))
            try await handle.signal(signalType: ApprovalWorkflow.Approve.self, input: false)
            #expect(try await handle.result() == ApprovalResult(status: "rejected"))
        }
    }

    @Test func approvalRejectsOnItsOwnWhenNobodyAnswers() async throws {
        let result = try await withWorkerAndClient(workflows: [ApprovalWorkflow.self]) { client, taskQueue in
            try await client.executeWorkflow(
                type: ApprovalWorkflow.self, options: .init(id: "approval-\(UUID())", taskQueue: taskQueue),
                input: ApprovalInput(name: "expense", timeoutSeconds: 1))
        }
        #expect(result == ApprovalResult(status: "auto_rejected"))
    }
}
