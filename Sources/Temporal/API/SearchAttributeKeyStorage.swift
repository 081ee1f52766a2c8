import TernAPI

/// A search attribute's identity: its name and indexed type.
struct SearchAttributeKeyStorage: Hashable, Sendable {
    let name: String
    let type: Api.Enums.V1.IndexedValueType
}
