/// Scheduling priority and fairness for a workflow or activity's tasks.
public struct Priority: Hashable, Sendable {
    /// The priority level: lower numbers run first; `nil` uses the server's default (the middle
    /// of its range).
    public var priorityKey: Int?

    /// A key (such as a tenant ID) for sharing capacity fairly between groups of tasks.
    public var fairnessKey: String?

    /// The relative share of capacity of this fairness key; `nil` means 1.
    public var fairnessWeight: Float?

    /// Creates a priority.
    ///
    /// - Parameters:
    ///   - priorityKey: The priority level; lower runs first.
    ///   - fairnessKey: The fairness group.
    ///   - fairnessWeight: The group's relative share.
    public init(priorityKey: Int? = nil, fairnessKey: String? = nil, fairnessWeight: Float? = nil) {
        self.priorityKey = priorityKey
        self.fairnessKey = fairnessKey
        self.fairnessWeight = fairnessWeight
    }

    /// No preference: every value at the server's default.
    public static let `default` = Priority()
}
