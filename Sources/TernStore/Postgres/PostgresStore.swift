import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The shared store: one PostgreSQL database, for nodes that keep their state off the machine.
///
/// Every method is one transaction; workflow commits are batched (`PostgresGroupCommit`). A write
/// whose COMMIT lost its connection is resolved with `txid_status` before anyone is answered
/// (`PostgresStore+Transactions.swift`). See docs/postgres-store.md.
///
/// The store runs a connection pool: nothing is sent before `run()` runs (as a ServiceLifecycle
/// service, or through `withStore`).
public final class PostgresStore: Store, Service {
    public struct Options: Sendable {
        /// The most connections the pool opens.
        public var poolSize = 20
        /// How long to wait for a connection (to open one, or for one to be free).
        public var connectTimeout: Duration = .seconds(10)
        /// PostgreSQL's `statement_timeout` for every statement (nil: the server's setting).
        public var statementTimeout: Duration? = .seconds(30)
        public init() {}
    }

    /// A database URL that cannot be used; the message says what is wrong with it.
    public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
        public var description: String
        init(_ description: String) { self.description = "Invalid PostgreSQL URL: \(description)" }
    }

    let access: PostgresAccess
    let groupCommit: PostgresGroupCommit
    /// Whether the trigram indexes exist (CONTAINS then compiles to LIKE); learned on first use.
    let trigramIndexes = Mutex<Bool?>(nil)

    /// Parses `url` (postgres:// or postgresql://user:password@host:port/database?sslmode=…);
    /// does not connect. sslmode: disable, prefer (the default: TLS when offered, certificate
    /// not checked), require (TLS, certificate not checked), verify-ca, verify-full.
    public init(url: String, options: Options = .init(), logger: Logger) throws {
        let parsed = try PostgresURL(url)
        let client = PostgresClient(configuration: Self.clientConfiguration(parsed, options), backgroundLogger: logger)
        access = PostgresAccess(url: parsed, options: options, logger: logger, client: client)
        groupCommit = PostgresGroupCommit(access: access)
    }

    /// Runs the connection pool until the task is cancelled or a graceful shutdown is requested.
    public func run() async throws {
        await access.client.run()
    }

    /// Runs a store's pool around `body`: for callers that need the store for one job (admin
    /// commands, tests).
    public static func withStore<T>(
        url: String, options: Options = .init(), logger: Logger, _ body: (PostgresStore) async throws -> T
    ) async throws -> T {
        let store = try PostgresStore(url: url, options: options, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            return try await body(store)
        }
    }

    /// "host:port/database", for messages (never the password).
    public var endpoint: String { access.url.endpoint }

    // MARK: Configuration

    static func clientConfiguration(_ url: PostgresURL, _ options: Options) -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: clientTLS(url.sslMode))
        configuration.options.maximumConnections = max(1, options.poolSize)
        configuration.options.connectTimeout = options.connectTimeout
        configuration.options.additionalStartupParameters = startupParameters(options)
        return configuration
    }

    static func connectionConfiguration(_ url: PostgresURL, _ options: Options) -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: connectionTLS(url.sslMode))
        configuration.options.connectTimeout = .nanoseconds(Int64(options.connectTimeout.seconds * 1e9))
        configuration.options.additionalStartupParameters = startupParameters(options)
        return configuration
    }

    /// Settings every connection starts with (startup-packet parameters, so no extra round trip).
    private static func startupParameters(_ options: Options) -> [(String, String)] {
        var parameters = [("application_name", "tern")]
        if let timeout = options.statementTimeout {
            parameters.append(("statement_timeout", "\(max(1, Int64(timeout.seconds * 1000)))"))
        }
        // A node that stops in the middle of a transaction must not hold its row locks for ever.
        parameters.append(("idle_in_transaction_session_timeout", "60000"))
        return parameters
    }

    private static func tlsConfiguration(_ mode: PostgresURL.SSLMode) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: break
        }
        return tls
    }

    private static func clientTLS(_ mode: PostgresURL.SSLMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(tlsConfiguration(mode))
        case .require, .verifyCA, .verifyFull: .require(tlsConfiguration(mode))
        }
    }

    private static func connectionTLS(_ mode: PostgresURL.SSLMode) -> PostgresConnection.Configuration.TLS {
        guard mode != .disable, let context = try? NIOSSLContext(configuration: tlsConfiguration(mode)) else {
            return .disable
        }
        return mode == .prefer ? .prefer(context) : .require(context)
    }
}

extension Duration {
    /// Whole and fractional seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
