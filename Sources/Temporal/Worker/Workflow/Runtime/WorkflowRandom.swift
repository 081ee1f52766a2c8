/// The workflow's random numbers: a PCG-XSH-RR generator seeded from the run, so a replay draws
/// the same numbers in the same order.
struct WorkflowRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    private let increment: UInt64

    init(seed: UInt64) {
        increment = (seed << 1) | 1
        state = 0
        _ = next32()
        state &+= seed
        _ = next32()
    }

    /// A seed from a string (the first run's id): FNV-1a, stable across processes and platforms.
    static func seed(from text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    private mutating func next32() -> UInt32 {
        let old = state
        state = old &* 6_364_136_223_846_793_005 &+ increment
        let shifted = UInt32(truncatingIfNeeded: ((old >> 18) ^ old) >> 27)
        let rotation = UInt32(truncatingIfNeeded: old >> 59)
        return (shifted >> rotation) | (shifted << ((~rotation &+ 1) & 31))
    }

    mutating func next() -> UInt64 {
        UInt64(next32()) << 32 | UInt64(next32())
    }
}

/// The generator `WorkflowContext.randomNumberGenerator` hands out: draws from the run's state, so
/// every copy continues the same deterministic sequence.
struct WorkflowRandomNumberGenerator: RandomNumberGenerator, @unchecked Sendable {
    let instance: WorkflowInstance

    mutating func next() -> UInt64 { instance.random.next() }
}
