import SwiftSyntax

extension AttributeSyntax {
    /// The attribute's name without a module qualifier (`Temporal.Workflow` → `Workflow`).
    var simpleName: String {
        if let member = attributeName.as(MemberTypeSyntax.self) {
            return member.name.text
        }
        return attributeName.trimmedDescription
    }

    /// The expression passed for the argument labelled `label`, unless it is absent or a literal
    /// `nil` (which means "use the default" for every optional macro argument). It stays attached
    /// to the source so diagnostics can point at it; use `trimmedDescription` to copy it.
    func argument(_ label: String) -> ExprSyntax? {
        guard case .argumentList(let arguments) = arguments,
            let element = arguments.first(where: { $0.label?.text == label })
        else { return nil }
        if element.expression.is(NilLiteralExprSyntax.self) { return nil }
        return element.expression
    }

    /// The text of a plain string-literal argument (no interpolation), or nil.
    func stringLiteralArgument(_ label: String) -> String? {
        argument(label)?.plainStringLiteral
    }

    /// The value of a `true`/`false` literal argument, or nil.
    func boolLiteralArgument(_ label: String) -> Bool? {
        guard let literal = argument(label)?.as(BooleanLiteralExprSyntax.self) else { return nil }
        return literal.literal.tokenKind == .keyword(.true)
    }
}

extension ExprSyntax {
    /// The value of a string literal without interpolations, or nil for any other expression.
    var plainStringLiteral: String? {
        guard let literal = self.as(StringLiteralExprSyntax.self) else { return nil }
        var text = ""
        for segment in literal.segments {
            guard case .stringSegment(let piece) = segment else { return nil }
            text += piece.content.text
        }
        return text
    }
}

extension AttributeListSyntax {
    /// The first attribute named `name` (module qualifier ignored).
    func attribute(named name: String) -> AttributeSyntax? {
        for element in self {
            if case .attribute(let attribute) = element, attribute.simpleName == name {
                return attribute
            }
        }
        return nil
    }

    func contains(attributeNamed name: String) -> Bool {
        attribute(named: name) != nil
    }
}
