import Foundation
import NIOCore
import PostgresNIO

/// A one-dimensional array parameter whose elements may be NULL, in PostgreSQL's binary array
/// format. postgres-nio encodes arrays of non-optional elements only, and a batch writes one array
/// per column (`unnest($1::text[], …)`), where nullable columns need NULL elements.
struct PostgresArray: PostgresDynamicTypeEncodable, Sendable {
    private enum Elements: Sendable {
        case int8([Int64?])
        case float8([Double?])
        case text([String?])
        case bytea([Data?])
    }

    private let elements: Elements

    static func int8(_ values: [Int64?]) -> Self { Self(elements: .int8(values)) }
    static func float8(_ values: [Double?]) -> Self { Self(elements: .float8(values)) }
    static func text(_ values: [String?]) -> Self { Self(elements: .text(values)) }
    static func bytea(_ values: [Data?]) -> Self { Self(elements: .bytea(values)) }

    var psqlType: PostgresDataType {
        switch elements {
        case .int8: .int8Array
        case .float8: .float8Array
        case .text: .textArray
        case .bytea: .byteaArray
        }
    }

    var psqlFormat: PostgresFormat { .binary }

    private var elementType: PostgresDataType {
        switch elements {
        case .int8: .int8
        case .float8: .float8
        case .text: .text
        case .bytea: .bytea
        }
    }

    private var count: Int {
        switch elements {
        case .int8(let v): v.count
        case .float8(let v): v.count
        case .text(let v): v.count
        case .bytea(let v): v.count
        }
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        // Header: dimensions, has-null flag, element type; then length and lower bound of the dimension.
        buffer.writeInteger(count == 0 ? 0 : 1, as: Int32.self)
        buffer.writeInteger(hasNull ? 1 : 0, as: Int32.self)
        buffer.writeInteger(elementType.rawValue, as: UInt32.self)
        guard count > 0 else { return }
        buffer.writeInteger(Int32(count), as: Int32.self)
        buffer.writeInteger(1, as: Int32.self)
        switch elements {
        case .int8(let values):
            for value in values { Self.write(value, &buffer) { $1.writeInteger($0, as: Int64.self) } }
        case .float8(let values):
            for value in values { Self.write(value, &buffer) { $1.writeInteger($0.bitPattern, as: UInt64.self) } }
        case .text(let values):
            for value in values { Self.write(value, &buffer) { $1.writeString($0) } }
        case .bytea(let values):
            for value in values { Self.write(value, &buffer) { $1.writeBytes($0) } }
        }
    }

    private var hasNull: Bool {
        switch elements {
        case .int8(let v): v.contains(nil)
        case .float8(let v): v.contains(nil)
        case .text(let v): v.contains(nil)
        case .bytea(let v): v.contains(nil)
        }
    }

    /// One element: its length (-1 for NULL), then its bytes.
    private static func write<T>(_ value: T?, _ buffer: inout ByteBuffer, _ body: (T, inout ByteBuffer) -> Void) {
        guard let value else {
            buffer.writeInteger(-1, as: Int32.self)
            return
        }
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(0, as: Int32.self)
        let start = buffer.writerIndex
        body(value, &buffer)
        buffer.setInteger(Int32(buffer.writerIndex - start), at: lengthIndex, as: Int32.self)
    }
}

extension PostgresBindings {
    /// The compiler's neutral values as PostgreSQL parameters (int8, float8, text, NULL).
    init(_ values: [SQLValue]) {
        self.init(capacity: values.count)
        for value in values {
            switch value {
            case .int(let i): append(i)
            case .double(let d): append(d)
            case .text(let s): append(s)
            case .null: appendNull()
            }
        }
    }
}
