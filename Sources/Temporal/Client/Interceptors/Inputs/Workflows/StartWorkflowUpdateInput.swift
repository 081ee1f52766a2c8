public import struct GRPCCore.CallOptions

/// An update as it passes through ``ClientOutboundInterceptor/startWorkflowUpdate(input:next:)``.
public struct StartWorkflowUpdateInput<each Input: Sendable>: Sendable {
    /// The workflow to update.
    public var id: String

    /// The run to update; `nil` means the latest run.
    public var runID: String?

    /// The update's id (sending the same id again reaches the same update).
    public var updateID: String

    /// The update's name.
    public var updateName: String

    /// How far the update must get before the call returns.
    public var waitForStage: WorkflowUpdateStage

    /// When set, only a run of the chain that began with this run is updated.
    public var firstExecutionRunID: String?

    /// Header fields sent with the update, seen by the update handler's interceptors.
    public var headers: [String: Api.Common.V1.Payload]

    /// The update's arguments.
    public var input: (repeat each Input)

    /// Options for the call; the long-poll deadline when `nil`.
    public var callOptions: CallOptions?

    public init(
        id: String,
        runID: String? = nil,
        updateID: String,
        updateName: String,
        waitForStage: WorkflowUpdateStage,
        firstExecutionRunID: String? = nil,
        headers: [String: Api.Common.V1.Payload],
        input: repeat each Input,
        callOptions: CallOptions? = nil
    ) {
        self.id = id
        self.runID = runID
        self.updateID = updateID
        self.updateName = updateName
        self.waitForStage = waitForStage
        self.firstExecutionRunID = firstExecutionRunID
        self.headers = headers
        self.input = (repeat each input)
        self.callOptions = callOptions
    }
}
