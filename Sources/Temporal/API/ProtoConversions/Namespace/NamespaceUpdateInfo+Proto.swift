import TernAPI

extension Api.Namespace.V1.UpdateNamespaceInfo {
    /// The wire form of `update`. `nil` becomes the empty value, which the server reads as
    /// "unchanged" (and empty data adds nothing to the namespace's).
    init(_ update: NamespaceUpdateInfo) {
        self.init()
        description_p = update.description ?? ""
        ownerEmail = update.ownerEmail ?? ""
        data = update.data ?? [:]
        state = update.state.map(Api.Enums.V1.NamespaceState.init) ?? .unspecified
    }
}
