public import Foundation

/// One failover of a global namespace: when it happened and the version it moved to.
public struct NamespaceFailoverStatus: Hashable, Sendable {
    /// When the failover took effect.
    public var failoverTime: Date?

    /// The failover version it set.
    public var failoverVersion: Int
}
