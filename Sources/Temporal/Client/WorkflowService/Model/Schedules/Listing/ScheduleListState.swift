/// Whether a listed schedule is paused, and its note.
public struct ScheduleListState: Hashable, Sendable {
    /// The schedule's note.
    public var note: String?

    /// Whether the schedule is paused.
    public var isPaused: Bool

    package init(note: String? = nil, isPaused: Bool = false) {
        self.note = note
        self.isPaused = isPaused
    }
}
