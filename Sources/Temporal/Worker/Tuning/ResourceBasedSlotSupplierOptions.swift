/// Bounds of a resource-based slot supplier.
public struct ResourceBasedSlotSupplierOptions: Sendable {
    public var minimumSlots: Int
    public var maximumSlots: Int
    public var rampThrottle: Duration

    public init(minimumSlots: Int = 5, maximumSlots: Int = 100, rampThrottle: Duration = .milliseconds(50)) {
        self.minimumSlots = minimumSlots
        self.maximumSlots = maximumSlots
        self.rampThrottle = rampThrottle
    }
}
