public import TernAPI

/// A search attribute name with its value type erased.
public struct AnySearchAttributeKey: Hashable, Sendable {
    let storage: SearchAttributeKeyStorage

    init(_ storage: SearchAttributeKeyStorage) {
        self.storage = storage
    }

    /// Erases the value type of `key`.
    public init<Value>(_ key: SearchAttributeKey<Value>) {
        self.storage = key.storage
    }

    /// The attribute's name.
    public var name: String { storage.name }

    /// The attribute's indexed type.
    public var type: Api.Enums.V1.IndexedValueType { storage.type }
}

extension AnySearchAttributeKey: CustomStringConvertible {
    public var description: String { name }
}
