public import Foundation

/// What a query handler may read about the run (queries must not change anything).
public struct WorkflowContextView: @unchecked Sendable {
    private let instance: WorkflowInstance

    /// The run's information.
    public let info: WorkflowInfo

    init(instance: WorkflowInstance) {
        self.instance = instance
        self.info = instance.workflowInfo
    }

    public var now: Date { instance.now }
    public var isReplaying: Bool { instance.isReplaying }
    public var searchAttributes: SearchAttributeCollection { SearchAttributeCollection(wireValue: instance.searchAttributes) }
    public var currentDeploymentVersion: DeploymentVersion? { nil }
    public var continueAsNewSuggested: Bool { instance.continueAsNewSuggested }
    public var suggestContinueAsNewReasons: [SuggestContinueAsNewReason] { [] }
    public var currentHistoryLength: Int { instance.historyLength }
    public var currentHistorySize: Int { instance.historySize }
    public var allHandlersFinished: Bool { instance.runningHandlers == 0 }
    public var currentDetails: String? { instance.currentDetails }
    public var currentUpdateInfo: WorkflowUpdateInfo? { WorkflowInstance.currentUpdate }
}
