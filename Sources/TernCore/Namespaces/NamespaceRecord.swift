import Foundation
import TernAPI

/// A namespace as stored: the describe-shaped protobuf (info, config, replication) plus the
/// version that guards concurrent updates.
///
/// Capabilities and limits are not stored: they describe what this server build does and are
/// filled in by the frontend at read time.
public struct NamespaceRecord: Sendable, Equatable {
    public var detail: Temporal_Api_Workflowservice_V1_DescribeNamespaceResponse
    /// Bumped by every update; an update carrying a stale version is refused by the store.
    public var version: Int64

    public init(detail: Temporal_Api_Workflowservice_V1_DescribeNamespaceResponse, version: Int64 = 0) {
        self.detail = detail
        self.version = version
    }

    public var id: String { detail.namespaceInfo.id }
    public var name: String { detail.namespaceInfo.name }
    public var state: Temporal_Api_Enums_V1_NamespaceState { detail.namespaceInfo.state }
    public var retention: Duration {
        let ttl = detail.config.workflowExecutionRetentionTtl
        return .seconds(ttl.seconds) + .nanoseconds(Int64(ttl.nanos))
    }
}
