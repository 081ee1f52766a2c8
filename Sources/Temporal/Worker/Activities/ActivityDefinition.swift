/// An activity type: a function with side effects that the worker runs (and the server retries)
/// on the workflow's behalf.
public protocol ActivityDefinition: Sendable {
    associatedtype Input: Sendable
    associatedtype Output: Sendable

    /// The activity type name on the wire (defaults to the Swift type name).
    static var name: String { get }
    /// A dynamic activity serves every activity type the worker has no definition for.
    static var isDynamic: Bool { get }

    func run(input: Input) async throws -> Output
}

extension ActivityDefinition {
    public static var name: String { String(describing: self) }
    public static var isDynamic: Bool { false }
}
