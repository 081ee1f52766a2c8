import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import TemporalMacros
import Testing

/// Mistakes `@Workflow` catches from the whole struct body. Only `@Workflow` itself is expanded
/// here, so its member-attribute output shows up as plain `@_WorkflowState` attributes.
@Suite struct WorkflowDiagnosticsTests {
    private static let workflowOnly = temporalMacros.filter { $0.key == "Workflow" }

    private static let conformance = """
        extension Order: WorkflowDefinition {
            // Compiles only if each type is Codable, a protobuf message or Void.
            private static func _checkPayloadTypes() {
                _PayloadConvertible.check(Input.self)
                _PayloadConvertible.check(Output.self)
            }
        }
        """

    @Test(arguments: ["final class", "enum", "actor"])
    func onlyStructsCanBeWorkflows(kind: String) {
        assertExpansion(
            """
            @Workflow
            \(kind) Order {
            }
            """,
            expandedSource: """
                \(kind) Order {
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message:
                        "@Workflow can only be applied to a struct; a workflow is a value type whose stored properties @Workflow shares with its handlers",
                    line: 1,
                    column: 1
                )
            ],
            macros: Self.workflowOnly
        )
    }

    @Test func validatorThatDoesNotExist() {
        assertExpansion(
            """
            @Workflow
            struct Order {
                init(input: Void) {}
                @WorkflowUpdate(validator: "check")
                func set(input: Int) {}
            }
            """,
            expandedSource: """
                struct Order {
                    init(input: Void) {}
                    @WorkflowUpdate(validator: "check")
                    func set(input: Int) {}

                    static var updates: [any WorkflowUpdateDefinition<Self>] {
                        [Self.set]
                    }
                }

                \(Self.conformance)
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "No method 'check' in this workflow; 'validator:' must name a method 'func check(input:) throws'",
                    line: 4,
                    column: 32
                )
            ],
            macros: Self.workflowOnly
        )
    }

    @Test func validatorWithEveryMistake() {
        assertExpansion(
            """
            @Workflow
            struct Order {
                init(input: Void) {}
                @WorkflowUpdate(validator: "check")
                func set(input: Int) {}
                mutating func check(value: String) async -> Bool { true }
            }
            """,
            expandedSource: """
                struct Order {
                    init(input: Void) {}
                    @WorkflowUpdate(validator: "check")
                    func set(input: Int) {}
                    mutating func check(value: String) async -> Bool { true }

                    static var updates: [any WorkflowUpdateDefinition<Self>] {
                        [Self.set]
                    }
                }

                \(Self.conformance)
                """,
            diagnostics: [
                DiagnosticSpec(message: "Validator 'check' can't be mutating; it must not change workflow state", line: 6, column: 5),
                DiagnosticSpec(message: "Validator 'check' must be synchronous; it runs before the update is accepted", line: 6, column: 40),
                DiagnosticSpec(message: "Validator 'check' must return nothing; it rejects an update by throwing", line: 6, column: 49),
                DiagnosticSpec(message: "Validator 'check' must label its parameter 'input:'", line: 6, column: 25),
                DiagnosticSpec(message: "Validator 'check' takes 'String', but update 'set' takes 'Int'", line: 6, column: 32),
            ],
            macros: Self.workflowOnly
        )
    }

    @Test func validatorWithTwoParameters() {
        assertExpansion(
            """
            @Workflow
            struct Order {
                init(input: Void) {}
                @WorkflowUpdate(validator: "check")
                func set(input: Int) {}
                static func check(input: Int, strict: Bool) throws {}
            }
            """,
            expandedSource: """
                struct Order {
                    init(input: Void) {}
                    @WorkflowUpdate(validator: "check")
                    func set(input: Int) {}
                    static func check(input: Int, strict: Bool) throws {}

                    static var updates: [any WorkflowUpdateDefinition<Self>] {
                        [Self.set]
                    }
                }

                \(Self.conformance)
                """,
            diagnostics: [
                DiagnosticSpec(message: "Validator 'check' must be an instance method", line: 6, column: 5),
                DiagnosticSpec(
                    message: "Validator 'check' must take exactly one parameter, 'input:', of the update's input type",
                    line: 6,
                    column: 22
                ),
            ],
            macros: Self.workflowOnly
        )
    }

    @Test func generatedNamesThatClash() {
        assertExpansion(
            """
            @Workflow
            struct Order {
                init(input: Void) {}
                struct Snapshot {}
                @WorkflowQuery
                func snapshot(input: Void) -> Snapshot { Snapshot() }
                @WorkflowSignal
                func name(input: String) {}
                @WorkflowSignal
                func order(input: Void) {}
                @WorkflowSignal
                func poke(input: Void) {}
                @WorkflowSignal
                func poke(context: WorkflowContext<Self>, input: Int) {}
            }
            """,
            expandedSource: """
                struct Order {
                    init(input: Void) {}
                    struct Snapshot {}
                    @WorkflowQuery
                    func snapshot(input: Void) -> Snapshot { Snapshot() }
                    @WorkflowSignal
                    func name(input: String) {}
                    @WorkflowSignal
                    func order(input: Void) {}
                    @WorkflowSignal
                    func poke(input: Void) {}
                    @WorkflowSignal
                    func poke(context: WorkflowContext<Self>, input: Int) {}

                    static var signals: [any WorkflowSignalDefinition<Self>] {
                        [Self.name, Self.order, Self.poke, Self.poke]
                    }

                    static var queries: [any WorkflowQueryDefinition<Self>] {
                        [Self.snapshot]
                    }
                }

                \(Self.conformance)
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "Handler 'snapshot' generates a nested type 'Snapshot', which this struct already declares; rename the handler or the type",
                    line: 4,
                    column: 5
                ),
                DiagnosticSpec(
                    message:
                        "A handler can't be named 'name': its generated 'static var name' would clash with the WorkflowDefinition requirement of that name",
                    line: 8,
                    column: 10
                ),
                DiagnosticSpec(
                    message: "Handler 'order' generates a nested type 'Order', which would hide the workflow's own name; rename the handler",
                    line: 10,
                    column: 10
                ),
                DiagnosticSpec(
                    message: "Two handlers named 'poke' would both generate a nested type 'Poke'; give each handler its own name",
                    line: 14,
                    column: 10
                ),
            ],
            macros: Self.workflowOnly
        )
    }

    @Test func initializerCannotBeAddedWhenPropertiesLackValues() {
        assertExpansion(
            """
            @Workflow
            struct Order {
                let id: String
                var total: Double
                var note: String?
                init(id: String) { self.id = id; total = 0 }
            }
            """,
            expandedSource: """
                struct Order {
                    let id: String
                    @_WorkflowState
                    var total: Double
                    @_WorkflowState
                    var note: String?
                    init(id: String) { self.id = id; total = 0 }
                }

                \(Self.conformance)
                """,
            diagnostics: [
                DiagnosticSpec(
                    message:
                        "The worker creates workflows with 'init(input:)', which @Workflow adds because this struct has none; this initialiser is not used by the worker",
                    line: 6,
                    column: 5,
                    severity: .warning
                ),
                DiagnosticSpec(
                    message: "'id' has no initial value, so @Workflow can't add 'init(input:)'; give it a value or declare 'init(input:)' yourself",
                    line: 3,
                    column: 9
                ),
                DiagnosticSpec(
                    message: "'total' has no initial value, so @Workflow can't add 'init(input:)'; give it a value or declare 'init(input:)' yourself",
                    line: 4,
                    column: 9
                ),
            ],
            macros: Self.workflowOnly
        )
    }

    @Test func propertiesThatCannotBeSharedState() {
        assertExpansion(
            """
            @Workflow
            struct Order {
                var a = 1, b = 2
                var total = 0 { didSet { print(total) } }
                lazy var cache = [Int]()
                @Clamped var level = 3
                weak var owner: AnyObject?
                init(input: Void) {}
            }
            """,
            expandedSource: """
                struct Order {
                    var a = 1, b = 2
                    var total = 0 { didSet { print(total) } }
                    lazy var cache = [Int]()
                    @Clamped var level = 3
                    weak var owner: AnyObject?
                    init(input: Void) {}
                }

                \(Self.conformance)
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "Workflow state must be declared one property per 'var' so @Workflow can share it with handlers",
                    line: 3,
                    column: 9
                ),
                DiagnosticSpec(
                    message:
                        "Workflow state 'total' can't have willSet/didSet observers; @Workflow replaces its storage with state shared with handlers",
                    line: 4,
                    column: 9
                ),
                DiagnosticSpec(
                    message: "Workflow state can't be lazy; give 'cache' its value in init(input:) instead",
                    line: 5,
                    column: 5
                ),
                DiagnosticSpec(
                    message: "'level' keeps its own storage (@Clamped manages it), so signal, update and query handlers may see a stale copy of it",
                    line: 6,
                    column: 5,
                    severity: .warning
                ),
                DiagnosticSpec(
                    message: "'owner' keeps its own storage (it is weak), so signal, update and query handlers may see a stale copy of it",
                    line: 7,
                    column: 5,
                    severity: .warning
                ),
            ],
            macros: Self.workflowOnly
        )
    }
}
