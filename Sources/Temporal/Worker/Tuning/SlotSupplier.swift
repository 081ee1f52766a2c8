/// A limit on concurrent work of one kind.
public struct SlotSupplier: Sendable {
    package enum Kind: Sendable {
        case fixedSize(FixedSizeSlotSupplierOptions)
        case resourceBased(options: ResourceBasedSlotSupplierOptions, tunerOptions: ResourceBasedTunerOptions)
    }

    package let kind: Kind

    /// A fixed number of slots.
    public static func fixedSize(_ options: FixedSizeSlotSupplierOptions) -> SlotSupplier { .init(kind: .fixedSize(options)) }

    /// Slots that follow memory and CPU use (this worker uses the maximum as a fixed size).
    public static func resourceBased(
        _ options: ResourceBasedSlotSupplierOptions = .init(), tunerOptions: ResourceBasedTunerOptions
    ) -> SlotSupplier {
        .init(kind: .resourceBased(options: options, tunerOptions: tunerOptions))
    }

    /// The most slots this supplier hands out.
    package var maximumSlots: Int {
        switch kind {
        case .fixedSize(let options): max(1, options.maximumSlots)
        case .resourceBased(let options, _): max(1, options.maximumSlots)
        }
    }
}
