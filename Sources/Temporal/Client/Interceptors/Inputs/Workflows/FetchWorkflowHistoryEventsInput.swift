public import struct GRPCCore.CallOptions

/// A history read as it passes through
/// ``ClientOutboundInterceptor/fetchWorkflowHistoryEvents(input:next:)``.
public struct FetchWorkflowHistoryEventsInput: Sendable {
    /// The workflow whose history is read.
    public var id: String

    /// The run whose history is read; `nil` means the latest run.
    public var runID: String?

    /// Whether to wait for events not written yet (a long poll) rather than return what exists.
    public var waitNewEvent: Bool

    /// All events, or only the close event.
    public var eventFilterType: Api.Enums.V1.HistoryEventFilterType

    /// Whether to leave archived history unread.
    public var skipArchival: Bool

    /// Options for each page's call.
    public var callOptions: CallOptions?

    public init(
        id: String,
        runID: String? = nil,
        waitNewEvent: Bool,
        eventFilterType: Api.Enums.V1.HistoryEventFilterType,
        skipArchival: Bool,
        callOptions: CallOptions? = nil
    ) {
        self.id = id
        self.runID = runID
        self.waitNewEvent = waitNewEvent
        self.eventFilterType = eventFilterType
        self.skipArchival = skipArchival
        self.callOptions = callOptions
    }
}
