/// A fixed number of slots.
public struct FixedSizeSlotSupplierOptions: Sendable {
    public var maximumSlots: Int

    public init(maximumSlots: Int = 100) { self.maximumSlots = maximumSlots }
}
