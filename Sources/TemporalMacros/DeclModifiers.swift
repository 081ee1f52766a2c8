import SwiftSyntax

extension DeclModifierListSyntax {
    /// The `static` (or `class`) modifier, if the declaration is a type member rather than an instance one.
    var staticModifier: DeclModifierSyntax? {
        first { $0.name.tokenKind == .keyword(.static) || $0.name.tokenKind == .keyword(.class) }
    }

    var isStatic: Bool { staticModifier != nil }

    /// The modifier spelled with `keyword`, if present.
    func modifier(_ keyword: Keyword) -> DeclModifierSyntax? {
        first { $0.name.tokenKind == .keyword(keyword) }
    }
}
