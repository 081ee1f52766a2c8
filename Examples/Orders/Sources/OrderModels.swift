/// The data of seed 004's order examples (the document leaves it undefined; these are the
/// smallest types its workflows need). Field names match the Python examples' JSON, so a Python
/// client can start these workflows and read their results.
public struct OrderInput: Codable, Sendable {
    public var id: String
    public var total: Double
    public var items: [String]

    public init(id: String, total: Double = 0, items: [String] = []) {
        self.id = id
        self.total = total
        self.items = items
    }
}

public struct OrderResult: Codable, Sendable, Equatable {
    public var orderId: String
    public var paymentId: String
    public var shipmentId: String

    enum CodingKeys: String, CodingKey {
        case orderId = "order_id"
        case paymentId = "payment_id"
        case shipmentId = "shipment_id"
    }

    public init(orderId: String, paymentId: String = "", shipmentId: String = "") {
        self.orderId = orderId
        self.paymentId = paymentId
        self.shipmentId = shipmentId
    }
}

public struct PaymentInput: Codable, Sendable {
    public var orderId: String
    public var amount: Double

    enum CodingKeys: String, CodingKey {
        case orderId = "order_id"
        case amount
    }

    public init(orderId: String, amount: Double = 0) {
        self.orderId = orderId
        self.amount = amount
    }
}

public struct PaymentResult: Codable, Sendable {
    public var id: String
    public init(id: String) { self.id = id }
}

public struct Reservation: Codable, Sendable {
    public var id: String
    public init(id: String) { self.id = id }
}

public struct Shipment: Codable, Sendable {
    public var id: String
    public init(id: String) { self.id = id }
}

public struct ApprovalInput: Codable, Sendable {
    public var name: String
    /// How long to wait for a decision (the document waits 24 hours).
    public var timeoutSeconds: Double

    enum CodingKeys: String, CodingKey {
        case name
        case timeoutSeconds = "timeout_seconds"
    }

    public init(name: String, timeoutSeconds: Double = 24 * 3600) {
        self.name = name
        self.timeoutSeconds = timeoutSeconds
    }
}

public struct ApprovalResult: Codable, Sendable, Equatable {
    public var status: String
    public init(status: String) { self.status = status }
}
