import TernAPI

/// Why a converter declined or failed to convert a value or payload.
struct PayloadConversionError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }

    static func cannotEncode(_ value: Any, with converter: String) -> Self {
        .init("\(converter) cannot encode a value of type \(type(of: value))")
    }

    static func cannotDecode(_ type: Any.Type, with converter: String) -> Self {
        .init("\(converter) cannot decode a value of type \(type)")
    }
}
