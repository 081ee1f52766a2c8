import Foundation

/// A local activity: run by the worker inside the workflow task, recorded as a marker when it
/// finished. A replay does not run it again: the marker's result resolves it.
final class LocalActivityMachine: @unchecked Sendable {
    let sequence: Int
    let activityID: String
    let activityType: String
    let arguments: [Api.Common.V1.Payload]
    /// Headers for the activity (not recorded: a local activity's marker holds only its result).
    let headers: [String: Api.Common.V1.Payload]
    let options: LocalActivityOptions
    let scheduledTime: Date
    let result = PendingResult<Api.Common.V1.Payload?>()
    var cancelled = false

    init(
        sequence: Int, activityID: String, activityType: String, arguments: [Api.Common.V1.Payload],
        headers: [String: Api.Common.V1.Payload] = [:], options: LocalActivityOptions, scheduledTime: Date
    ) {
        self.sequence = sequence
        self.headers = headers
        self.activityID = activityID
        self.activityType = activityType
        self.arguments = arguments
        self.options = options
        self.scheduledTime = scheduledTime
    }
}

/// What running a local activity produced: its result, or the failure it ended with, and the attempts it took.
struct LocalActivityOutcome: Sendable {
    enum Result: Sendable {
        case success(Api.Common.V1.Payload?)
        case failure(Api.Failure.V1.Failure)
    }

    var result: Result
    var attempt: Int
}

extension WorkflowInstance {
    func executeLocalActivity(
        type: String, options: LocalActivityOptions, arguments: [Api.Common.V1.Payload], headers: [String: Api.Common.V1.Payload]
    ) async throws -> Api.Common.V1.Payload? {
        try Task.checkCancellation()
        let sequence = machines.nextSequence(.localActivity)
        let activity = LocalActivityMachine(
            sequence: sequence, activityID: options.activityID ?? "\(sequence)", activityType: type, arguments: arguments,
            headers: headers, options: options, scheduledTime: now)
        // Resolved after the code has run as far as it can, like every other result: by the worker
        // (live) or from the history's marker (replay), so both interleave the code the same way.
        pendingLocalActivities.append(activity)
        return try await withTaskCancellationHandler {
            try await activity.result.value()
        } onCancel: { [self] in
            guard !activity.result.isResolved else { return }
            activity.cancelled = true
            pendingLocalActivities.removeAll { $0 === activity }
            awaitingMarkers.removeValue(forKey: sequence)
            activity.result.resolve(.failure(localActivityError(activity, cause: .with {
                $0.message = "Local activity cancelled"
                $0.canceledFailureInfo = .init()
            })))
        }
    }

    /// Local activities the code started in the last activation, for the worker to run. Each is handed out once.
    func takePendingLocalActivities() -> [LocalActivityMachine] {
        defer { pendingLocalActivities.removeAll() }
        return pendingLocalActivities
    }

    /// Records a local activity the worker ran; the code goes on with ``continueAfterLocalActivities()``.
    func finish(_ activity: LocalActivityMachine, with outcome: LocalActivityOutcome) {
        if !activity.cancelled {
            issueMarker(for: activity, outcome: outcome)
            switch outcome.result {
            case .success(let payload): activity.result.resolve(.success(payload))
            case .failure(let failure): activity.result.resolve(.failure(localActivityError(activity, cause: failure)))
            }
        }
    }

    /// Replaying: resolves the local activities the code started from the markers the history
    /// recorded for them, and lets the code go on, until it starts none with a recorded marker.
    /// Ones without a marker in this task wait for a later task's (``resolveAwaitingLocalActivities()``).
    func resolveLocalActivitiesFromHistory() throws {
        while true {
            let pending = takePendingLocalActivities()
            guard !pending.isEmpty else { return }
            for activity in pending {
                if let marker = recordedLocalActivities.removeValue(forKey: activity.sequence) {
                    finish(activity, with: Self.outcome(of: marker))
                } else {
                    awaitingMarkers[activity.sequence] = activity
                }
            }
            _ = try continueAfterLocalActivities()
        }
    }

    /// Resolves local activities whose markers a later replayed task recorded.
    func resolveAwaitingLocalActivities() {
        for (sequence, marker) in recordedLocalActivities {
            if let activity = awaitingMarkers.removeValue(forKey: sequence) {
                recordedLocalActivities.removeValue(forKey: sequence)
                finish(activity, with: Self.outcome(of: marker))
            }
        }
    }

    private static func outcome(of marker: Api.History.V1.MarkerRecordedEventAttributes) -> LocalActivityOutcome {
        let attempt = LocalActivityMarker.data(of: marker)?.attempt ?? 1
        if marker.hasFailure {
            // The marker holds the activity's own failure (what the code saw is wrapped around it).
            return LocalActivityOutcome(result: .failure(marker.failure), attempt: attempt)
        }
        return LocalActivityOutcome(result: .success(marker.details["result"]?.payloads.first), attempt: attempt)
    }

    private func issueMarker(for activity: LocalActivityMachine, outcome: LocalActivityOutcome) {
        var command = Api.Command.V1.Command()
        command.commandType = .recordMarker
        let data = LocalActivityMarker.Data(
            seq: activity.sequence, attempt: outcome.attempt, activityID: activity.activityID, activityType: activity.activityType,
            completeTime: ISO8601DateFormatter().string(from: now))
        command.recordMarkerCommandAttributes = .with {
            $0.markerName = LocalActivityMarker.name
            if case .success(let payload) = outcome.result {
                $0.details = LocalActivityMarker.details(data, result: payload)
            } else {
                $0.details = LocalActivityMarker.details(data, result: nil)
            }
            if case .failure(let failure) = outcome.result { $0.failure = failure }
        }
        if let summary = activity.options.summary { command.userMetadata = userMetadata(summary: summary) }
        var entry = CommandEntry(
            command: command, message: nil,
            mismatch: { event in
                guard let recorded = LocalActivityMarker.data(of: event.markerRecordedEventAttributes) else {
                    return "expected the marker of local activity \(activity.activityType)"
                }
                if recorded.activityType != activity.activityType {
                    return "local activity type \(recorded.activityType) differs from \(activity.activityType)"
                }
                return recorded.activityID == activity.activityID ? nil : "local activity id \(recorded.activityID) differs from \(activity.activityID)"
            },
            recorded: { _ in }, summary: "local activity \(activity.activityType) (seq \(activity.sequence))")
        entry.outOfOrderKey = LocalActivityMarker.key(sequence: activity.sequence)
        machines.issue(entry)
    }

    private func localActivityError(_ activity: LocalActivityMachine, cause: Api.Failure.V1.Failure) -> any Error {
        let failure = Api.Failure.V1.Failure.with {
            if case .canceledFailureInfo = cause.failureInfo {
                $0.message = "Local activity cancelled"
            } else {
                $0.message = "Local activity failed"
            }
            $0.cause = cause
            $0.activityFailureInfo = .with {
                $0.activityType = .with { $0.name = activity.activityType }
                $0.activityID = activity.activityID
                $0.retryState = .nonRetryableFailure
            }
        }
        return failureConverter.convertFailure(failure, payloadConverter: payloadConverter)
    }
}
