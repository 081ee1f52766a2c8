import Foundation

/// A schedule as the server describes it: its definition, with the action's input decoded as
/// `Input`, and what it has done so far.
public struct ScheduleDescription<Input: Sendable>: Sendable {
    /// Counts, recent and running actions, and upcoming times.
    public var info: ScheduleInfo

    /// The schedule's definition.
    public var schedule: Schedule<Input>

    /// The schedule's memo, unconverted.
    public var memo: [String: TemporalRawValue]?

    /// The schedule's search attributes.
    public var searchAttributes: SearchAttributeCollection?

    /// The token the server uses to detect concurrent changes.
    var conflictToken: Data

    init(
        info: ScheduleInfo, schedule: Schedule<Input>, memo: [String: TemporalRawValue]?,
        searchAttributes: SearchAttributeCollection?, conflictToken: Data
    ) {
        self.info = info
        self.schedule = schedule
        self.memo = memo
        self.searchAttributes = searchAttributes
        self.conflictToken = conflictToken
    }
}
