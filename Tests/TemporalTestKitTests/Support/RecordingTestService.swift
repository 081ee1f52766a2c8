import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import SwiftProtobuf
import Synchronization
import Temporal

/// A stand-in for a server's `TestService` that records the calls it gets, so the kit's side of
/// time skipping (when it locks, unlocks and sleeps) can be checked whatever the real server does.
final class RecordingTestService: Api.Testservice.V1.TestService.SimpleServiceProtocol, Sendable {
    /// The clock `getCurrentTime` reports: 2030-01-01T00:00:00.25Z.
    static let now = Date(timeIntervalSince1970: 1_893_456_000.25)

    private let calls = Mutex<[String]>([])

    /// The calls so far: "lock", "unlock", "sleep <seconds>s <nanos>ns", "time".
    var recorded: [String] { calls.withLock { $0 } }

    private func record(_ call: String) { calls.withLock { $0.append(call) } }

    func lockTimeSkipping(
        request: Api.Testservice.V1.LockTimeSkippingRequest, context: ServerContext
    ) async throws -> Api.Testservice.V1.LockTimeSkippingResponse {
        record("lock")
        return .init()
    }

    func unlockTimeSkipping(
        request: Api.Testservice.V1.UnlockTimeSkippingRequest, context: ServerContext
    ) async throws -> Api.Testservice.V1.UnlockTimeSkippingResponse {
        record("unlock")
        return .init()
    }

    func sleep(
        request: Api.Testservice.V1.SleepRequest, context: ServerContext
    ) async throws -> Api.Testservice.V1.SleepResponse {
        throw RPCError(code: .unimplemented, message: "the kit unlocks to sleep")
    }

    func sleepUntil(
        request: Api.Testservice.V1.SleepUntilRequest, context: ServerContext
    ) async throws -> Api.Testservice.V1.SleepResponse {
        throw RPCError(code: .unimplemented, message: "the kit does not sleep until a time")
    }

    func unlockTimeSkippingWithSleep(
        request: Api.Testservice.V1.SleepRequest, context: ServerContext
    ) async throws -> Api.Testservice.V1.SleepResponse {
        record("sleep \(request.duration.seconds)s \(request.duration.nanos)ns")
        return .init()
    }

    func getCurrentTime(
        request: Google_Protobuf_Empty, context: ServerContext
    ) async throws -> Api.Testservice.V1.GetCurrentTimeResponse {
        record("time")
        return .with { $0.time = Google_Protobuf_Timestamp(date: Self.now) }
    }

    /// Serves this service on a free local port while `body` runs, with a client for it.
    func serve<Result: Sendable>(
        _ body: (Api.Testservice.V1.TestService.Client<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        let server = GRPCServer(
            transport: .http2NIOPosix(address: .ipv4(host: "127.0.0.1", port: 0), transportSecurity: .plaintext),
            services: [self])
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            defer { server.beginGracefulShutdown() }
            guard let port = try await server.listeningAddress?.ipv4?.port else {
                throw RPCError(code: .unavailable, message: "the recording TestService did not start")
            }
            let client = GRPCClient(
                transport: try HTTP2ClientTransport.Posix(
                    target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext))
            group.addTask { try await client.runConnections() }
            defer { client.beginGracefulShutdown() }
            return try await body(Api.Testservice.V1.TestService.Client(wrapping: client))
        }
    }
}
