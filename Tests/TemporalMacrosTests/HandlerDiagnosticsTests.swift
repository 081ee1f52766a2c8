import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import TemporalMacros
import Testing

/// Misapplied handler macros: each is reported on the offending syntax and generates nothing.
@Suite struct HandlerDiagnosticsTests {
    private static let handlerMacros = temporalMacros.filter { $0.key.hasPrefix("Workflow") && $0.key != "Workflow" }
    private static let signalShape =
        "a signal handler takes one parameter labelled 'input:', optionally preceded by 'context: WorkflowContext<Self>'"

    /// Expands `member` (a handler) inside a `@Workflow` struct and expects one error at the
    /// given position of `member`'s first line (line 3 of the source).
    private func assertRejected(
        _ member: String,
        _ message: String,
        line: Int = 3,
        column: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let body = member.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        let expanded = member.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map { "    " + $0 }
            .joined(separator: "\n")
        assertExpansion(
            "@Workflow\nstruct Order {\n\(body)\n}",
            expandedSource: "@Workflow\nstruct Order {\n\(expanded)\n}",
            diagnostics: [DiagnosticSpec(message: message, line: line, column: column)],
            macros: Self.handlerMacros,
            fileID: "", filePath: "", line: UInt(sourceLocation.line), column: UInt(sourceLocation.column)
        )
    }

    @Test func signalWithoutInput() {
        assertRejected(
            "@WorkflowSignal\nfunc pause() {}",
            "Missing 'input:' parameter; \(Self.signalShape) (use 'input: Void' for none)",
            line: 4, column: 15
        )
    }

    @Test func signalWithUnlabelledInput() {
        assertRejected(
            "@WorkflowSignal\nfunc pause(_ value: Int) {}",
            "The parameter must be labelled 'input:'; \(Self.signalShape)",
            line: 4, column: 16
        )
    }

    @Test func signalWithMisnamedContext() {
        assertRejected(
            "@WorkflowSignal\nfunc pause(ctx: WorkflowContext<Self>, input: Int) {}",
            "The first parameter must be labelled 'context:'; \(Self.signalShape)",
            line: 4, column: 16
        )
    }

    @Test func signalWithThreeParameters() {
        assertRejected(
            "@WorkflowSignal\nfunc pause(context: WorkflowContext<Self>, input: Int, extra: Int) {}",
            "Too many parameters; \(Self.signalShape)",
            line: 4, column: 15
        )
    }

    @Test func signalReturningAValue() {
        assertRejected(
            "@WorkflowSignal\nfunc pause(input: Void) -> Bool { true }",
            "A signal handler can't return a value; use @WorkflowUpdate to answer the sender",
            line: 4, column: 32
        )
    }

    @Test func staticSignal() {
        assertRejected(
            "@WorkflowSignal\nstatic func pause(input: Void) {}",
            "@WorkflowSignal must be applied to an instance method; a signal runs against the workflow's state",
            line: 4, column: 5
        )
    }

    @Test func genericUpdate() {
        assertRejected(
            "@WorkflowUpdate\nfunc set<T>(input: T) {}",
            "@WorkflowUpdate can't be applied to a generic method",
            line: 4, column: 13
        )
    }

    @Test func signalOnAProperty() {
        assertRejected(
            "@WorkflowSignal\nvar paused = false",
            "@WorkflowSignal can only be applied to a method",
            column: 5
        )
    }

    @Test func asyncQuery() {
        assertRejected(
            "@WorkflowQuery\nfunc status(input: Void) async -> String { \"\" }",
            "A query handler must be synchronous; it may not suspend the workflow",
            line: 4, column: 30
        )
    }

    @Test func queryReturningNothing() {
        assertRejected(
            "@WorkflowQuery\nfunc status(input: Void) {}",
            "A query handler must return the value it reports",
            line: 4, column: 16
        )
    }

    @Test func mutatingQuery() {
        assertRejected(
            "@WorkflowQuery\nmutating func status(input: Void) -> String { \"\" }",
            "A query handler can't be mutating; queries only read workflow state",
            line: 4, column: 5
        )
    }

    @Test func queryPropertyWithoutType() {
        assertRejected(
            "@WorkflowQuery\nvar status = \"new\"",
            "@WorkflowQuery needs the property's type written out, e.g. 'var status: String'",
            line: 4, column: 9
        )
    }

    @Test func validatorThatIsNotALiteral() {
        assertRejected(
            "@WorkflowUpdate(validator: Names.check)\nfunc set(input: Int) {}",
            "'validator:' must be a string literal naming a method of the workflow, e.g. validator: \"validatePriority\"",
            column: 32
        )
    }

    @Test func handlerOutsideAWorkflow() {
        assertExpansion(
            """
            struct Helper {
                @WorkflowSignal
                func pause(input: Void) {}
            }
            """,
            expandedSource: """
                struct Helper {
                    func pause(input: Void) {}
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@WorkflowSignal must be used on a member declared in the body of a @Workflow struct",
                    line: 2,
                    column: 5
                )
            ],
            macros: Self.handlerMacros
        )
    }

    @Test func handlerInAnExtension() {
        assertExpansion(
            """
            extension Order {
                @WorkflowQuery
                func status(input: Void) -> String { "" }
            }
            """,
            expandedSource: """
                extension Order {
                    func status(input: Void) -> String { "" }
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@WorkflowQuery must be used on a member declared in the body of a @Workflow struct",
                    line: 2,
                    column: 5
                )
            ],
            macros: Self.handlerMacros
        )
    }
}
