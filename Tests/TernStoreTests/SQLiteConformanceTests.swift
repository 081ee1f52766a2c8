import Testing
@testable import TernStore

/// The store conformance tests (StoreConformance*.swift) on SQLite.
@Suite("Store conformance: SQLite")
struct SQLiteConformanceTests {
    let backend = SQLiteBackend()

    @Test func namespaceRoundTrip() async throws { try await StoreConformance.namespaceRoundTrip(backend) }
    @Test func duplicateNameOrIDIsAlreadyExists() async throws { try await StoreConformance.duplicateNameOrIDIsAlreadyExists(backend) }
    @Test func namespaceUpdateIsConditionalOnVersion() async throws { try await StoreConformance.namespaceUpdateIsConditionalOnVersion(backend) }
    @Test func namespacesListInNameOrderFromACursor() async throws { try await StoreConformance.namespacesListInNameOrderFromACursor(backend) }
    @Test func searchAttributesAddKeepFirstTypeAndRemove() async throws { try await StoreConformance.searchAttributesAddKeepFirstTypeAndRemove(backend) }
    @Test func reopenedStoreKeepsEverything() async throws { try await StoreConformance.reopenedStoreKeepsEverything(backend) }
    @Test func schedulesAreConditionalAndListed() async throws { try await StoreConformance.schedulesAreConditionalAndListed(backend) }
    @Test func deploymentsAreSavedReplacedListedAndDeletedPerNamespace() async throws { try await StoreConformance.deploymentsAreSavedReplacedListedAndDeletedPerNamespace(backend) }
    @Test func versionSetsAndBatchOperationsAreReplacedAndListed() async throws { try await StoreConformance.versionSetsAndBatchOperationsAreReplacedAndListed(backend) }
    @Test func commitsAreConditionalAndReadBack() async throws { try await StoreConformance.commitsAreConditionalAndReadBack(backend) }
    @Test func closingARunAndStartingTheNextIsAtomic() async throws { try await StoreConformance.closingARunAndStartingTheNextIsAtomic(backend) }
    @Test func concurrentCommitsAllLandAndAFailedConditionFailsOnlyItsOwn() async throws { try await StoreConformance.concurrentCommitsAllLandAndAFailedConditionFailsOnlyItsOwn(backend) }
    @Test func concurrentUpdatesOfOneRunFailExactlyTheStaleOnes() async throws { try await StoreConformance.concurrentUpdatesOfOneRunFailExactlyTheStaleOnes(backend) }
    @Test func taskIDsAreReturnedInOrder() async throws { try await StoreConformance.taskIDsAreReturnedInOrder(backend) }
    @Test func historyIsReadInRanges() async throws { try await StoreConformance.historyIsReadInRanges(backend) }
    @Test func deleteWorkflowRemovesEverythingOfTheRun() async throws { try await StoreConformance.deleteWorkflowRemovesEverythingOfTheRun(backend) }
    @Test func pendingActivitiesAreRewrittenByChangeAndReadBack() async throws { try await StoreConformance.pendingActivitiesAreRewrittenByChangeAndReadBack(backend) }
    @Test func eachOperatorSelectsTheRightRuns() async throws { try await VisibilityConformance.eachOperatorSelectsTheRightRuns(backend) }
    @Test func orderByAndDefaultOrder() async throws { try await VisibilityConformance.orderByAndDefaultOrder(backend) }
    @Test func pagingHasNoGapsOrDuplicates() async throws { try await VisibilityConformance.pagingHasNoGapsOrDuplicates(backend) }
    @Test func countGroupsByStatus() async throws { try await VisibilityConformance.countGroupsByStatus(backend) }
    @Test func visibilityFollowsUpdates() async throws { try await VisibilityConformance.visibilityFollowsUpdates(backend) }
}
