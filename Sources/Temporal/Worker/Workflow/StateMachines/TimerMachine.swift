/// A durable timer: START_TIMER, recorded as TIMER_STARTED, ended by TIMER_FIRED, or by a
/// CANCEL_TIMER command (TIMER_CANCELED) when the waiting code is cancelled first.
final class TimerMachine: @unchecked Sendable {
    let timerID: String
    private(set) var startedEventID: Int64 = 0
    let fired = PendingResult<Void>()

    init(timerID: String) { self.timerID = timerID }
}

extension WorkflowInstance {
    func sleep(for duration: Duration, summary: String?) async throws {
        // As Apple's SDK: Temporal's CanceledError when already cancelled (no timer is started),
        // and a negative duration is a caller's mistake rather than a zero wait.
        if Task.isCancelled { throw CanceledError(message: "Task cancelled before sleep started") }
        if duration < .zero { throw ArgumentError(message: "Sleep duration cannot be less than 0") }
        let timer = TimerMachine(timerID: "\(machines.nextSequence(.timer))")
        var command = Api.Command.V1.Command()
        command.commandType = .startTimer
        command.startTimerCommandAttributes = .with {
            $0.timerID = timer.timerID
            $0.startToFireTimeout = .init(duration: max(duration, .milliseconds(1)))
        }
        if let summary { command.userMetadata = userMetadata(summary: summary) }
        machines.issue(
            CommandEntry(
                command: command, message: nil,
                mismatch: { event in
                    guard event.eventType == .timerStarted else { return "expected a timer start" }
                    let id = event.timerStartedEventAttributes.timerID
                    return id == timer.timerID ? nil : "timer id \(id) differs from \(timer.timerID)"
                },
                recorded: { [self] event in
                    timer.started(at: event.eventID)
                    machines.follow(event.eventID, "timer \(timer.timerID) (\(duration))") { [self] event in
                        if event.eventType == .timerFired {
                            machines.stopFollowing(timer.startedEventID)
                            timer.fired.resolve(.success(()))
                        }
                    }
                }, summary: "StartTimer(\(timer.timerID))"))
        try await withTaskCancellationHandler {
            try await timer.fired.value()
        } onCancel: { [self] in
            cancel(timer)
        }
    }

    private func cancel(_ timer: TimerMachine) {
        guard !timer.fired.isResolved else { return }
        timer.fired.resolve(.failure(CanceledError(message: "Timer cancelled")))
        if machines.withdraw(where: { $0.command.startTimerCommandAttributes.timerID == timer.timerID && $0.command.commandType == .startTimer }) {
            return
        }
        machines.stopFollowing(timer.startedEventID)
        var command = Api.Command.V1.Command()
        command.commandType = .cancelTimer
        command.cancelTimerCommandAttributes = .with { $0.timerID = timer.timerID }
        machines.issue(
            CommandEntry(
                command: command, message: nil,
                mismatch: { event in
                    guard event.eventType == .timerCanceled else { return "expected a timer cancellation" }
                    return event.timerCanceledEventAttributes.timerID == timer.timerID ? nil : "another timer was cancelled"
                },
                recorded: { _ in }, summary: "CancelTimer(\(timer.timerID))"))
    }
}

extension TimerMachine {
    fileprivate func started(at eventID: Int64) { startedEventID = eventID }
}
