import SwiftSyntax
import SwiftSyntaxMacros

/// `@Activity` marks a method for `@ActivityContainer`, which generates its definition; on its
/// own it only checks that the method can be an activity, so mistakes are reported on the method.
public struct ActivityMacro: PeerMacro {
    public static func expansion(
        of node: AttributeSyntax,
        providingPeersOf declaration: some DeclSyntaxProtocol,
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        guard let function = declaration.as(FunctionDeclSyntax.self) else {
            throw MacroDiagnostic("activity_not_method", "@Activity can only be applied to a method").error(at: node)
        }
        guard let parent = context.lexicalContext.first,
            parent.is(StructDeclSyntax.self) || parent.is(ClassDeclSyntax.self) || parent.is(ActorDeclSyntax.self)
        else {
            throw MacroDiagnostic(
                "activity_outside_container",
                "@Activity must be applied to a method declared in the body of an @ActivityContainer struct, class or actor"
            ).error(at: node)
        }
        _ = try ActivityMethod(function, attribute: node)
        if parent.asProtocol((any WithAttributesSyntax).self)?.attributes.contains(attributeNamed: "ActivityContainer") != true {
            context.diagnose(
                MacroDiagnostic(
                    "activity_without_container",
                    "@Activity has no effect unless the enclosing type is marked @ActivityContainer",
                    severity: .warning
                ).at(node)
            )
        }
        return []
    }
}
