/// An activity that its worker left running (it threw ``CompleteAsyncError``), to be
/// heartbeated, completed, failed or cancelled from elsewhere.
public struct AsyncActivityHandle: Sendable {
    /// How the activity is identified: by the task token its worker was given, or by workflow
    /// and activity ids.
    public enum Reference: Hashable, Sendable {
        /// The activity `activityId` of workflow `workflowId` (its latest run unless `runId`
        /// is given).
        case id(workflowId: String, runId: String? = nil, activityId: String)

        /// The activity whose attempt was given `taskToken`.
        case taskToken(taskToken: ActivityTaskToken)
    }

    let client: TemporalClient

    /// The activity the handle reaches.
    public let reference: Reference

    /// Converts results and details (the client's converter unless replaced).
    public var dataConverter: DataConverter

    init(client: TemporalClient, reference: Reference) {
        self.client = client
        self.reference = reference
        self.dataConverter = client.dataConverter
    }
}
