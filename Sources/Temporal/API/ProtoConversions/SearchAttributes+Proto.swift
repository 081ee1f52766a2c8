import TernAPI

extension Api.Common.V1.SearchAttributes {
    /// The wire form of `collection`; values marked unset become null payloads, which remove the
    /// attribute in an upsert.
    package init(_ collection: SearchAttributeCollection) {
        self.init()
        for (key, value) in collection.storage {
            indexedFields[key.name] = SearchAttributePayload.encode(value, type: key.type)
        }
    }
}

extension SearchAttributeCollection {
    /// The collection a wire `SearchAttributes` holds; null values are skipped.
    package init(_ proto: Api.Common.V1.SearchAttributes) throws {
        self.init()
        for (name, payload) in proto.indexedFields {
            guard let (value, type) = try SearchAttributePayload.decode(payload) else { continue }
            storage[SearchAttributeKeyStorage(name: name, type: type)] = value
        }
    }
}

extension SearchAttributeCollection {
    /// The collection a wire `SearchAttributes` holds, leaving out values that cannot be read
    /// (for callers that must not fail, such as a running workflow).
    package init(wireValue proto: Api.Common.V1.SearchAttributes) {
        self.init()
        for (name, payload) in proto.indexedFields {
            guard let decoded = Self.decodeIgnoringErrors(payload) else { continue }
            storage[SearchAttributeKeyStorage(name: name, type: decoded.type)] = decoded.value
        }
    }

    /// The decoded value, or `nil` when the payload is null or cannot be read.
    static func decodeIgnoringErrors(
        _ payload: Api.Common.V1.Payload
    ) -> (value: StorageValue, type: Api.Enums.V1.IndexedValueType)? {
        do {
            return try SearchAttributePayload.decode(payload)
        } catch {
            return nil
        }
    }

    /// The wire form of this collection (see ``Api/Common/V1/SearchAttributes/init(_:)``).
    package var wireValue: Api.Common.V1.SearchAttributes {
        Api.Common.V1.SearchAttributes(self)
    }
}

extension Api.Enums.V1.IndexedValueType {
    /// The type's name as search attribute metadata spells it (`Keyword`, `KeywordList`, …).
    package var indexedValueTypeString: String {
        switch self {
        case .text: "Text"
        case .keyword: "Keyword"
        case .int: "Int"
        case .double: "Double"
        case .bool: "Bool"
        case .datetime: "Datetime"
        case .keywordList: "KeywordList"
        default: ""
        }
    }

    /// The type named by `indexedValueTypeString`, or `nil` for an unknown name.
    package init?(indexedValueTypeString name: String) {
        switch name {
        case "Text": self = .text
        case "Keyword": self = .keyword
        case "Int": self = .int
        case "Double": self = .double
        case "Bool": self = .bool
        case "Datetime": self = .datetime
        case "KeywordList": self = .keywordList
        case "": self = .unspecified
        default: return nil
        }
    }
}
