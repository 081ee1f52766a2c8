import DequeModule

/// The replay engine of one workflow run: the commands the workflow code issued, matched in order
/// against the events the server recorded for them, and the later events routed to the command
/// they concern. Pure bookkeeping, no I/O: the worker feeds it events, the workflow code feeds it
/// commands, and a mismatch between the two is a ``NondeterminismFailure``.
final class WorkflowStateMachines {
    /// Issued during the current activation, not yet sent.
    private var unsent: [CommandEntry] = []
    /// Sent (or, in replay, produced by the code), waiting for the event that records them.
    private var unrecorded = Deque<CommandEntry>()
    /// Handlers of later events, by the id of the event that recorded their command.
    private var followers: [Int64: Follower] = [:]

    private struct Follower {
        var description: String
        var handle: (Api.History.V1.HistoryEvent) -> Void
    }
    /// Counters for the sequence numbers the workflow gives its commands (timer ids, activity ids).
    private var sequences: [SequenceKind: Int] = [:]

    enum SequenceKind: Hashable {
        case timer, activity, localActivity, child, signalExternal, cancelExternal
    }

    /// The next sequence number of a kind, starting at 1 (activity ids "1", "2", … as core's SDKs).
    func nextSequence(_ kind: SequenceKind) -> Int {
        let next = (sequences[kind] ?? 0) + 1
        sequences[kind] = next
        return next
    }

    // MARK: Commands from the workflow code

    func issue(_ entry: CommandEntry) { unsent.append(entry) }

    /// Withdraws a command issued in this activation that has not been sent yet (a timer cancelled
    /// right after it was started, say). Returns false when it is already out.
    func withdraw(where matches: (CommandEntry) -> Bool) -> Bool {
        guard let index = unsent.firstIndex(where: matches) else { return false }
        unsent.remove(at: index)
        return true
    }

    /// The commands of the current activation, in order; from now on they wait for their events.
    func takeCommands() -> [CommandEntry] {
        let taken = unsent
        unsent.removeAll()
        unrecorded.append(contentsOf: taken)
        return taken
    }

    var unsentCommands: [CommandEntry] { unsent }

    /// Commands issued but never recorded: at the end of a replayed history, the code asked for
    /// more than the history holds (a replayer reports this; a live worker just sends them).
    var hasUnrecordedCommands: Bool { !unrecorded.isEmpty }

    /// Drops every command sent but not yet recorded: the server did not take the last completion.
    func forgetUnrecorded() { unrecorded.removeAll() }

    // MARK: Events from the history

    /// Matches an event recorded for a command with the oldest command still waiting for one.
    /// `skippable` says whether the event may be skipped when it matches nothing (a deprecated patch marker).
    func record(_ event: Api.History.V1.HistoryEvent, skippable: Bool = false) throws(NondeterminismFailure) {
        if let key = LocalActivityMarker.key(of: event) {
            guard let index = unrecorded.firstIndex(where: { $0.outOfOrderKey == key }) else {
                throw NondeterminismFailure(
                    "history event \(event.eventID) records local activity \(key), which the workflow did not run.")
            }
            let entry = unrecorded.remove(at: index)
            if let mismatch = entry.mismatch(event) {
                throw NondeterminismFailure("the workflow issued \(entry.summary), but history event \(event.eventID) differs: \(mismatch).")
            }
            entry.recorded(event)
            return
        }
        guard let index = unrecorded.firstIndex(where: { $0.outOfOrderKey == nil }) else {
            if skippable { return }
            throw NondeterminismFailure(
                "history event \(event.eventID) \(Self.describe(event)) records a command, but the workflow "
                    + "issued no command for it (the workflow code no longer does what it did when the history was written).")
        }
        let entry = unrecorded[index]
        if let mismatch = entry.mismatch(event) {
            if skippable { return }
            throw NondeterminismFailure(
                "the workflow issued \(entry.summary), but history event \(event.eventID) is \(Self.describe(event)): \(mismatch).")
        }
        unrecorded.remove(at: index)
        entry.recorded(event)
    }

    /// Routes later events about a command to its handler (`eventID` recorded the command).
    func follow(_ eventID: Int64, _ description: String, with handler: @escaping (Api.History.V1.HistoryEvent) -> Void) {
        followers[eventID] = Follower(description: description, handle: handler)
    }

    /// What the workflow waits for, oldest first (for `__stack_trace`).
    var waitingDescriptions: [String] {
        followers.sorted { $0.key < $1.key }.map(\.value.description)
    }

    func stopFollowing(_ eventID: Int64) { followers.removeValue(forKey: eventID) }

    func deliver(_ event: Api.History.V1.HistoryEvent, initiatedEventID: Int64) throws(NondeterminismFailure) {
        guard let follower = followers[initiatedEventID] else {
            throw NondeterminismFailure(
                "history event \(event.eventID) \(Self.describe(event)) concerns event \(initiatedEventID), "
                    + "which records no command this workflow issued.")
        }
        follower.handle(event)
    }

    static func describe(_ event: Api.History.V1.HistoryEvent) -> String {
        let name = "\(event.eventType)"
        return name.isEmpty ? "event" : name
    }
}
