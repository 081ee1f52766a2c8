import Logging

/// A signal or update handler still running, as named in the unfinished-handler report.
struct RunningHandler: Sendable {
    var name: String
    /// The update's ID; `nil` for a signal.
    var updateID: String?
}

extension WorkflowInstance {
    /// Logs, once per run and not while replaying, the `.warnAndAbandon` handlers the run's end cuts
    /// short: signals by name and count, updates by name and ID (the metadata keys and the info
    /// level are those of Apple's SDK, so tools and tests that look for them find them).
    func warnUnfinishedHandlers() {
        guard !isReplaying, !warnHandlers.isEmpty else { return }
        let handlers = warnHandlers.sorted { $0.key < $1.key }.map(\.value)
        var metadata: Logger.Metadata = [:]
        var signalCounts: [String: Int] = [:]
        for handler in handlers where handler.updateID == nil { signalCounts[handler.name, default: 0] += 1 }
        if !signalCounts.isEmpty {
            let entries = signalCounts.sorted { $0.key < $1.key }.map { #"{"name":"\#($0.key)","count":\#($0.value)}"# }
            metadata["temporal.workflow.unfinished-signals"] = "[\(entries.joined(separator: ","))]"
        }
        let updates = handlers.compactMap { handler in handler.updateID.map { (name: handler.name, id: $0) } }
        if !updates.isEmpty {
            let entries = updates.sorted { $0.name < $1.name }.map { #"{"name":"\#($0.name)","id":"\#($0.id)"}"# }
            metadata["temporal.workflow.unfinished-updates"] = "[\(entries.joined(separator: ","))]"
        }
        logger.info(
            """
            Workflow finished while signal or update handlers are still running; their work was cut \
            short, and a client waiting on such an update may be told the workflow already completed. \
            Wait with `context.condition { _ in context.allHandlersFinished }` before returning, or \
            give a handler `unfinishedPolicy: .abandon` if stopping it midway is expected.
            """,
            metadata: metadata)
    }
}
