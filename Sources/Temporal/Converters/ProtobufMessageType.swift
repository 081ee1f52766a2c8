import TernAPI
import SwiftProtobuf

/// Finds the protobuf message type behind a requested value type, looking through `Optional`.
enum ProtobufMessageType {
    /// The message type for `type`, or for the type it wraps when `type` is an optional message.
    static func resolve(_ type: Any.Type) -> (any Message.Type)? {
        if let messageType = type as? any Message.Type {
            return messageType
        }
        if let optionalType = type as? any OptionalPayloadValue.Type {
            return resolve(optionalType.wrappedType)
        }
        return nil
    }

    /// `message` as `Value`, wrapping it in an optional when `Value` is one.
    static func cast<Value>(_ message: any Message, to valueType: Value.Type) -> Value? {
        if let value = message as? Value {
            return value
        }
        if let optionalType = valueType as? any OptionalPayloadValue.Type {
            return optionalType.wrapping(message) as? Value
        }
        return nil
    }
}
