import TernAPI

extension WorkflowExecutionCount {
    /// The count a `CountWorkflowExecutions` response reports; group values are decoded as
    /// search attribute values, and those that cannot be are left out.
    package init(_ response: Api.Workflowservice.V1.CountWorkflowExecutionsResponse) {
        self.init(
            count: Int(response.count),
            groups: response.groups.map { group in
                AggregationGroup(
                    count: Int(group.count),
                    values: group.groupValues.compactMap { payload -> (any Sendable)? in
                        SearchAttributeCollection.decodeIgnoringErrors(payload)?.value.sendableValue
                    }
                )
            }
        )
    }
}
