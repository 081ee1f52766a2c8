/// A schedule by id, whose action's input type is named when it is described or updated;
/// ``ScheduleHandle`` is the typed form.
public struct UntypedScheduleHandle: Sendable {
    let client: TemporalClient

    /// The schedule id.
    public let id: String

    init(client: TemporalClient, id: String) {
        self.client = client
        self.id = id
    }
}
