import Foundation
import GRPCCore
import Temporal
import Testing

/// The client's interceptor chain without a server: the innermost interceptor answers each call
/// itself, so what is checked is the order the hooks run in, what each sees, and what comes back.
@Suite("Client interceptors", .timeLimit(.minutes(1)))
struct ClientInterceptorTests {
    /// Counts through `countWorkflows` only: appends `tag` to the query on the way in and adds
    /// `bonus` to the count on the way out, logging both.
    struct Tagging: Temporal.ClientInterceptor {
        let tag: String
        let bonus: Int
        let log: CallLog

        var clientOutboundInterceptor: Outbound? { Outbound(tag: tag, bonus: bonus, log: log) }

        struct Outbound: ClientOutboundInterceptor {
            let tag: String
            let bonus: Int
            let log: CallLog

            func countWorkflows(
                input: CountWorkflowsInput,
                next: (CountWorkflowsInput) async throws -> WorkflowExecutionCount
            ) async throws -> WorkflowExecutionCount {
                log.append("\(tag) in: \(input.query)")
                var input = input
                input.query += " \(tag)"
                let count = try await next(input)
                log.append("\(tag) out: \(count.count)")
                return WorkflowExecutionCount(count: count.count + bonus, groups: count.groups)
            }
        }
    }

    /// Answers counts, describes and signals itself (never calling `next`), logging the input
    /// it got; refuses starts with ``Refused``.
    struct Answering: Temporal.ClientInterceptor {
        let log: CallLog

        var clientOutboundInterceptor: Outbound? { Outbound(log: log) }

        struct Outbound: ClientOutboundInterceptor {
            let log: CallLog

            func countWorkflows(
                input: CountWorkflowsInput,
                next: (CountWorkflowsInput) async throws -> WorkflowExecutionCount
            ) async throws -> WorkflowExecutionCount {
                log.append("answer in: \(input.query)")
                return WorkflowExecutionCount(count: 40, groups: [])
            }

            func signalWorkflow<each Input>(
                input: SignalWorkflowInput<repeat each Input>,
                next: (SignalWorkflowInput<repeat each Input>) async throws -> Void
            ) async throws {
                var arguments: [String] = []
                for argument in repeat each input.input { arguments.append("\(argument)") }
                log.append("answer signal: \(input.id) \(input.runID ?? "-") \(input.name) \(arguments)")
            }

            func startWorkflow<each Input>(
                input: StartWorkflowInput<repeat each Input>,
                next: (StartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowHandle
            ) async throws -> UntypedWorkflowHandle {
                log.append("answer start: \(input.options.id)")
                throw Refused(workflowID: input.options.id)
            }
        }
    }

    struct Refused: Error, Equatable {
        let workflowID: String
    }

    /// Implements no hook: every call takes the protocol's defaults.
    struct Silent: Temporal.ClientInterceptor {
        struct Outbound: ClientOutboundInterceptor {}
        var clientOutboundInterceptor: Outbound? { Outbound() }
    }

    /// Declares no outbound interceptor at all.
    struct WithoutHooks: Temporal.ClientInterceptor {}

    @Test func interceptorsRunInConfigurationOrderAndSeeEachOthersChanges() async throws {
        let log = CallLog()
        let interceptors: [any Temporal.ClientInterceptor] = [
            Tagging(tag: "outer", bonus: 1, log: log),
            Tagging(tag: "inner", bonus: 10, log: log),
            Answering(log: log),
        ]
        let count = try await withOfflineClient(interceptors) { client in
            try await client.countWorkflows(query: "q")
        }
        // In through outer then inner, out in reverse; each result is the one the next returned.
        #expect(count.count == 51)
        #expect(
            log.entries == [
                "outer in: q", "inner in: q outer", "answer in: q outer inner", "inner out: 40", "outer out: 50",
            ])
    }

    @Test func defaultHooksPassTheInputOnUnchanged() async throws {
        let log = CallLog()
        let interceptors: [any Temporal.ClientInterceptor] = [Silent(), WithoutHooks(), Answering(log: log)]
        try await withOfflineClient(interceptors) { client in
            #expect(try await client.countWorkflows(query: "untouched").count == 40)
            try await client.untypedWorkflowHandle(id: "wf", runID: "run").signal(signalName: "poke", input: 1, "two")
        }
        #expect(log.entries == ["answer in: untouched", #"answer signal: wf run poke ["1", "two"]"#])
        #expect(WithoutHooks().clientOutboundInterceptor == nil)
    }

    @Test func anInterceptorThatThrowsStopsTheCallAndTheCallerGetsItsError() async throws {
        let log = CallLog()
        let interceptors: [any Temporal.ClientInterceptor] = [RecordingInterceptor(log: log, label: "outer "), Answering(log: log)]
        let error = await #expect(throws: Refused.self) {
            try await withOfflineClient(interceptors) { client in
                _ = try await client.startWorkflow(name: "Anything", options: .init(id: "refused", taskQueue: "q"))
            }
        }
        #expect(error == Refused(workflowID: "refused"))
        #expect(log.entries == ["outer startWorkflow Anything", "answer start: refused"])
    }
}
