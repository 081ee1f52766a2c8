/// The descriptive fields of a namespace to change; `nil` leaves a field as it is.
public struct NamespaceUpdateInfo: Hashable, Sendable {
    /// The new description.
    public var description: String?

    /// The new owner email address.
    public var ownerEmail: String?

    /// Entries to add to the namespace's data, replacing values of keys it already has
    /// (keys not named here are kept).
    public var data: [String: String]?

    /// The state to move the namespace to, e.g. ``NamespaceInfo/State/deprecated``.
    public var state: NamespaceInfo.State?

    /// An update of the given fields.
    public init(
        description: String? = nil,
        ownerEmail: String? = nil,
        data: [String: String]? = nil,
        state: NamespaceInfo.State? = nil
    ) {
        self.description = description
        self.ownerEmail = ownerEmail
        self.data = data
        self.state = state
    }
}
