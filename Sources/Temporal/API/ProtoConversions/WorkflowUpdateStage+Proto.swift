import TernAPI

extension Api.Enums.V1.UpdateWorkflowExecutionLifecycleStage {
    /// The wire form of `stage`.
    package init(_ stage: WorkflowUpdateStage) {
        switch stage {
        case .admitted: self = .admitted
        case .accepted: self = .accepted
        case .completed: self = .completed
        }
    }
}
