import SwiftDiagnostics
import SwiftSyntax

extension FunctionDeclSyntax {
    /// Why this method can't validate `update`: validators are synchronous, non-mutating instance
    /// methods `func name(input: I) throws` taking the update's input type `I`.
    func problemsAsValidator(named name: String, for update: FunctionDeclSyntax) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let signature = self.signature
        for modifier in modifiers {
            switch modifier.name.tokenKind {
            case .keyword(.static), .keyword(.class):
                problems.append(MacroDiagnostic("validator_static", "Validator '\(name)' must be an instance method").at(modifier))
            case .keyword(.mutating):
                problems.append(
                    MacroDiagnostic("validator_mutating", "Validator '\(name)' can't be mutating; it must not change workflow state")
                        .at(modifier)
                )
            default:
                break
            }
        }
        if let async = signature.effectSpecifiers?.asyncSpecifier {
            problems.append(
                MacroDiagnostic("validator_async", "Validator '\(name)' must be synchronous; it runs before the update is accepted")
                    .at(async)
            )
        }
        if let returnType = signature.returnClause?.type, !returnType.isVoid {
            problems.append(
                MacroDiagnostic("validator_returns", "Validator '\(name)' must return nothing; it rejects an update by throwing")
                    .at(returnType)
            )
        }
        let parameters = Array(signature.parameterClause.parameters)
        guard parameters.count == 1, let parameter = parameters.first else {
            problems.append(
                MacroDiagnostic(
                    "validator_parameters",
                    "Validator '\(name)' must take exactly one parameter, 'input:', of the update's input type"
                ).at(signature.parameterClause)
            )
            return problems
        }
        if parameter.firstName.text != "input" {
            problems.append(
                MacroDiagnostic("validator_label", "Validator '\(name)' must label its parameter 'input:'").at(parameter)
            )
        }
        if let updateInput = update.signature.parameterClause.parameters.last(where: { $0.firstName.text == "input" }) {
            let expected = updateInput.type.trimmedDescription
            let actual = parameter.type.trimmedDescription
            if expected.filter({ !$0.isWhitespace }) != actual.filter({ !$0.isWhitespace }) {
                problems.append(
                    MacroDiagnostic(
                        "validator_input_type",
                        "Validator '\(name)' takes '\(actual)', but update '\(update.name.bareName)' takes '\(expected)'"
                    ).at(parameter.type)
                )
            }
        }
        return problems
    }
}
