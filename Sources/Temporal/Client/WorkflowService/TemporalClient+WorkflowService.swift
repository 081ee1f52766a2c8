import Foundation
import GRPCCore

extension TemporalClient {
    /// Temporal's WorkflowService addressed by ids rather than through handles: the calls the
    /// handles are built on, for code that keeps workflow and schedule ids itself.
    public struct WorkflowService: Sendable {
        /// The configuration of the client this service belongs to.
        package let configuration: TemporalClient.Configuration
        let service: WorkflowServiceConnection.Service

        init(configuration: TemporalClient.Configuration, service: WorkflowServiceConnection.Service) {
            self.configuration = configuration
            self.service = service
        }

        var namespace: String { configuration.namespace }
        var identity: String { configuration.identity }
        var dataConverter: DataConverter { configuration.dataConverter }

        /// The wire form of an execution reference; no run id means the latest run.
        func execution(_ workflowID: String, _ runID: String?) -> Api.Common.V1.WorkflowExecution {
            .with {
                $0.workflowID = workflowID
                $0.runID = runID ?? ""
            }
        }
    }

    /// The client's WorkflowService calls by id.
    public var workflowService: WorkflowService {
        WorkflowService(configuration: configuration, service: service)
    }
}
