/// Whether a schedule is paused, why, and how many actions it may still take.
public struct ScheduleState: Hashable, Sendable {
    /// A human-readable note, such as why the schedule was paused.
    public var note: String?

    /// Whether the schedule is paused.
    public var paused: Bool

    /// Whether only `remainingActions` more actions are taken.
    public var limitedActions: Bool

    /// The number of actions left when `limitedActions` is set.
    public var remainingActions: Int

    /// Creates a state; the default is running, without a limit.
    public init(
        note: String? = nil,
        paused: Bool = false,
        limitedActions: Bool = false,
        remainingActions: Int = 0
    ) {
        self.note = note
        self.paused = paused
        self.limitedActions = limitedActions
        self.remainingActions = remainingActions
    }
}
