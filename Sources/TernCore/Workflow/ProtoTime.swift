import Foundation
import SwiftProtobuf

/// Conversions between protobuf time types and Swift's that swift-protobuf does not provide.
extension Google_Protobuf_Duration {
    public var duration: Duration { Duration(self) }

    public var isPositive: Bool { seconds > 0 || (seconds == 0 && nanos > 0) }
    public var isNegative: Bool { seconds < 0 || nanos < 0 }
}

extension Google_Protobuf_Timestamp {
    public func adding(_ duration: Google_Protobuf_Duration) -> Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(date: date.addingTimeInterval(duration.timeInterval))
    }

    /// Milliseconds since 1970, the unit timer tasks are stored in.
    public var milliseconds: Int64 {
        seconds * 1000 + Int64(nanos) / 1_000_000
    }
}

extension Date {
    public var timestamp: Google_Protobuf_Timestamp { Google_Protobuf_Timestamp(date: self) }
}
