import TernAPI

/// Thrown from a workflow's `run` to end the current run and start a new one with the same
/// workflow ID; build one with the workflow context's `makeContinueAsNewError`.
///
/// The properties describing the new run are filled in by the runtime, which turns the error
/// into a `ContinueAsNewWorkflowExecution` command.
public struct ContinueAsNewError: TemporalError {
    public var message = "Continue as new"

    public var cause: (any Error)? = nil

    public var stackTrace: String

    /// The workflow type of the new run.
    package var workflowType: String

    /// The task queue of the new run; `nil` keeps the current run's.
    package var taskQueue: String?

    /// The new run's input, already converted and encoded.
    package var inputs: [Api.Common.V1.Payload]

    /// Headers for the new run, already encoded.
    package var headers: [String: Api.Common.V1.Payload]

    /// The new run's run timeout; `nil` lets the server keep the current run's.
    package var runTimeout: Duration?

    /// The new run's workflow task timeout, if any.
    package var taskTimeout: Duration?

    /// The new run's retry policy, if any.
    package var retryPolicy: RetryPolicy?

    /// The new run's memo (already encoded payloads), or `nil` to send none.
    package var memo: [String: TemporalRawValue]?

    /// The new run's search attributes, or `nil` to send none.
    package var searchAttributes: SearchAttributeCollection?

    /// Creates the error from values already converted; `nil` values are left for the server (or
    /// ``commandAttributes(defaultTaskQueue:)``) to fill from the current run.
    package init(
        workflowType: String,
        taskQueue: String?,
        inputs: [Api.Common.V1.Payload],
        headers: [String: Api.Common.V1.Payload] = [:],
        runTimeout: Duration? = nil,
        taskTimeout: Duration? = nil,
        retryPolicy: RetryPolicy? = nil,
        memo: [String: TemporalRawValue]? = nil,
        searchAttributes: SearchAttributeCollection? = nil,
        stackTrace: String = ""
    ) {
        self.workflowType = workflowType
        self.taskQueue = taskQueue
        self.inputs = inputs
        self.headers = headers
        self.runTimeout = runTimeout
        self.taskTimeout = taskTimeout
        self.retryPolicy = retryPolicy
        self.memo = memo
        self.searchAttributes = searchAttributes
        self.stackTrace = stackTrace
    }

    /// Creates the error from the options a workflow passes to `makeContinueAsNewError`,
    /// converting the memo with `payloadConverter` (no codec: payloads are encoded when the
    /// command is sent).
    ///
    /// - Throws: ``ArgumentError`` when a memo value cannot be converted.
    package init(
        workflowName: String,
        options: ContinueAsNewOptions,
        input: [Api.Common.V1.Payload],
        headers: [String: Api.Common.V1.Payload] = [:],
        payloadConverter: any PayloadConverter
    ) throws {
        var memo: [String: TemporalRawValue]?
        if let options = options.memo {
            var converted: [String: TemporalRawValue] = [:]
            for (key, value) in options {
                do {
                    converted[key] = TemporalRawValue(try payloadConverter.convertValue(value))
                } catch {
                    throw ArgumentError(message: "Failed to convert memo value for key \(key)", cause: error)
                }
            }
            memo = converted
        }
        self.init(
            workflowType: workflowName,
            taskQueue: options.taskQueue,
            inputs: input,
            headers: headers,
            runTimeout: options.runTimeout,
            taskTimeout: options.taskTimeout,
            retryPolicy: options.retryPolicy,
            memo: memo,
            searchAttributes: options.searchAttributes
        )
    }

    /// The command attributes that continue the workflow as described by this error.
    ///
    /// - Parameter defaultTaskQueue: The task queue to use when the error names none (normally
    ///   the current run's); when both are `nil` the server keeps the current one.
    package func commandAttributes(
        defaultTaskQueue: String? = nil
    ) -> Api.Command.V1.ContinueAsNewWorkflowExecutionCommandAttributes {
        var attributes = Api.Command.V1.ContinueAsNewWorkflowExecutionCommandAttributes()
        attributes.workflowType.name = workflowType
        if let queue = taskQueue ?? defaultTaskQueue {
            attributes.taskQueue.name = queue
            attributes.taskQueue.kind = .normal
        }
        if !inputs.isEmpty {
            attributes.input.payloads = inputs
        }
        if !headers.isEmpty {
            attributes.header.fields = headers
        }
        if let runTimeout {
            attributes.workflowRunTimeout = .init(duration: runTimeout)
        }
        if let taskTimeout {
            attributes.workflowTaskTimeout = .init(duration: taskTimeout)
        }
        if let retryPolicy {
            attributes.retryPolicy = .init(retryPolicy)
        }
        if let memo, !memo.isEmpty {
            attributes.memo.fields = memo.mapValues(\.payload)
        }
        if let searchAttributes, !searchAttributes.isEmpty {
            attributes.searchAttributes = .init(searchAttributes)
        }
        return attributes
    }
}
