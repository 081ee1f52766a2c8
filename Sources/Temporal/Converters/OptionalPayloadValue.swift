import TernAPI

/// Lets converters recognise `Optional` values and types without knowing the wrapped type.
protocol OptionalPayloadValue {
    /// `true` for `nil`, and for `.some(nil)` at any depth of nesting.
    var isNilAtAnyDepth: Bool { get }
    /// The wrapped value, or `nil`.
    var wrappedAsAny: Any? { get }
    /// The `nil` value of this optional type.
    static var nilValue: Self { get }
    /// The wrapped type.
    static var wrappedType: Any.Type { get }
    /// Wraps `value` when it has the wrapped type.
    static func wrapping(_ value: Any) -> Self?
}

extension Optional: OptionalPayloadValue {
    var isNilAtAnyDepth: Bool {
        switch self {
        case .none:
            return true
        case .some(let wrapped):
            return (wrapped as? any OptionalPayloadValue)?.isNilAtAnyDepth ?? false
        }
    }

    var wrappedAsAny: Any? {
        switch self {
        case .none: nil
        case .some(let wrapped): wrapped
        }
    }

    static var nilValue: Self { .none }

    static var wrappedType: Any.Type { Wrapped.self }

    static func wrapping(_ value: Any) -> Self? {
        guard let wrapped = value as? Wrapped else { return nil }
        return .some(wrapped)
    }
}

/// Strips any number of `Optional` layers from `value`; `nil` when one of them is empty.
func unwrapOptionals(_ value: Any) -> Any? {
    var current = value
    while let optional = current as? any OptionalPayloadValue {
        guard let wrapped = optional.wrappedAsAny else { return nil }
        current = wrapped
    }
    return current
}
