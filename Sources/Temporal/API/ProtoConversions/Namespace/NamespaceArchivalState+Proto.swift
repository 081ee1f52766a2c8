import Foundation
import TernAPI

extension NamespaceArchivalState {
    /// The state a wire archival state and URI describe; `nil` when unspecified, or enabled
    /// without a URI this SDK can read.
    init?(proto state: Api.Enums.V1.ArchivalState, uri: String) {
        switch state {
        case .disabled:
            self = .disabled
        case .enabled:
            guard !uri.isEmpty, let url = URL(string: uri) else { return nil }
            self = .enabled(url)
        default:
            return nil
        }
    }
}

extension Api.Enums.V1.ArchivalState {
    /// The wire state and URI for `state`; `nil` becomes unspecified, which the server reads
    /// as "keep the current setting" (or the cluster default on registration).
    static func wire(_ state: NamespaceArchivalState?) -> (state: Self, uri: String) {
        switch state {
        case .enabled(let url): (.enabled, url.absoluteString)
        case .disabled: (.disabled, "")
        case nil: (.unspecified, "")
        }
    }
}
