import Temporal

/// Seed 004's saga: reserve stock, charge, ship; when a step fails, undo the steps already done,
/// newest first, then fail with the original error.
@Workflow
public struct OrderSagaWorkflow {
    public init(input: OrderInput) {}

    public mutating func run(context: WorkflowContext<Self>, input: OrderInput) async throws -> OrderResult {
        var compensations: [(name: String, argument: String)] = []
        let options = ActivityOptions(startToCloseTimeout: .seconds(120))
        do {
            let reservation = try await context.executeActivity(
                OrderActivities.Activities.ReserveInventory.self, options: options, input: input.id)
            compensations.append((OrderActivities.Activities.ReleaseInventory.name, reservation.id))

            let payment = try await context.executeActivity(
                OrderActivities.Activities.ChargePayment.self, options: options, input: PaymentInput(orderId: input.id))
            compensations.append((OrderActivities.Activities.RefundPayment.name, payment.id))

            let shipment = try await context.executeActivity(
                OrderActivities.Activities.CreateShipment.self, options: options, input: input.id)
            return OrderResult(orderId: input.id, paymentId: payment.id, shipmentId: shipment.id)
        } catch {
            context.logger.warning("Saga failed, running \(compensations.count) compensations")
            for compensation in compensations.reversed() {
                do {
                    try await context.executeActivity(
                        name: compensation.name, options: options, input: compensation.argument, outputType: Void.self)
                } catch {
                    context.logger.error("Compensation failed: \(error)")
                }
            }
            throw error
        }
    }
}
