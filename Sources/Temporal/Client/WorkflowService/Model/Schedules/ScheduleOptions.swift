public import struct GRPCCore.CallOptions

/// Options used only when a schedule is created.
public struct ScheduleOptions: Sendable {
    /// Whether to take the action once straight away.
    public var triggerImmediately: Bool

    /// Past ranges whose actions to take at creation.
    public var backfills: [ScheduleBackfill]

    /// Unindexed values stored with the schedule.
    public var memo: [String: any Sendable]?

    /// Indexed values for finding the schedule with list queries.
    public var searchAttributes: SearchAttributeCollection?

    /// Options for the create call.
    public var callOptions: CallOptions?

    /// Creates schedule options.
    public init(
        triggerImmediately: Bool = false,
        backfills: [ScheduleBackfill] = [],
        memo: [String: any Sendable]? = nil,
        searchAttributes: SearchAttributeCollection? = nil,
        callOptions: CallOptions? = nil
    ) {
        self.triggerImmediately = triggerImmediately
        self.backfills = backfills
        self.memo = memo
        self.searchAttributes = searchAttributes
        self.callOptions = callOptions
    }
}
