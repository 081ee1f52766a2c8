/// Produces `()` typed as a generic parameter known at run time to be `Void`.
package enum VoidValue {
    /// Returns `()` as `Value` when `Value` is `Void`, otherwise `nil`.
    package static func make<Value>(_ type: Value.Type) -> Value? {
        guard type == Void.self else { return nil }
        return () as? Value
    }

    /// Whether `Value` is `Void`.
    package static func isVoid<Value>(_ type: Value.Type) -> Bool {
        type == Void.self
    }
}
