import SwiftSyntaxMacroExpansion
import TemporalMacros
import Testing

/// The type-level part of `@Workflow`: conformance, name, `init(input:)` and state storage.
@Suite struct WorkflowMacroTests {
    private static let payloadCheck = """
            // Compiles only if each type is Codable, a protobuf message or Void.
            private static func _checkPayloadTypes() {
                _PayloadConvertible.check(Input.self)
                _PayloadConvertible.check(Output.self)
            }
        """

    @Test func addsConformancePayloadCheckAndInitializer() {
        assertExpansion(
            """
            @Workflow
            struct Greeting {
                func run(context: WorkflowContext<Self>, input: String) async throws -> String { input }
            }
            """,
            expandedSource: """
                struct Greeting {
                    func run(context: WorkflowContext<Self>, input: String) async throws -> String { input }

                    init(input: Input) {
                    }
                }

                extension Greeting: WorkflowDefinition {
                \(Self.payloadCheck)
                }
                """
        )
    }

    @Test func customNameIsPublicOnAPublicWorkflowAndExistingInitIsKept() {
        assertExpansion(
            """
            @Workflow(name: "greeting-v2")
            public struct Greeting {
                public init(input: String) {}

                public func run(context: WorkflowContext<Self>, input: String) async throws -> String { input }
            }
            """,
            expandedSource: """
                public struct Greeting {
                    public init(input: String) {}

                    public func run(context: WorkflowContext<Self>, input: String) async throws -> String { input }
                }

                extension Greeting: WorkflowDefinition {
                    public static var name: String {
                        "greeting-v2"
                    }
                \(Self.payloadCheck)
                }
                """
        )
    }

    @Test(arguments: [("public", "public "), ("package", "package "), ("internal", ""), ("fileprivate", "")])
    func generatedInitializerFollowsTheStructsAccess(modifier: String, generated: String) {
        assertExpansion(
            """
            @Workflow
            \(modifier) struct Greeting {
                func run(context: WorkflowContext<Self>, input: Void) async throws {}
            }
            """,
            expandedSource: """
                \(modifier) struct Greeting {
                    func run(context: WorkflowContext<Self>, input: Void) async throws {}

                    \(generated)init(input: Input) {
                    }
                }

                extension Greeting: WorkflowDefinition {
                \(Self.payloadCheck)
                }
                """
        )
    }

    @Test func storedVarsBecomeSharedStateAndOtherPropertiesStayAsTheyAre() {
        assertExpansion(
            """
            @Workflow
            struct Counter {
                var count = 0
                var label: String?
                private(set) var history: [Int] = []
                let id: String = "c"
                static var instances = 0
                var double: Int { count * 2 }
            }
            """,
            expandedSource: """
                struct Counter {
                    var count {
                        @storageRestrictions(initializes: _count)
                        init(initialValue) {
                            _count = _WorkflowState(initialValue: initialValue)
                        }
                        get {
                            _count.value
                        }
                        set {
                            _count.value = newValue
                        }
                    }

                    private var _count = _WorkflowState(initialValue: 0)
                    var label: String? {
                        @storageRestrictions(initializes: _label)
                        init(initialValue) {
                            _label = _WorkflowState(initialValue: initialValue)
                        }
                        get {
                            _label.value
                        }
                        set {
                            _label.value = newValue
                        }
                    }

                    private var _label: _WorkflowState<String?> = _WorkflowState(initialValue: nil)
                    private(set) var history: [Int] {
                        @storageRestrictions(initializes: _history)
                        init(initialValue) {
                            _history = _WorkflowState(initialValue: initialValue)
                        }
                        get {
                            _history.value
                        }
                        set {
                            _history.value = newValue
                        }
                    }

                    private var _history: _WorkflowState<[Int]> = _WorkflowState(initialValue: [])
                    let id: String = "c"
                    static var instances = 0
                    var double: Int { count * 2 }

                    init(input: Input) {
                    }
                }

                extension Counter: WorkflowDefinition {
                \(Self.payloadCheck)
                }
                """
        )
    }

    @Test func stateWithoutInitialValueIsLeftToTheInitializer() {
        // The struct states the conformance itself, so the compiler passes no protocols and the
        // extension must not repeat it.
        var macros = temporalMacros
        macros["Workflow"] = MacroSpec(type: WorkflowMacro.self)
        assertExpansion(
            """
            @Workflow
            struct Order: WorkflowDefinition {
                var total: Double

                init(input: Double) {
                    total = input
                }
            }
            """,
            expandedSource: """
                struct Order: WorkflowDefinition {
                    var total: Double {
                        @storageRestrictions(initializes: _total)
                        init(initialValue) {
                            _total = _WorkflowState(initialValue: initialValue)
                        }
                        get {
                            _total.value
                        }
                        set {
                            _total.value = newValue
                        }
                    }

                    private var _total: _WorkflowState<Double>

                    init(input: Double) {
                        total = input
                    }
                }

                extension Order {
                \(Self.payloadCheck)
                }
                """,
            macros: macros
        )
    }

    @Test func explicitStateAttributeIsNotDuplicated() {
        assertExpansion(
            """
            @Workflow
            struct Flag {
                @_WorkflowState var on: Bool = false
                init(input: Void) {}
            }
            """,
            expandedSource: """
                struct Flag {
                    var on: Bool {
                        @storageRestrictions(initializes: _on)
                        init(initialValue) {
                            _on = _WorkflowState(initialValue: initialValue)
                        }
                        get {
                            _on.value
                        }
                        set {
                            _on.value = newValue
                        }
                    }

                    private var _on: _WorkflowState<Bool> = _WorkflowState(initialValue: false)
                    init(input: Void) {}
                }

                extension Flag: WorkflowDefinition {
                \(Self.payloadCheck)
                }
                """
        )
    }
}
