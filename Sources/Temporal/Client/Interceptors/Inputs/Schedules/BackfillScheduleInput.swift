public import struct GRPCCore.CallOptions

/// A backfill as it passes through ``ClientOutboundInterceptor/backfillSchedule(input:next:)``.
public struct BackfillScheduleInput: Sendable {
    /// The schedule to backfill.
    public var id: String

    /// The past ranges whose actions are taken now.
    public var backfills: [ScheduleBackfill]

    /// Options for the call.
    public var callOptions: CallOptions?

    public init(id: String, backfills: [ScheduleBackfill], callOptions: CallOptions? = nil) {
        self.id = id
        self.backfills = backfills
        self.callOptions = callOptions
    }
}
