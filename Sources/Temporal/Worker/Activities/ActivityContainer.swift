/// A value that holds several activities sharing dependencies (a database client, say).
/// `@ActivityContainer` generates the conformance from its `@Activity` methods.
public protocol ActivityContainer: Sendable {
    var allActivities: [any ActivityDefinition] { get }
}
