import SwiftSyntax

extension TypeSyntax {
    /// Whether the type is spelled as `Void`, `Swift.Void` or `()`.
    var isVoid: Bool {
        if let tuple = self.as(TupleTypeSyntax.self) {
            return tuple.elements.isEmpty
        }
        if let identifier = self.as(IdentifierTypeSyntax.self) {
            return identifier.name.text == "Void" && identifier.genericArgumentClause == nil
        }
        if let member = self.as(MemberTypeSyntax.self) {
            return member.baseType.trimmedDescription == "Swift" && member.name.text == "Void"
        }
        return false
    }

    /// The type as it must be written inside a definition type nested in `workflowName`: there
    /// `Self` names the nested type and `Input`/`Output` its own associated types, so those are
    /// qualified with the workflow to keep the meaning they had on the handler.
    func qualified(forNestingIn workflowName: String) -> TypeSyntax {
        OuterScopeQualifier(workflowName: workflowName).rewrite(self.trimmed).cast(TypeSyntax.self)
    }
}

private final class OuterScopeQualifier: SyntaxRewriter {
    let workflowName: String

    init(workflowName: String) {
        self.workflowName = workflowName
        super.init(viewMode: .sourceAccurate)
    }

    override func visit(_ node: IdentifierTypeSyntax) -> TypeSyntax {
        guard node.genericArgumentClause == nil else { return super.visit(node) }
        switch node.name.text {
        case "Self":
            let outer = IdentifierTypeSyntax(name: .identifier(workflowName))
            return TypeSyntax(outer).with(\.leadingTrivia, node.leadingTrivia).with(\.trailingTrivia, node.trailingTrivia)
        case "Input", "Output":
            // `Input.Item` arrives here as the base of a member type, so it is covered too.
            let qualified = MemberTypeSyntax(
                baseType: IdentifierTypeSyntax(name: .identifier(workflowName)),
                name: node.name.trimmed
            )
            return TypeSyntax(qualified).with(\.leadingTrivia, node.leadingTrivia).with(\.trailingTrivia, node.trailingTrivia)
        default:
            return super.visit(node)
        }
    }
}
