import Foundation
import Temporal
import Testing

/// A dynamic activity serves the activity types nobody registered; taking `[TemporalRawValue]`,
/// it receives each argument undecoded and decodes what it needs itself.
@Suite("Dynamic activities")
struct DynamicActivityIntegrationTests {
    struct Fallback: ActivityDefinition {
        static var isDynamic: Bool { true }

        func run(input: [TemporalRawValue]) async throws -> String {
            let type = ActivityExecutionContext.current?.info.activityType ?? "?"
            let words = try input.map { try DefaultPayloadConverter().convertPayload($0.payload, as: String.self) }
            return "\(type)(\(words.joined(separator: ",")))"
        }
    }

    @Workflow
    struct CallsUnknown {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            let remote = try await context.executeActivity(
                name: "NobodyRegisteredThis", options: .init(startToCloseTimeout: .seconds(10)),
                input: input, "second", outputType: String.self)
            let local = try await context.executeLocalActivity(
                name: "NorThis", options: .init(startToCloseTimeout: .seconds(10)), input: input,
                outputType: String.self)
            return "\(remote) \(local)"
        }
    }

    @Test func receivesEveryArgumentAsARawValue() async throws {
        let result = try await withWorkerAndClient(workflows: [CallsUnknown.self], activities: [Fallback()]) {
            client, taskQueue in
            try await client.executeWorkflow(
                type: CallsUnknown.self, options: .init(id: "dynamic-\(UUID())", taskQueue: taskQueue), input: "hello")
        }
        #expect(result == "NobodyRegisteredThis(hello,second) NorThis(hello)")
    }
}
