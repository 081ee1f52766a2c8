/// One command the workflow issued, as the replay engine tracks it: what was sent, how to tell
/// whether a history event is the one the server recorded for it, and what to do once it is.
struct CommandEntry {
    /// The command sent in the workflow task completion.
    var command: Api.Command.V1.Command
    /// A protocol message sent with the command (update acceptance and response).
    var message: Api.`Protocol`.V1.Message?
    /// Why `event` cannot be the record of this command, or nil when it is.
    var mismatch: (Api.History.V1.HistoryEvent) -> String?
    /// Called with the event that recorded the command (its id names it in later events).
    var recorded: (Api.History.V1.HistoryEvent) -> Void
    /// A short description for error messages ("ScheduleActivityTask(id 1, type Greet)").
    var summary: String
    /// Set for commands whose events may come out of order (local activity markers, matched by
    /// sequence number rather than position, as core's SDKs match them).
    var outOfOrderKey: String? = nil
}
