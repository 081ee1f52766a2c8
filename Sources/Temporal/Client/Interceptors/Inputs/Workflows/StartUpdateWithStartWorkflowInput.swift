public import struct GRPCCore.CallOptions

/// An update-with-start as it passes through
/// ``ClientOutboundInterceptor/startUpdateWithStartWorkflow(input:next:)``.
public struct StartUpdateWithStartWorkflowInput<each Input: Sendable>: Sendable {
    /// The workflow type to start when no run is open.
    public var name: String

    /// The start options; `options.id` names the workflow that gets the update.
    public var options: WorkflowOptions

    /// Header fields sent with the start.
    public var headers: [String: Api.Common.V1.Payload]

    /// The workflow's arguments, used only if the call starts a run.
    public var input: (repeat each Input)

    /// The update's id (repeating the call with the same id reaches the same update).
    public var updateID: String

    /// The update to send.
    public var updateName: String

    /// Header fields sent with the update, seen by the update handler's interceptors.
    public var updateHeaders: [String: Api.Common.V1.Payload]

    /// The update's arguments, kept as a list of values because a type has one parameter pack
    /// at most.
    public var updateInput: [any Sendable]

    /// How far the update must get before the call returns.
    public var waitForStage: WorkflowUpdateStage

    /// Options for the call; the long-poll deadline when `nil`.
    public var callOptions: CallOptions?

    public init(
        name: String,
        input: repeat each Input,
        options: WorkflowOptions,
        headers: [String: Api.Common.V1.Payload],
        updateName: String,
        updateInput: [any Sendable],
        updateID: String,
        updateHeaders: [String: Api.Common.V1.Payload],
        waitForStage: WorkflowUpdateStage,
        callOptions: CallOptions? = nil
    ) {
        self.name = name
        self.input = (repeat each input)
        self.options = options
        self.headers = headers
        self.updateName = updateName
        self.updateInput = updateInput
        self.updateID = updateID
        self.updateHeaders = updateHeaders
        self.waitForStage = waitForStage
        self.callOptions = callOptions
    }
}
