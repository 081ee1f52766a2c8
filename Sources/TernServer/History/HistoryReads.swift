import Foundation
import SwiftProtobuf
import TernAPI
import TernCore
import TernStore

typealias DescribeWorkflowResponse = Temporal_Api_Workflowservice_V1_DescribeWorkflowExecutionResponse
typealias GetHistoryRequest = Temporal_Api_Workflowservice_V1_GetWorkflowExecutionHistoryRequest
typealias GetHistoryResponse = Temporal_Api_Workflowservice_V1_GetWorkflowExecutionHistoryResponse

extension HistoryEngine {
    /// How long a history long poll is held before it answers empty (Temporal: 20 s).
    static let historyLongPoll: Duration = .seconds(20)
    static let defaultHistoryPageSize: Int64 = 1000

    func describe(_ key: WorkflowKey) async throws -> DescribeWorkflowResponse {
        let state = try await load(key).state
        let e = state.execution
        var response = DescribeWorkflowResponse()
        response.executionConfig = .with {
            $0.taskQueue = .with { $0.name = e.taskQueue; $0.kind = .normal }
            $0.workflowExecutionTimeout = e.executionTimeout
            $0.workflowRunTimeout = e.runTimeout
            $0.defaultWorkflowTaskTimeout = e.taskTimeout
            if e.hasUserMetadata { $0.userMetadata = e.userMetadata }
        }
        response.workflowExecutionInfo = .with {
            $0.execution = .with { $0.workflowID = e.workflowID; $0.runID = e.runID }
            $0.type.name = e.workflowType
            $0.startTime = e.startTime
            if e.hasCloseTime {
                $0.closeTime = e.closeTime
                $0.executionDuration = Google_Protobuf_Duration(
                    rounding: max(0, e.closeTime.date.timeIntervalSince(e.executionTime.date)))
            }
            $0.status = e.visibleStatus
            if e.versioningBehavior != .unspecified || e.hasVersioningOverride {
                $0.versioningInfo = .with {
                    $0.behavior = e.versioningBehavior
                    if e.hasDeploymentVersion {
                        $0.deploymentVersion = e.deploymentVersion
                        $0.version = DeploymentRules.canonical(e.deploymentVersion.deploymentName, e.deploymentVersion.buildID)
                    }
                    if e.hasVersioningOverride { $0.versioningOverride = e.versioningOverride }
                }
            }
            $0.historyLength = state.nextEventID - 1
            $0.historySizeBytes = e.historySizeBytes
            $0.executionTime = e.executionTime
            if e.hasMemo { $0.memo = e.memo }
            if e.hasSearchAttributes { $0.searchAttributes = e.searchAttributes }
            $0.taskQueue = e.taskQueue
            $0.stateTransitionCount = e.stateTransitionCount
            $0.rootExecution = e.rootExecution
            $0.firstRunID = e.firstExecutionRunID
            if e.hasParentExecution { $0.parentExecution = e.parentExecution }
            if e.hasPriority { $0.priority = e.priority }
        }
        response.workflowExtendedInfo = .with {
            if e.hasExecutionExpirationTime { $0.executionExpirationTime = e.executionExpirationTime }
            if e.hasRunExpirationTime { $0.runExpirationTime = e.runExpirationTime }
            $0.cancelRequested = e.cancelRequested
            if e.hasPauseInfo { $0.pauseInfo = e.pauseInfo }
        }
        response.pendingActivities = state.activities.values.sorted { $0.scheduledEventID < $1.scheduledEventID }.map { a in
            .with {
                $0.activityID = a.activityID
                $0.activityType.name = a.activityType
                $0.state = a.cancelRequested ? .cancelRequested
                    : a.paused ? (a.started ? .pauseRequested : .paused)
                    : (a.started ? .started : .scheduled)
                $0.paused = a.paused
                if a.paused {
                    $0.pauseInfo = .with {
                        $0.pauseTime = a.pause.pauseTime
                        $0.manual = .with { $0.identity = a.pause.identity; $0.reason = a.pause.reason }
                    }
                }
                $0.activityOptions = WorkflowMachine.options(of: a)
                if a.hasLastAttemptCompleteTime { $0.lastAttemptCompleteTime = a.lastAttemptCompleteTime }
                if a.hasPriority { $0.priority = a.priority }
                if a.hasLastHeartbeatDetails { $0.heartbeatDetails = a.lastHeartbeatDetails }
                if a.hasLastHeartbeatTime { $0.lastHeartbeatTime = a.lastHeartbeatTime }
                if a.started { $0.lastStartedTime = a.startedTime }
                $0.attempt = a.attempt
                $0.maximumAttempts = a.retryPolicy.maximumAttempts
                $0.scheduledTime = a.currentAttemptScheduledTime
                if a.scheduleToCloseTimeout.isPositive {
                    $0.expirationTime = a.scheduledTime.adding(a.scheduleToCloseTimeout)
                }
                if a.hasLastFailure { $0.lastFailure = a.lastFailure }
                $0.lastWorkerIdentity = a.lastWorkerIdentity
                $0.currentRetryInterval = Google_Protobuf_Duration(
                    rounding: RetryRules.backoff(a.retryPolicy, afterAttempt: a.attempt))
            }
        }
        response.pendingChildren = state.children.values.sorted { $0.initiatedEventID < $1.initiatedEventID }.map { c in
            .with {
                $0.workflowID = c.attributes.workflowID
                $0.runID = c.runID
                $0.workflowTypeName = c.attributes.workflowType.name
                $0.initiatedID = c.initiatedEventID
                $0.parentClosePolicy = c.attributes.parentClosePolicy
            }
        }
        if state.hasWorkflowTask {
            let t = state.workflowTask
            response.pendingWorkflowTask = .with {
                $0.state = t.startedEventID > 0 ? .started : .scheduled
                $0.scheduledTime = t.scheduledTime
                $0.originalScheduledTime = t.originalScheduledTime
                if t.startedEventID > 0 { $0.startedTime = t.startedTime }
                $0.attempt = t.attempt
            }
        }
        return response
    }

    /// GetWorkflowExecutionHistory, including its long-poll form: with `wait_new_event` the call
    /// waits (up to 20 s) for events past the token, or for the close event with the CLOSE_EVENT
    /// filter, then answers an empty page with a token to poll again.
    func history(_ request: GetHistoryRequest, namespaceID: String) async throws -> GetHistoryResponse {
        var key = try await resolve(
            namespaceID: namespaceID, workflowID: request.execution.workflowID, runID: request.execution.runID)
        var from: Int64 = 1
        if !request.nextPageToken.isEmpty {
            guard let token = try? Tern_Internal_V1_HistoryPageToken(serializedBytes: request.nextPageToken),
                  token.nextEventID > 0
            else { throw TernError.invalidArgument("Invalid next_page_token for GetWorkflowExecutionHistory.") }
            if !token.runID.isEmpty { key.runID = token.runID }
            from = token.nextEventID
        }
        let pageSize = request.maximumPageSize > 0 ? Int64(request.maximumPageSize) : Self.defaultHistoryPageSize
        let deadline = ContinuousClock.now.advanced(by: Self.historyLongPoll)
        let closeOnly = request.historyEventFilterType == .closeEvent

        while true {
            let answer: GetHistoryResponse? = try await changes.observing(key) { generation in
                let state = try await load(key).state
                let running = state.execution.status == .running
                var response = GetHistoryResponse()
                // Present even when empty, as Temporal sends it: the Go SDK (and so the CLI) reads
                // the field without checking it is there.
                response.history = .init()
                if closeOnly {
                    if !running {
                        response.history.events = try await historyEvents(
                            key, from: state.execution.completionEventID, through: state.execution.completionEventID)
                        return response
                    }
                    if state.execution.visibleStatus == .paused {
                        // Temporal answers with the last event for a paused run (the CLI's describe reads it).
                        let last = state.nextEventID - 1
                        response.history.events = try await historyEvents(key, from: last, through: last)
                        return response
                    }
                } else {
                    let last = state.nextEventID - 1
                    if from <= last {
                        let through = min(last, from + pageSize - 1)
                        response.history.events = try await historyEvents(key, from: from, through: through)
                        if through < last || (request.waitNewEvent && running) {
                            response.nextPageToken = Self.pageToken(key.runID, through + 1)
                        } else if running && state.workflowTask.speculative {
                            // Like Temporal, the last page shows a retried (transient) or speculative
                            // workflow task, whose events are not stored.
                            response.history.events += state.workflowTask.speculativeEvents
                        }
                        return response
                    }
                }
                guard request.waitNewEvent, running else { return response }
                if ContinuousClock.now >= deadline || changes.isClosed {
                    response.nextPageToken = Self.pageToken(key.runID, from)
                    return response
                }
                await changes.wait(key, after: generation, until: deadline)
                return nil
            }
            if let answer { return answer }
            try Task.checkCancellation()
        }
    }

    static func pageToken(_ runID: String, _ next: Int64) -> Data {
        (try? Tern_Internal_V1_HistoryPageToken.with { $0.runID = runID; $0.nextEventID = next }.serializedBytes()) ?? Data()
    }

    /// GetWorkflowExecutionHistoryReverse: newest events first.
    func reverseHistory(
        _ request: Temporal_Api_Workflowservice_V1_GetWorkflowExecutionHistoryReverseRequest, namespaceID: String
    ) async throws -> Temporal_Api_Workflowservice_V1_GetWorkflowExecutionHistoryReverseResponse {
        var key = try await resolve(
            namespaceID: namespaceID, workflowID: request.execution.workflowID, runID: request.execution.runID)
        let state = try await load(key).state
        var last = state.nextEventID - 1
        if !request.nextPageToken.isEmpty {
            guard let token = try? Tern_Internal_V1_HistoryPageToken(serializedBytes: request.nextPageToken) else {
                throw TernError.invalidArgument("Invalid next_page_token for GetWorkflowExecutionHistoryReverse.")
            }
            if !token.runID.isEmpty { key.runID = token.runID }
            last = token.nextEventID
        }
        let pageSize = request.maximumPageSize > 0 ? Int64(request.maximumPageSize) : Self.defaultHistoryPageSize
        let first = max(1, last - pageSize + 1)
        var response = Temporal_Api_Workflowservice_V1_GetWorkflowExecutionHistoryReverseResponse()
        guard last >= 1 else { return response }
        response.history.events = try await historyEvents(key, from: first, through: last).reversed()
        if first > 1 { response.nextPageToken = Self.pageToken(key.runID, first - 1) }
        return response
    }
}
