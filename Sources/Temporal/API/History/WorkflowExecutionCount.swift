/// The result of counting workflow executions, optionally grouped.
public struct WorkflowExecutionCount: Sendable {
    /// The total number of matching executions.
    public let count: Int

    /// Per-group counts, when the query had a `GROUP BY`.
    public let groups: [AggregationGroup]

    /// The count for one combination of grouped values.
    public struct AggregationGroup: Sendable {
        /// The number of executions in the group.
        public let count: Int

        /// The grouped values identifying the group.
        public let values: [any Sendable]

        /// Creates a group.
        public init(count: Int, values: [any Sendable]) {
            self.count = count
            self.values = values
        }
    }

    /// Creates a count.
    public init(count: Int, groups: [AggregationGroup]) {
        self.count = count
        self.groups = groups
    }
}
