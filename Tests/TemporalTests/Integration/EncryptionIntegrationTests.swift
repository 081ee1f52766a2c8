import Crypto
import EncryptionExample
import Foundation
import Temporal
import Testing

/// The encryption codec example: with the codec on client and worker, everything the workflow
/// gets and gives back works as without it, while the server holds only ciphertext.
@Suite("Encryption codec")
struct EncryptionIntegrationTests {
    @ActivityContainer
    struct Vault {
        @Activity
        func reveal(input: String) async throws -> String { "revealed \(input)" }

        @Activity
        func refuse(input: String) async throws -> String {
            throw ApplicationError(message: "refused", type: "Refused", isNonRetryable: true)
        }
    }

    @Workflow
    struct Secretive {
        var notes: [String] = []
        var done = false

        mutating func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            let revealed = try await context.executeActivity(
                Vault.Activities.Reveal.self, options: ActivityOptions(startToCloseTimeout: .seconds(10)), input: input)
            do {
                _ = try await context.executeActivity(
                    Vault.Activities.Refuse.self, options: ActivityOptions(startToCloseTimeout: .seconds(10)), input: input)
            } catch let error as ActivityError {
                notes.append("caught \((error.cause as? ApplicationError)?.message ?? "?")")
            }
            try await context.condition { $0.done }
            return ([revealed] + notes.sorted()).joined(separator: "; ")
        }

        @WorkflowSignal
        mutating func note(input: String) { notes.append(input) }

        @WorkflowQuery
        func notes(input: Void) -> [String] { notes }

        @WorkflowUpdate
        mutating func finish(input: String) async throws -> String {
            done = true
            return "finished with \(input)"
        }
    }

    static let codec = EncryptionCodec(keyID: "test-key", key: SymmetricKey(size: .bits256))

    static var converter: DataConverter {
        DataConverter(payloadConverter: DefaultPayloadConverter(), failureConverter: DefaultFailureConverter(), payloadCodec: codec)
    }

    @Test func aWorkflowRunsAsUsualWhileTheServerSeesOnlyCiphertext() async throws {
        let events = try await withWorkerAndClient(
            workflows: [Secretive.self], containers: [Vault()], configure: { $0.dataConverter = Self.converter },
            clientConverter: Self.converter
        ) { client, taskQueue in
            let handle = try await client.startWorkflow(
                type: Secretive.self, options: .init(id: "secret-\(UUID())", taskQueue: taskQueue), input: "the-plan")
            try await handle.signal(signalType: Secretive.Note.self, input: "signal-secret")
            try await eventually { try await handle.query(queryType: Secretive.Notes.self).count == 2 }
            #expect(try await handle.executeUpdate(updateType: Secretive.Finish.self, input: "update-secret") == "finished with update-secret")
            #expect(try await handle.result() == "revealed the-plan; caught refused; signal-secret")
            return try await handle.fetchHistoryEvents()
        }
        // Every payload the server stored is sealed; no plaintext appears anywhere in the history.
        var payloads: [Api.Common.V1.Payload] = []
        for event in events {
            switch event.attributes {
            case .workflowExecutionStartedEventAttributes(let a): payloads += a.input.payloads
            case .workflowExecutionSignaledEventAttributes(let a): payloads += a.input.payloads
            case .activityTaskScheduledEventAttributes(let a): payloads += a.input.payloads
            case .activityTaskCompletedEventAttributes(let a): payloads += a.result.payloads
            case .workflowExecutionUpdateAcceptedEventAttributes(let a): payloads += a.acceptedRequest.input.args.payloads
            case .workflowExecutionCompletedEventAttributes(let a): payloads += a.result.payloads
            default: break
            }
        }
        #expect(payloads.count == 7)
        #expect(payloads.allSatisfy { $0.metadata["encoding"] == Data("binary/encrypted".utf8) })
        #expect(payloads.allSatisfy { $0.metadata["encryption-key-id"] == Data("test-key".utf8) })
        let stored = try events.map { try $0.serializedData() }.reduce(Data(), +)
        for secret in ["the-plan", "signal-secret", "update-secret", "revealed"] {
            #expect(stored.range(of: Data(secret.utf8)) == nil, "\(secret) is stored in plaintext")
        }
    }

    @Test func payloadsSealedWithAnOldKeyStillOpenAfterRotation() async throws {
        let old = SymmetricKey(size: .bits256)
        let payload = try DataConverter.default.payloadConverter.convertValue("kept")
        let sealed = try await EncryptionCodec(keyID: "old", key: old).encode(payloads: [payload])
        let rotated = EncryptionCodec(keyID: "new", key: SymmetricKey(size: .bits256), previousKeys: ["old": old])
        #expect(try await rotated.decode(payloads: sealed) == [payload])
        await #expect(throws: EncryptionCodecError.self) {
            try await EncryptionCodec(keyID: "other", key: SymmetricKey(size: .bits256)).decode(payloads: sealed)
        }
        // A payload written without the codec passes through.
        #expect(try await rotated.decode(payloads: [payload]) == [payload])
    }
}
