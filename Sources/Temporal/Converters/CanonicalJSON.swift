/// Rewrites a compact JSON document with every object's keys in code-point order, keeping each
/// scalar token byte for byte, the way Python's `json.dumps(..., sort_keys=True)` orders them.
enum CanonicalJSON {
    /// The reordered document, or `json` unchanged if it cannot be parsed.
    static func sortingKeys(_ json: [UInt8]) -> [UInt8] {
        var parser = Parser(bytes: json)
        guard let node = parser.parseValue(), parser.skipWhitespaceAndCheckEnd() else {
            return json
        }
        var output: [UInt8] = []
        output.reserveCapacity(json.count)
        node.write(into: &output, source: json)
        return output
    }

    private indirect enum Node {
        /// A string, number, `true`, `false` or `null`, as the byte range it came from.
        case scalar(Range<Int>)
        case array([Node])
        /// Members as (raw key token range, decoded key scalars, value).
        case object([(key: Range<Int>, sortKey: [UInt32], value: Node)])

        func write(into output: inout [UInt8], source: [UInt8]) {
            switch self {
            case .scalar(let range):
                output.append(contentsOf: source[range])
            case .array(let elements):
                output.append(UInt8(ascii: "["))
                for (index, element) in elements.enumerated() {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    element.write(into: &output, source: source)
                }
                output.append(UInt8(ascii: "]"))
            case .object(let members):
                output.append(UInt8(ascii: "{"))
                let sorted = members.sorted { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
                for (index, member) in sorted.enumerated() {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    output.append(contentsOf: source[member.key])
                    output.append(UInt8(ascii: ":"))
                    member.value.write(into: &output, source: source)
                }
                output.append(UInt8(ascii: "}"))
            }
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipWhitespace() {
            while index < bytes.count,
                bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09
            {
                index += 1
            }
        }

        mutating func skipWhitespaceAndCheckEnd() -> Bool {
            skipWhitespace()
            return index == bytes.count
        }

        mutating func parseValue() -> Node? {
            skipWhitespace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                return parseObject()
            case UInt8(ascii: "["):
                return parseArray()
            case UInt8(ascii: "\""):
                return parseString().map { .scalar($0) }
            default:
                let start = index
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
                        || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
                    {
                        break
                    }
                    index += 1
                }
                return index > start ? .scalar(start..<index) : nil
            }
        }

        mutating func parseString() -> Range<Int>? {
            let start = index
            index += 1
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"):
                    index += 2
                case UInt8(ascii: "\""):
                    index += 1
                    return start..<index
                default:
                    index += 1
                }
            }
            return nil
        }

        mutating func parseArray() -> Node? {
            index += 1
            var elements: [Node] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                guard let element = parseValue() else { return nil }
                elements.append(element)
                skipWhitespace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(elements)
                } else {
                    return nil
                }
            }
        }

        mutating func parseObject() -> Node? {
            index += 1
            var members: [(key: Range<Int>, sortKey: [UInt32], value: Node)] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\""),
                    let key = parseString(),
                    let sortKey = Self.decodeString(bytes[key])
                else { return nil }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let value = parseValue() else { return nil }
                members.append((key, sortKey, value))
                skipWhitespace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                } else {
                    return nil
                }
            }
        }

        /// The Unicode scalar values of a quoted JSON string token.
        static func decodeString(_ token: ArraySlice<UInt8>) -> [UInt32]? {
            guard token.count >= 2 else { return nil }
            let inner = Array(token.dropFirst().dropLast())
            var utf16: [UInt16] = []
            var raw: [UInt8] = []
            func flushRaw() {
                utf16.append(contentsOf: String(decoding: raw, as: UTF8.self).utf16)
                raw.removeAll()
            }
            var i = 0
            while i < inner.count {
                let byte = inner[i]
                guard byte == UInt8(ascii: "\\") else {
                    raw.append(byte)
                    i += 1
                    continue
                }
                flushRaw()
                guard i + 1 < inner.count else { return nil }
                let escape = inner[i + 1]
                i += 2
                switch escape {
                case UInt8(ascii: "\""): utf16.append(0x22)
                case UInt8(ascii: "\\"): utf16.append(0x5C)
                case UInt8(ascii: "/"): utf16.append(0x2F)
                case UInt8(ascii: "b"): utf16.append(0x08)
                case UInt8(ascii: "f"): utf16.append(0x0C)
                case UInt8(ascii: "n"): utf16.append(0x0A)
                case UInt8(ascii: "r"): utf16.append(0x0D)
                case UInt8(ascii: "t"): utf16.append(0x09)
                case UInt8(ascii: "u"):
                    guard i + 4 <= inner.count,
                        let unit = UInt16(String(decoding: inner[i..<i + 4], as: UTF8.self), radix: 16)
                    else { return nil }
                    utf16.append(unit)
                    i += 4
                default:
                    return nil
                }
            }
            flushRaw()
            return String(decoding: utf16, as: UTF16.self).unicodeScalars.map(\.value)
        }
    }
}
