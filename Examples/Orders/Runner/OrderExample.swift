import Foundation
import GRPCNIOTransportHTTP2Posix
import Logging
import OrderExamples
import Temporal

/// Runs seed 004's three workflows against a server on 127.0.0.1:7233 (`tern server start-dev`
/// or `temporal server start-dev`) and prints what each did.
@main
struct OrderExample {
    static func main() async throws {
        let logger = Logger(label: "OrderExample")
        let taskQueue = "orders-\(UUID().uuidString.prefix(8))"
        let ledger = OrderLedger()
        let worker = try TemporalWorker(
            configuration: .init(namespace: "default", taskQueue: taskQueue, instrumentation: .init(serverHostname: "localhost")),
            target: .ipv4(address: "127.0.0.1", port: 7233),
            transportSecurity: .plaintext,
            activityContainers: OrderActivities(ledger: ledger),
            workflows: [OrderWorkflow.self, OrderSagaWorkflow.self, ApprovalWorkflow.self],
            logger: logger)
        let client = try TemporalClient(
            target: .ipv4(address: "127.0.0.1", port: 7233),
            transportSecurity: .plaintext,
            configuration: .init(instrumentation: .init(serverHostname: "localhost")),
            logger: logger)
        try await withThrowingTaskGroup { group in
            group.addTask { try await worker.run() }
            group.addTask { try await client.run() }

            let order = try await client.executeWorkflow(
                type: OrderWorkflow.self, options: .init(id: "order-\(UUID())", taskQueue: taskQueue),
                input: OrderInput(id: "A-1", total: 42, items: ["book"]))
            print("order: paid with \(order.paymentId)")

            ledger.failShipment("B-2")
            do {
                _ = try await client.executeWorkflow(
                    type: OrderSagaWorkflow.self, options: .init(id: "saga-\(UUID())", taskQueue: taskQueue),
                    input: OrderInput(id: "B-2"))
            } catch {
                print("saga: failed, compensations ran: \(ledger.calls("B-2").suffix(2).joined(separator: ", "))")
            }

            let approval = try await client.startWorkflow(
                type: ApprovalWorkflow.self, options: .init(id: "approval-\(UUID())", taskQueue: taskQueue),
                input: ApprovalInput(name: "expense", timeoutSeconds: 60))
            try await approval.signal(signalType: ApprovalWorkflow.Approve.self, input: true)
            print("approval: \(try await approval.result().status)")
            let unanswered = try await client.executeWorkflow(
                type: ApprovalWorkflow.self, options: .init(id: "approval-\(UUID())", taskQueue: taskQueue),
                input: ApprovalInput(name: "expense", timeoutSeconds: 2))
            print("approval without answer: \(unanswered.status)")
            group.cancelAll()
        }
    }
}
