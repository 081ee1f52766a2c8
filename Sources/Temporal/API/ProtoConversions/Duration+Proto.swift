import SwiftProtobuf

// Internal rather than `package`: everything that needs these (client, worker, converters) is in
// this module, and a `package` signature over SwiftProtobuf types would force a `public import`.

extension Duration {
    /// The duration a protobuf `Duration` holds (exact: Swift durations are finer).
    init(protobufDuration: Google_Protobuf_Duration) {
        self.init(
            secondsComponent: protobufDuration.seconds,
            attosecondsComponent: Int64(protobufDuration.nanos) * 1_000_000_000
        )
    }
}

extension Google_Protobuf_Duration {
    /// `duration` truncated towards zero to whole nanoseconds.
    init(duration: Duration) {
        let components = duration.components
        self.init(seconds: components.seconds, nanos: Int32(components.attoseconds / 1_000_000_000))
    }
}
