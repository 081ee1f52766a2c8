import TernAPI

/// Temporal's id reuse and conflict policies, for a start that finds its id already used: the same
/// rule for workflows and standalone activities (whose enums differ but mean the same).
public struct IDPolicy: Sendable, Equatable {
    public enum Conflict: Sendable, Equatable { case fail, useExisting, terminateExisting }
    public enum Reuse: Sendable, Equatable { case allowDuplicate, allowDuplicateFailedOnly, rejectDuplicate }

    public var conflict: Conflict
    public var reuse: Reuse

    /// What the start does about the id's current run.
    public enum Decision: Sendable, Equatable {
        /// The same request started it: answer with that run.
        case repeated
        case useExisting
        case terminateExisting
        case startNew
        case alreadyRunning
        case alreadyFinished
    }

    public init(conflict: Conflict, reuse: Reuse) {
        self.conflict = conflict
        self.reuse = reuse
    }

    /// A workflow start's policies; an unset conflict policy is "fail", or "terminate" for the
    /// old reuse policy TERMINATE_IF_RUNNING.
    public init(_ conflict: Temporal_Api_Enums_V1_WorkflowIdConflictPolicy, _ reuse: Temporal_Api_Enums_V1_WorkflowIdReusePolicy) {
        self.conflict = switch conflict {
        case .useExisting: .useExisting
        case .terminateExisting: .terminateExisting
        case .unspecified where reuse == .terminateIfRunning: .terminateExisting
        default: .fail
        }
        self.reuse = switch reuse {
        case .rejectDuplicate: .rejectDuplicate
        case .allowDuplicateFailedOnly: .allowDuplicateFailedOnly
        default: .allowDuplicate
        }
    }

    public init(_ conflict: Temporal_Api_Enums_V1_ActivityIdConflictPolicy, _ reuse: Temporal_Api_Enums_V1_ActivityIdReusePolicy) {
        self.conflict = conflict == .useExisting ? .useExisting : .fail
        self.reuse = switch reuse {
        case .rejectDuplicate: .rejectDuplicate
        case .allowDuplicateFailedOnly: .allowDuplicateFailedOnly
        default: .allowDuplicate
        }
    }

    /// `requestID` is the new start's, `current` the id's current run (its status and the request
    /// that started it).
    public func decide(requestID: String, currentStatus: WorkflowStatus, currentRequestID: String) -> Decision {
        if !requestID.isEmpty, currentRequestID == requestID { return .repeated }
        if currentStatus == .running {
            switch conflict {
            case .useExisting: return .useExisting
            case .terminateExisting: return .terminateExisting
            case .fail: return .alreadyRunning
            }
        }
        switch reuse {
        case .rejectDuplicate: return .alreadyFinished
        case .allowDuplicateFailedOnly where currentStatus == .completed: return .alreadyFinished
        default: return .startNew
        }
    }
}
