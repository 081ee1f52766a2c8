import Temporal

/// Seed 004's order workflow: create the order (retried), then charge the payment and reserve the
/// stock in parallel. Its status can be queried, and a `cancelOrder` signal cancels the order.
@Workflow
public struct OrderWorkflow {
    var status = "pending"
    var orderId: String?

    public init(input: OrderInput) {}

    public mutating func run(context: WorkflowContext<Self>, input: OrderInput) async throws -> OrderResult {
        let orderId = try await context.executeActivity(
            OrderActivities.Activities.CreateOrder.self,
            options: ActivityOptions(
                startToCloseTimeout: .seconds(30),
                retryPolicy: RetryPolicy(initialInterval: .seconds(1), maximumAttempts: 3)),
            input: input)
        self.orderId = orderId
        status = "processing"

        // The two activities run at the same time; the workflow waits for both.
        async let payment = context.executeActivity(
            OrderActivities.Activities.ProcessPayment.self,
            options: ActivityOptions(startToCloseTimeout: .seconds(300)),
            input: PaymentInput(orderId: orderId, amount: input.total))
        async let reservation = context.executeActivity(
            OrderActivities.Activities.ReserveInventory.self,
            options: ActivityOptions(startToCloseTimeout: .seconds(120)),
            input: orderId)
        let (paid, _) = try await (payment, reservation)

        status = "completed"
        return OrderResult(orderId: orderId, paymentId: paid.id)
    }

    @WorkflowQuery
    public func getStatus(input: Void) -> String {
        status
    }

    @WorkflowSignal
    public mutating func cancelOrder(context: WorkflowContext<Self>, input: String) async throws {
        status = "cancelling"
        try await context.executeActivity(
            OrderActivities.Activities.CancelOrder.self,
            options: ActivityOptions(startToCloseTimeout: .seconds(30)),
            input: orderId ?? "")
        status = "cancelled"
    }
}
