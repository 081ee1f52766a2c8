public import struct Foundation.Date

/// A set of search attribute values, each stored under a typed ``SearchAttributeKey``.
///
/// Assigning `nil` through a subscript does not remove the key: it records that the attribute
/// should be *unset* when the collection is used for an upsert. Use `removeValue(forKey:)` to
/// drop a key from the collection.
public struct SearchAttributeCollection: Hashable, Sendable {
    typealias Storage = [SearchAttributeKeyStorage: StorageValue]

    /// A stored value, or the marker for an attribute to unset.
    package enum StorageValue: Hashable, Sendable {
        case unset
        case bool(Bool)
        case date(Date)
        case double(Double)
        case int(Int)
        case string(String)
        case stringArray([String])

        /// The value as `Any`, or `nil` for ``unset``.
        package var value: Any? {
            switch self {
            case .unset: nil
            case .bool(let value): value
            case .date(let value): value
            case .double(let value): value
            case .int(let value): value
            case .string(let value): value
            case .stringArray(let value): value
            }
        }

        /// The value as `any Sendable`, or `nil` for ``unset``.
        package var sendableValue: (any Sendable)? {
            switch self {
            case .unset: nil
            case .bool(let value): value
            case .date(let value): value
            case .double(let value): value
            case .int(let value): value
            case .string(let value): value
            case .stringArray(let value): value
            }
        }

        var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }
        var dateValue: Date? { if case .date(let value) = self { value } else { nil } }
        var doubleValue: Double? { if case .double(let value) = self { value } else { nil } }
        var intValue: Int? { if case .int(let value) = self { value } else { nil } }
        var stringValue: String? { if case .string(let value) = self { value } else { nil } }
        var stringArrayValue: [String]? { if case .stringArray(let value) = self { value } else { nil } }
    }

    /// A position in the collection.
    public struct Index: Comparable, Sendable {
        let rawIndex: Storage.Index

        init(_ rawIndex: Storage.Index) {
            self.rawIndex = rawIndex
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            lhs.rawIndex < rhs.rawIndex
        }
    }

    var storage: Storage = [:]

    /// Creates an empty collection.
    public init() {}

    /// Creates a collection and fills it with `builder`.
    public init(_ builder: (inout SearchAttributeCollection) throws -> Void) rethrows {
        var collection = SearchAttributeCollection()
        try builder(&collection)
        self = collection
    }
}

extension SearchAttributeCollection: CustomDebugStringConvertible {
    public var debugDescription: String {
        let entries = map { key, value in
            "\(key.name)(\(String(describing: key.type))): \(value.map { String(describing: $0) } ?? "<unset>")"
        }
        return "[" + entries.joined(separator: ", ") + "]"
    }
}

extension SearchAttributeCollection {
    /// The value of a `Bool` attribute; assigning `nil` marks it to be unset.
    public subscript(_ key: SearchAttributeKey<Bool>) -> Bool? {
        get { storage[key.storage]?.boolValue }
        set { storage[key.storage] = newValue.map(StorageValue.bool) ?? .unset }
    }

    /// The value of a date-time attribute; assigning `nil` marks it to be unset.
    public subscript(_ key: SearchAttributeKey<Date>) -> Date? {
        get { storage[key.storage]?.dateValue }
        set { storage[key.storage] = newValue.map(StorageValue.date) ?? .unset }
    }

    /// The value of a floating-point attribute; assigning `nil` marks it to be unset.
    public subscript(_ key: SearchAttributeKey<Double>) -> Double? {
        get { storage[key.storage]?.doubleValue }
        set { storage[key.storage] = newValue.map(StorageValue.double) ?? .unset }
    }

    /// The value of an integer attribute; assigning `nil` marks it to be unset.
    public subscript(_ key: SearchAttributeKey<Int>) -> Int? {
        get { storage[key.storage]?.intValue }
        set { storage[key.storage] = newValue.map(StorageValue.int) ?? .unset }
    }

    /// The value of a keyword or text attribute; assigning `nil` marks it to be unset.
    public subscript(_ key: SearchAttributeKey<String>) -> String? {
        get { storage[key.storage]?.stringValue }
        set { storage[key.storage] = newValue.map(StorageValue.string) ?? .unset }
    }

    /// The value of a keyword-list attribute; assigning `nil` marks it to be unset.
    public subscript(_ key: SearchAttributeKey<[String]>) -> [String]? {
        get { storage[key.storage]?.stringArrayValue }
        set { storage[key.storage] = newValue.map(StorageValue.stringArray) ?? .unset }
    }
}

extension SearchAttributeCollection: Collection {
    public var count: Int { storage.count }

    public var isEmpty: Bool { storage.isEmpty }

    public var startIndex: Index { Index(storage.startIndex) }

    public var endIndex: Index { Index(storage.endIndex) }

    public func index(after i: Index) -> Index { Index(storage.index(after: i.rawIndex)) }

    /// The key and value at `index`; the value is `nil` for an attribute marked to be unset.
    public subscript(index: Index) -> (AnySearchAttributeKey, Any?) {
        let entry = storage[index.rawIndex]
        return (AnySearchAttributeKey(entry.key), entry.value.value)
    }

    /// Removes a `Bool` attribute, returning its value.
    @discardableResult
    public mutating func removeValue(forKey key: SearchAttributeKey<Bool>) -> Bool? {
        storage.removeValue(forKey: key.storage)?.boolValue
    }

    /// Removes a date-time attribute, returning its value.
    @discardableResult
    public mutating func removeValue(forKey key: SearchAttributeKey<Date>) -> Date? {
        storage.removeValue(forKey: key.storage)?.dateValue
    }

    /// Removes a floating-point attribute, returning its value.
    @discardableResult
    public mutating func removeValue(forKey key: SearchAttributeKey<Double>) -> Double? {
        storage.removeValue(forKey: key.storage)?.doubleValue
    }

    /// Removes an integer attribute, returning its value.
    @discardableResult
    public mutating func removeValue(forKey key: SearchAttributeKey<Int>) -> Int? {
        storage.removeValue(forKey: key.storage)?.intValue
    }

    /// Removes a keyword or text attribute, returning its value.
    @discardableResult
    public mutating func removeValue(forKey key: SearchAttributeKey<String>) -> String? {
        storage.removeValue(forKey: key.storage)?.stringValue
    }

    /// Removes a keyword-list attribute, returning its value.
    @discardableResult
    public mutating func removeValue(forKey key: SearchAttributeKey<[String]>) -> [String]? {
        storage.removeValue(forKey: key.storage)?.stringArrayValue
    }
}

extension SearchAttributeCollection {
    /// The entries for which `isIncluded` returns `true`.
    package func filter(
        _ isIncluded: ((key: AnySearchAttributeKey, value: Any?)) throws -> Bool
    ) rethrows -> Self {
        var result = Self()
        for (key, value) in storage where try isIncluded((AnySearchAttributeKey(key), value.value)) {
            result.storage[key] = value
        }
        return result
    }

    /// The stored value for `key`, including the unset marker.
    package subscript(_ key: AnySearchAttributeKey) -> StorageValue? {
        get { storage[key.storage] }
        set { storage[key.storage] = newValue }
    }

    /// Removes `key` whatever its value type.
    @discardableResult
    package mutating func removeValue(forKey key: AnySearchAttributeKey) -> StorageValue? {
        storage.removeValue(forKey: key.storage)
    }

    /// Adds `other`'s entries, resolving keys present in both with `combine`.
    package mutating func merge(
        _ other: Self,
        uniquingKeysWith combine: (StorageValue, StorageValue) throws -> StorageValue
    ) rethrows {
        try storage.merge(other.storage, uniquingKeysWith: combine)
    }

    /// This collection with `other`'s entries added, resolving keys present in both with
    /// `combine`.
    package func merging(
        _ other: Self,
        uniquingKeysWith combine: (StorageValue, StorageValue) throws -> StorageValue
    ) rethrows -> Self {
        var copy = self
        try copy.merge(other, uniquingKeysWith: combine)
        return copy
    }

    /// Applies an upsert: `other`'s values replace or add entries, and its unset markers remove
    /// them (as the server does when a workflow upserts search attributes).
    package mutating func upsert(with other: Self) {
        for (key, value) in other.storage {
            if value == .unset {
                storage.removeValue(forKey: key)
            } else {
                storage[key] = value
            }
        }
    }
}
