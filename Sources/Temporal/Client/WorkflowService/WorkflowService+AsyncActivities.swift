import Foundation

extension TemporalClient.WorkflowService {
    /// Records a heartbeat for an activity left running by its worker.
    ///
    /// - Throws: ``AsyncActivityCanceledError`` when the server answers that the activity was
    ///   cancelled, paused or reset.
    public func heartbeatAsyncActivity(
        activity: AsyncActivityHandle.Reference,
        options: AsyncActivityHeartbeatOptions?,
        dataConverter: DataConverter? = nil
    ) async throws {
        let converter = dataConverter ?? self.dataConverter
        let details = try await Self.payloads(of: options?.details ?? [], converter: converter)
        let callOptions = options?.callOptions ?? .defaults
        let cancellation: ActivityCancellationDetails
        switch activity {
        case .id(let workflowID, let runID, let activityID):
            let response = try await service.recordActivityTaskHeartbeatById(
                .with {
                    $0.namespace = namespace
                    $0.workflowID = workflowID
                    $0.runID = runID ?? ""
                    $0.activityID = activityID
                    if !details.isEmpty { $0.details = .with { $0.payloads = details } }
                    $0.identity = identity
                }, options: callOptions)
            cancellation = .init(
                cancelRequested: response.cancelRequested, paused: response.activityPaused, reset: response.activityReset)
        case .taskToken(let token):
            let response = try await service.recordActivityTaskHeartbeat(
                .with {
                    $0.namespace = namespace
                    $0.taskToken = Data(token.bytes)
                    if !details.isEmpty { $0.details = .with { $0.payloads = details } }
                    $0.identity = identity
                }, options: callOptions)
            cancellation = .init(
                cancelRequested: response.cancelRequested, paused: response.activityPaused, reset: response.activityReset)
        }
        if cancellation.cancelRequested || cancellation.paused || cancellation.reset {
            throw AsyncActivityCanceledError(details: cancellation)
        }
    }

    /// Completes an activity left running by its worker; a `nil` result is recorded as null.
    public func completeAsyncActivity<Result: Sendable>(
        activity: AsyncActivityHandle.Reference,
        result: Result?,
        options: AsyncActivityCompleteOptions?,
        dataConverter: DataConverter? = nil
    ) async throws {
        let converter = dataConverter ?? self.dataConverter
        var payloads: [Api.Common.V1.Payload] = []
        if !VoidValue.isVoid(Result.self) {
            payloads = try await converter.encode([try converter.payloadConverter.convertValue(result)])
        }
        let callOptions = options?.callOptions ?? .defaults
        switch activity {
        case .id(let workflowID, let runID, let activityID):
            _ = try await service.respondActivityTaskCompletedById(
                .with {
                    $0.namespace = namespace
                    $0.workflowID = workflowID
                    $0.runID = runID ?? ""
                    $0.activityID = activityID
                    if !payloads.isEmpty { $0.result = .with { $0.payloads = payloads } }
                    $0.identity = identity
                }, options: callOptions)
        case .taskToken(let token):
            _ = try await service.respondActivityTaskCompleted(
                .with {
                    $0.namespace = namespace
                    $0.taskToken = Data(token.bytes)
                    if !payloads.isEmpty { $0.result = .with { $0.payloads = payloads } }
                    $0.identity = identity
                }, options: callOptions)
        }
    }

    /// Fails the current attempt of an activity left running by its worker.
    public func failAsyncActivity(
        activity: AsyncActivityHandle.Reference,
        error: any Error,
        options: AsyncActivityFailOptions?,
        dataConverter: DataConverter? = nil
    ) async throws {
        let converter = dataConverter ?? self.dataConverter
        let failure = await converter.convertError(error)
        let details = try await Self.payloads(of: options?.lastHeartbeatDetails ?? [], converter: converter)
        let callOptions = options?.callOptions ?? .defaults
        switch activity {
        case .id(let workflowID, let runID, let activityID):
            _ = try await service.respondActivityTaskFailedById(
                .with {
                    $0.namespace = namespace
                    $0.workflowID = workflowID
                    $0.runID = runID ?? ""
                    $0.activityID = activityID
                    $0.failure = failure
                    if !details.isEmpty { $0.lastHeartbeatDetails = .with { $0.payloads = details } }
                    $0.identity = identity
                }, options: callOptions)
        case .taskToken(let token):
            _ = try await service.respondActivityTaskFailed(
                .with {
                    $0.namespace = namespace
                    $0.taskToken = Data(token.bytes)
                    $0.failure = failure
                    if !details.isEmpty { $0.lastHeartbeatDetails = .with { $0.payloads = details } }
                    $0.identity = identity
                }, options: callOptions)
        }
    }

    /// Reports that an activity left running by its worker stopped because it was asked to
    /// cancel.
    public func reportCancellationAsyncActivity(
        activity: AsyncActivityHandle.Reference,
        options: AsyncActivityReportCancellationOptions?,
        dataConverter: DataConverter? = nil
    ) async throws {
        let converter = dataConverter ?? self.dataConverter
        let details = try await Self.payloads(of: options?.details ?? [], converter: converter)
        let callOptions = options?.callOptions ?? .defaults
        switch activity {
        case .id(let workflowID, let runID, let activityID):
            _ = try await service.respondActivityTaskCanceledById(
                .with {
                    $0.namespace = namespace
                    $0.workflowID = workflowID
                    $0.runID = runID ?? ""
                    $0.activityID = activityID
                    if !details.isEmpty { $0.details = .with { $0.payloads = details } }
                    $0.identity = identity
                }, options: callOptions)
        case .taskToken(let token):
            _ = try await service.respondActivityTaskCanceled(
                .with {
                    $0.namespace = namespace
                    $0.taskToken = Data(token.bytes)
                    if !details.isEmpty { $0.details = .with { $0.payloads = details } }
                    $0.identity = identity
                }, options: callOptions)
        }
    }

    /// One encoded payload per value.
    private static func payloads(of values: [any Sendable], converter: DataConverter) async throws -> [Api.Common.V1.Payload] {
        try await converter.encode(values.map { try converter.payloadConverter.convertValue($0) })
    }
}
