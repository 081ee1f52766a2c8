import TernAPI
import Testing
@testable import TernCore

@Suite("IDPolicy: a start that finds its id in use")
struct IDPolicyTests {
    @Test func aRunningRunIsFailedUsedOrTerminatedByTheConflictPolicy() {
        func decide(_ conflict: Temporal_Api_Enums_V1_WorkflowIdConflictPolicy,
                    _ reuse: Temporal_Api_Enums_V1_WorkflowIdReusePolicy = .unspecified) -> IDPolicy.Decision {
            IDPolicy(conflict, reuse).decide(requestID: "new", currentStatus: .running, currentRequestID: "old")
        }
        #expect(decide(.unspecified) == .alreadyRunning)
        #expect(decide(.fail) == .alreadyRunning)
        #expect(decide(.useExisting) == .useExisting)
        #expect(decide(.terminateExisting) == .terminateExisting)
        #expect(decide(.unspecified, .terminateIfRunning) == .terminateExisting)
    }

    @Test func aClosedRunIsReplacedAsTheReusePolicyAllows() {
        func decide(_ reuse: Temporal_Api_Enums_V1_WorkflowIdReusePolicy, _ status: WorkflowStatus) -> IDPolicy.Decision {
            IDPolicy(.fail, reuse).decide(requestID: "new", currentStatus: status, currentRequestID: "old")
        }
        #expect(decide(.unspecified, .completed) == .startNew)
        #expect(decide(.rejectDuplicate, .failed) == .alreadyFinished)
        #expect(decide(.allowDuplicateFailedOnly, .completed) == .alreadyFinished)
        #expect(decide(.allowDuplicateFailedOnly, .terminated) == .startNew)
        #expect(decide(.terminateIfRunning, .completed) == .startNew)
    }

    @Test func theSameRequestIsARepeatAndActivitiesFollowTheSameRule() {
        let policy = IDPolicy(Temporal_Api_Enums_V1_ActivityIdConflictPolicy.unspecified, .rejectDuplicate)
        #expect(policy.decide(requestID: "r", currentStatus: .completed, currentRequestID: "r") == .repeated)
        #expect(policy.decide(requestID: "", currentStatus: .running, currentRequestID: "") == .alreadyRunning)
        #expect(policy.decide(requestID: "s", currentStatus: .completed, currentRequestID: "r") == .alreadyFinished)
        #expect(IDPolicy(Temporal_Api_Enums_V1_ActivityIdConflictPolicy.useExisting, .unspecified)
            .decide(requestID: "s", currentStatus: .running, currentRequestID: "r") == .useExisting)
    }
}
