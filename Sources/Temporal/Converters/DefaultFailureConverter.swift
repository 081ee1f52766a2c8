public import TernAPI

/// The failure converter every Temporal SDK uses by default.
///
/// Errors that conform to ``TemporalFailureError`` map onto the failure info of the same kind
/// (application, canceled, terminated, timeout, server, activity, child workflow); any other
/// error becomes an application failure whose type is the error's Swift type name. Causes are
/// converted recursively in both directions.
public struct DefaultFailureConverter: FailureConverter {
    /// The `source` this SDK writes into failures.
    package static let source = "swift-temporal-sdk"

    /// Whether to hide each failure's message and stack trace from the server.
    ///
    /// When `true`, both move into a payload in `encoded_attributes` (a JSON object with keys
    /// `message` and `stack_trace`, which a codec can then encrypt), the message becomes
    /// `"Encoded failure"` and the stack trace is cleared, as in the other Temporal SDKs.
    public var encodeCommonAttributes: Bool = false

    /// Creates the converter.
    public init() {}

    public func convertError(
        _ error: any Error,
        payloadConverter: some PayloadConverter
    ) -> Api.Failure.V1.Failure {
        var failure = Api.Failure.V1.Failure()
        failure.source = Self.source

        if let temporalError = error as? any TemporalError {
            failure.message = temporalError.message
            failure.stackTrace = temporalError.stackTrace
            if let cause = temporalError.cause {
                failure.cause = convertError(cause, payloadConverter: payloadConverter)
            }
        } else {
            failure.message = String(describing: error)
        }
        failure.failureInfo = Self.failureInfo(for: error)

        if encodeCommonAttributes {
            let attributes = CommonAttributes(message: failure.message, stackTrace: failure.stackTrace)
            failure.message = "Encoded failure"
            failure.stackTrace = ""
            do {
                failure.encodedAttributes = try payloadConverter.convertValue(attributes)
            } catch {
                failure.message = "Failed to encode common attributes: \(error)"
            }
        }
        return failure
    }

    public func convertFailure(
        _ failure: Api.Failure.V1.Failure,
        payloadConverter: some PayloadConverter
    ) -> any Error {
        var message = failure.message
        var stackTrace = failure.stackTrace
        if failure.hasEncodedAttributes,
            let attributes = try? payloadConverter.convertPayload(
                failure.encodedAttributes,
                as: CommonAttributes.self
            )
        {
            // Attributes that cannot be decoded are left alone, as the other SDKs do.
            message = attributes.message ?? message
            stackTrace = attributes.stackTrace ?? stackTrace
        }

        let cause: (any Error)? =
            failure.hasCause ? convertFailure(failure.cause, payloadConverter: payloadConverter) : nil

        switch failure.failureInfo {
        case .applicationFailureInfo(let info):
            return ApplicationError(
                message: message,
                cause: cause,
                stackTrace: stackTrace,
                details: info.details.payloads,
                type: info.type.isEmpty ? nil : info.type,
                isNonRetryable: info.nonRetryable,
                nextRetryDelay: info.hasNextRetryDelay ? Duration(protobufDuration: info.nextRetryDelay) : nil,
                category: info.category
            )
        case .canceledFailureInfo(let info):
            return CanceledError(
                message: message,
                cause: cause,
                stackTrace: stackTrace,
                details: info.details.payloads
            )
        case .terminatedFailureInfo:
            return TerminatedError(message: message, cause: cause, stackTrace: stackTrace, details: [])
        case .timeoutFailureInfo(let info):
            return TimeoutError(
                message: message,
                type: info.timeoutType,
                cause: cause,
                stackTrace: stackTrace,
                lastHeartbeatDetails: info.lastHeartbeatDetails.payloads
            )
        case .serverFailureInfo(let info):
            return ServerError(
                message: message,
                cause: cause,
                stackTrace: stackTrace,
                isNonRetryable: info.nonRetryable
            )
        case .activityFailureInfo(let info):
            return ActivityError(
                message: message,
                cause: cause,
                stackTrace: stackTrace,
                scheduledEventID: Int(info.scheduledEventID),
                startedEventID: Int(info.startedEventID),
                activityID: info.activityID,
                activityType: info.activityType.name,
                identity: info.identity,
                retryState: info.retryState
            )
        case .childWorkflowExecutionFailureInfo(let info):
            return ChildWorkflowError(
                message: message,
                cause: cause,
                stackTrace: stackTrace,
                namespace: info.namespace,
                workflowID: info.workflowExecution.workflowID,
                runID: info.workflowExecution.runID,
                workflowName: info.workflowType.name,
                retryState: info.retryState
            )
        case .resetWorkflowFailureInfo, .nexusOperationExecutionFailureInfo, .nexusHandlerFailureInfo, .none:
            return BasicTemporalFailureError(message: message, cause: cause, stackTrace: stackTrace)
        }
    }

    /// The failure info describing `error`; `nil` only for ``BasicTemporalFailureError``, which
    /// stands for a failure that had none.
    private static func failureInfo(for error: any Error) -> Api.Failure.V1.Failure.OneOf_FailureInfo? {
        switch error {
        case let error as ApplicationError:
            var info = Api.Failure.V1.ApplicationFailureInfo()
            info.type = error.type ?? ""
            info.nonRetryable = error.isNonRetryable
            if !error.details.isEmpty {
                info.details.payloads = error.details
            }
            if let delay = error.nextRetryDelay {
                info.nextRetryDelay = .init(duration: delay)
            }
            info.category = error.category
            return .applicationFailureInfo(info)
        case let error as CanceledError:
            var info = Api.Failure.V1.CanceledFailureInfo()
            if !error.details.isEmpty {
                info.details.payloads = error.details
            }
            return .canceledFailureInfo(info)
        case is TerminatedError:
            return .terminatedFailureInfo(.init())
        case let error as TimeoutError:
            var info = Api.Failure.V1.TimeoutFailureInfo()
            info.timeoutType = error.type
            if !error.lastHeartbeatDetails.isEmpty {
                info.lastHeartbeatDetails.payloads = error.lastHeartbeatDetails
            }
            return .timeoutFailureInfo(info)
        case let error as ServerError:
            var info = Api.Failure.V1.ServerFailureInfo()
            info.nonRetryable = error.isNonRetryable
            return .serverFailureInfo(info)
        case let error as ActivityError:
            var info = Api.Failure.V1.ActivityFailureInfo()
            info.scheduledEventID = Int64(error.scheduledEventID)
            info.startedEventID = Int64(error.startedEventID)
            info.identity = error.identity
            info.activityType.name = error.activityType
            info.activityID = error.activityID
            info.retryState = error.retryState
            return .activityFailureInfo(info)
        case let error as ChildWorkflowError:
            var info = Api.Failure.V1.ChildWorkflowExecutionFailureInfo()
            info.namespace = error.namespace
            info.workflowExecution.workflowID = error.workflowID
            info.workflowExecution.runID = error.runID
            info.workflowType.name = error.workflowName
            info.retryState = error.retryState
            return .childWorkflowExecutionFailureInfo(info)
        case is BasicTemporalFailureError:
            return nil
        default:
            var info = Api.Failure.V1.ApplicationFailureInfo()
            info.type = String(describing: type(of: error))
            return .applicationFailureInfo(info)
        }
    }
}

/// The JSON object other SDKs put in `encoded_attributes`; both keys are optional on decode so
/// that extra or missing keys from other SDKs do not make decoding fail.
private struct CommonAttributes: Codable {
    var message: String?
    var stackTrace: String?

    enum CodingKeys: String, CodingKey {
        case message
        case stackTrace = "stack_trace"
    }
}
