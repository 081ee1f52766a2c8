import Foundation
import SwiftProtobuf

/// Conversions between protobuf time types and Swift's, in one place.
extension Google_Protobuf_Duration {
    public init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(seconds: seconds, nanos: Int32(attoseconds / 1_000_000_000))
    }

    public var duration: Duration {
        .seconds(seconds) + .nanoseconds(Int64(nanos))
    }

    /// Seconds as a floating-point number (for back-off arithmetic).
    public var timeInterval: TimeInterval {
        TimeInterval(seconds) + TimeInterval(nanos) / 1e9
    }

    public var isPositive: Bool { seconds > 0 || (seconds == 0 && nanos > 0) }
    public var isNegative: Bool { seconds < 0 || nanos < 0 }

    public init(timeInterval: TimeInterval) {
        let whole = timeInterval.rounded(.down)
        self.init(seconds: Int64(whole), nanos: Int32(((timeInterval - whole) * 1e9).rounded()))
    }
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
