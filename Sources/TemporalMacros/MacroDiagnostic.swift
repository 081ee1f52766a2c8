import SwiftDiagnostics
import SwiftSyntax

/// A diagnostic raised by one of the Temporal macros.
struct MacroDiagnostic: DiagnosticMessage {
    let message: String
    let diagnosticID: MessageID
    let severity: DiagnosticSeverity

    init(_ id: String, _ message: String, severity: DiagnosticSeverity = .error) {
        self.message = message
        self.diagnosticID = MessageID(domain: "TemporalMacros", id: id)
        self.severity = severity
    }

    /// The diagnostic placed on `node`, ready to hand to a context.
    func at(_ node: some SyntaxProtocol) -> Diagnostic {
        Diagnostic(node: Syntax(node), message: self)
    }

    /// An error that reports this diagnostic on `node` (rather than on the whole attribute) when a
    /// macro throws it.
    func error(at node: some SyntaxProtocol) -> DiagnosticsError {
        DiagnosticsError(diagnostics: [at(node)])
    }
}
