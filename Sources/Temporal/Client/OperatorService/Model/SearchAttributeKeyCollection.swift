/// The search attributes a namespace has: the ones users added, the server's own, and how the
/// server stores them.
public struct SearchAttributeKeyCollection: Hashable, Sendable {
    public var customAttributes: [String: Api.Enums.V1.IndexedValueType]
    public var systemAttributes: [String: Api.Enums.V1.IndexedValueType]
    public var storageSchema: [String: String]
}
