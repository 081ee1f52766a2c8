import Foundation
import TernCore

extension WorkflowState {
    /// The run's state as the `executions` row keeps it in every store: everything but the pending
    /// activities, which are rows of their own (`pending_activities`).
    func executionsBlob() throws -> Data {
        guard !activities.isEmpty else { return try serializedBytes() }
        var rest = self
        rest.activities = [:]
        return try rest.serializedBytes()
    }
}
