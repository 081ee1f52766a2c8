/// One schedule in a listing: its id and the summary the visibility store keeps.
public struct ScheduleListDescription: Sendable {
    /// The schedule id.
    public var id: String

    /// The schedule's action, specification and state, in brief.
    public var schedule: ScheduleListEntry?

    /// Recent and upcoming actions.
    public var info: ScheduleListInfo?

    /// The schedule's memo; each value is the undecoded `Api.Common.V1.Payload`.
    public var memo: [String: any Sendable]?

    /// The schedule's search attributes.
    public var searchAttributes: SearchAttributeCollection?

    init(
        id: String, schedule: ScheduleListEntry?, info: ScheduleListInfo?, memo: [String: any Sendable]?,
        searchAttributes: SearchAttributeCollection?
    ) {
        self.id = id
        self.schedule = schedule
        self.info = info
        self.memo = memo
        self.searchAttributes = searchAttributes
    }
}
