import SwiftSyntax

/// The access level written on a declaration, used to give generated declarations a matching one.
enum AccessLevel: Comparable {
    case `private`, `fileprivate`, `internal`, `package`, `public`

    /// The declaration's own access level; `private(set)` and the like only restrict setters, so
    /// they are ignored. `open` counts as `public`.
    init(of modifiers: DeclModifierListSyntax) {
        self = .internal
        for modifier in modifiers where modifier.detail == nil {
            switch modifier.name.tokenKind {
            case .keyword(.open), .keyword(.public): self = .public
            case .keyword(.package): self = .package
            case .keyword(.internal): self = .internal
            case .keyword(.fileprivate): self = .fileprivate
            case .keyword(.private): self = .private
            default: continue
            }
            return
        }
    }

    /// The access level spelled out in full, with a trailing space (empty for `internal`).
    var spelled: String {
        switch self {
        case .private: "private "
        case .fileprivate: "fileprivate "
        case .internal: ""
        case .package: "package "
        case .public: "public "
        }
    }

    /// For members that satisfy protocol requirements: only `public` and `package` must be written;
    /// narrower levels are implied by the enclosing type (and writing `private` would hide the
    /// member from the conformance).
    var requirementPrefix: String {
        self >= .package ? spelled : ""
    }

    /// `private` widened to `fileprivate`, for declarations generated in a different scope (an
    /// extension or a nested type) that must stay reachable from their siblings.
    var widenedPrivate: AccessLevel {
        self == .private ? .fileprivate : self
    }
}
