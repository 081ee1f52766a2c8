import Foundation
import SwiftProtobuf
import TernAPI

public typealias RegisterNamespaceRequest = Temporal_Api_Workflowservice_V1_RegisterNamespaceRequest
public typealias UpdateNamespaceRequest = Temporal_Api_Workflowservice_V1_UpdateNamespaceRequest

/// What registering and updating a namespace may do, with Temporal's validation and messages.
/// Pure: ids and clocks are passed in.
public enum NamespaceRules {
    /// Temporal's default `limit.maxIDLength`.
    public static let maxNameLength = 1000
    /// Temporal's default minimum retention for local namespaces.
    public static let minRetention = Google_Protobuf_Duration(seconds: 3600)
    /// Tern is a single cluster; Temporal's dev server names its cluster "active".
    public static let clusterName = "active"
    public static let defaultRetention = Google_Protobuf_Duration(seconds: 86_400)

    public static func validateName(_ name: String) throws(TernError) {
        if name.isEmpty {
            throw .invalidArgument("Namespace not set on request.")
        }
        if name.utf8.count > maxNameLength {
            throw .invalidArgument("Namespace length exceeds limit of \(maxNameLength) bytes.")
        }
    }

    public static func validateRetention(_ retention: Google_Protobuf_Duration?) throws(TernError) {
        guard let retention, retention.nanos >= 0, retention.nanos < 1_000_000_000,
              (retention.seconds, retention.nanos) >= (minRetention.seconds, minRetention.nanos)
        else {
            throw .invalidArgument(
                "A valid retention period is not set on request: it must be at least 1 hour.")
        }
    }

    /// The namespace a `RegisterNamespace` request creates.
    public static func register(_ request: RegisterNamespaceRequest, id: String) throws(TernError) -> NamespaceRecord {
        try validateName(request.namespace)
        if request.isGlobalNamespace {
            throw .invalidArgument("Cannot register global namespace: Tern runs a single cluster.")
        }
        try validateRetention(request.hasWorkflowExecutionRetentionPeriod ? request.workflowExecutionRetentionPeriod : nil)
        try validateActiveCluster(request.activeClusterName)
        for cluster in request.clusters where cluster.clusterName != clusterName {
            throw .invalidArgument("Unknown cluster \"\(cluster.clusterName)\": Tern's only cluster is \"\(clusterName)\".")
        }
        var detail = Temporal_Api_Workflowservice_V1_DescribeNamespaceResponse()
        detail.namespaceInfo.id = id
        detail.namespaceInfo.name = request.namespace
        detail.namespaceInfo.state = .registered
        detail.namespaceInfo.description_p = request.description_p
        detail.namespaceInfo.ownerEmail = request.ownerEmail
        detail.namespaceInfo.data = request.data
        detail.config.workflowExecutionRetentionTtl = request.workflowExecutionRetentionPeriod
        // Asking for archival is accepted and leaves it disabled, as on a Temporal cluster not
        // configured for archival (Tern archives nothing).
        detail.config.historyArchivalState = .disabled
        detail.config.visibilityArchivalState = .disabled
        detail.config.badBinaries = Temporal_Api_Namespace_V1_BadBinaries()
        detail.replicationConfig.activeClusterName = clusterName
        detail.replicationConfig.clusters = [.with { $0.clusterName = clusterName }]
        detail.replicationConfig.state = .normal
        detail.isGlobalNamespace = false
        return NamespaceRecord(detail: detail)
    }

    /// A namespace created at start-up (`--namespace`), like the dev server's "default".
    public static func builtIn(name: String, id: String) throws(TernError) -> NamespaceRecord {
        var request = RegisterNamespaceRequest()
        request.namespace = name
        request.workflowExecutionRetentionPeriod = defaultRetention
        return try register(request, id: id)
    }

    /// The namespace after an `UpdateNamespace` request. Empty strings leave a field as it was,
    /// as in Temporal.
    public static func update(_ request: UpdateNamespaceRequest, of record: NamespaceRecord, now: Date) throws(TernError) -> NamespaceRecord {
        var detail = record.detail
        if request.promoteNamespace {
            throw .invalidArgument("Cannot promote namespace to global: Tern runs a single cluster.")
        }
        if request.hasUpdateInfo {
            let info = request.updateInfo
            if !info.description_p.isEmpty { detail.namespaceInfo.description_p = info.description_p }
            if !info.ownerEmail.isEmpty { detail.namespaceInfo.ownerEmail = info.ownerEmail }
            detail.namespaceInfo.data.merge(info.data) { _, new in new }
            if info.state != .unspecified, info.state != detail.namespaceInfo.state {
                try validateStateChange(from: detail.namespaceInfo.state, to: info.state)
                detail.namespaceInfo.state = info.state
            }
        }
        if request.hasConfig {
            let config = request.config
            if config.hasWorkflowExecutionRetentionTtl {
                try validateRetention(config.workflowExecutionRetentionTtl)
                detail.config.workflowExecutionRetentionTtl = config.workflowExecutionRetentionTtl
            }
            for (checksum, var info) in config.badBinaries.binaries {
                info.createTime = Google_Protobuf_Timestamp(date: now)
                detail.config.badBinaries.binaries[checksum] = info
            }
            for (field, alias) in config.customSearchAttributeAliases {
                if alias.isEmpty {
                    detail.config.customSearchAttributeAliases.removeValue(forKey: field)
                } else if detail.config.customSearchAttributeAliases[field] != nil {
                    throw .invalidArgument("Custom search attribute field name already allocated.")
                } else {
                    detail.config.customSearchAttributeAliases[field] = alias
                }
            }
        }
        if !request.deleteBadBinary.isEmpty {
            detail.config.badBinaries.binaries.removeValue(forKey: request.deleteBadBinary)
        }
        if request.hasReplicationConfig {
            try validateActiveCluster(request.replicationConfig.activeClusterName)
        }
        var updated = record
        updated.detail = detail
        return updated
    }

    static func validateStateChange(
        from old: Temporal_Api_Enums_V1_NamespaceState, to new: Temporal_Api_Enums_V1_NamespaceState
    ) throws(TernError) {
        switch (old, new) {
        case (.registered, .deprecated), (.registered, .deleted), (.deprecated, .deleted):
            return
        default:
            throw .invalidArgument("Invalid namespace state update: \(old) cannot become \(new).")
        }
    }

    static func validateActiveCluster(_ name: String) throws(TernError) {
        if !name.isEmpty, name != clusterName {
            throw .invalidArgument("Unknown active cluster \"\(name)\": Tern's only cluster is \"\(clusterName)\".")
        }
    }
}
