import Foundation

/// Run ids are version 7 UUIDs, as Temporal makes them: the first 48 bits are the creation time in
/// milliseconds, so ids sort by age (SDKs and tools may rely on the version).
public enum RunIDs {
    public static func make(now: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - UInt64(i)))) }
        let random = generator.next() as UInt64
        let more = generator.next() as UInt64
        for i in 6..<16 {
            let source = i < 14 ? random : more
            bytes[i] = UInt8(truncatingIfNeeded: source >> (8 * UInt64(i % 8)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70  // version 7
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        let uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        return uuid.uuidString.lowercased()
    }
}
