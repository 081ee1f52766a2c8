import Foundation
import Synchronization
import Temporal

/// The activities of seed 004. The payment gateway and the warehouse are in-process stand-ins
/// (tests have no network); ``OrderLedger`` records every call so tests can check what ran.
@ActivityContainer
public struct OrderActivities {
    public let ledger: OrderLedger

    public init(ledger: OrderLedger = OrderLedger()) { self.ledger = ledger }

    @Activity
    func createOrder(input: OrderInput) async throws -> String {
        ledger.record(input.id, "create_order")
        while ledger.isHeld(input.id) { try await Task.sleep(for: .milliseconds(20)) }
        if ledger.failuresBeforeSuccess(of: "create_order", for: input.id) {
            throw ApplicationError(message: "order service unavailable", type: "Unavailable")
        }
        return input.id
    }

    @Activity
    func processPayment(input: PaymentInput) async throws -> PaymentResult {
        ledger.record(input.orderId, "process_payment")
        if ledger.isDeclined(input.orderId) {
            throw ApplicationError(message: "Payment declined", type: "PaymentDeclined", isNonRetryable: true)
        }
        return PaymentResult(id: "pay-\(input.orderId)")
    }

    @Activity
    func reserveInventory(input: String) async throws -> Reservation {
        ledger.record(input, "reserve_inventory")
        return Reservation(id: "res-\(input)")
    }

    @Activity
    func cancelOrder(input: String) async throws {
        ledger.record(input, "cancel_order")
    }

    @Activity
    func chargePayment(input: PaymentInput) async throws -> PaymentResult {
        ledger.record(input.orderId, "charge_payment")
        return PaymentResult(id: "pay-\(input.orderId)")
    }

    @Activity
    func createShipment(input: String) async throws -> Shipment {
        ledger.record(input, "create_shipment")
        if ledger.shipmentFails(input) {
            throw ApplicationError(message: "no carrier available", type: "NoCarrier", isNonRetryable: true)
        }
        return Shipment(id: "ship-\(input)")
    }

    @Activity
    func releaseInventory(input: String) async throws {
        ledger.record(String(input.dropFirst("res-".count)), "release_inventory")
    }

    @Activity
    func refundPayment(input: String) async throws {
        ledger.record(String(input.dropFirst("pay-".count)), "refund_payment")
    }
}

/// What the activities did, per order, and the failures a test asks them to simulate.
public final class OrderLedger: Sendable {
    private struct State {
        var calls: [String: [String]] = [:]
        var declined: Set<String> = []
        var failingShipments: Set<String> = []
        var transientFailures: [String: Int] = [:]
        var held: Set<String> = []
    }

    private let state = Mutex(State())

    public init() {}

    public func record(_ order: String, _ call: String) {
        state.withLock { $0.calls[order, default: []].append(call) }
    }

    public func calls(_ order: String) -> [String] { state.withLock { $0.calls[order] ?? [] } }

    public func decline(_ order: String) { state.withLock { _ = $0.declined.insert(order) } }
    public func failShipment(_ order: String) { state.withLock { _ = $0.failingShipments.insert(order) } }
    /// The next `count` calls of `activity` for `order` fail with a retryable error.
    public func failTransiently(_ activity: String, for order: String, times count: Int) {
        state.withLock { $0.transientFailures["\(activity)/\(order)"] = count }
    }

    /// `create_order` for `order` waits until ``release(_:)`` (so a test can act while it runs).
    public func hold(_ order: String) { state.withLock { _ = $0.held.insert(order) } }
    public func release(_ order: String) { state.withLock { _ = $0.held.remove(order) } }

    func isHeld(_ order: String) -> Bool { state.withLock { $0.held.contains(order) } }
    func isDeclined(_ order: String) -> Bool { state.withLock { $0.declined.contains(order) } }
    func shipmentFails(_ order: String) -> Bool { state.withLock { $0.failingShipments.contains(order) } }
    func failuresBeforeSuccess(of activity: String, for order: String) -> Bool {
        state.withLock { state in
            let key = "\(activity)/\(order)"
            guard let left = state.transientFailures[key], left > 0 else { return false }
            state.transientFailures[key] = left - 1
            return true
        }
    }
}
