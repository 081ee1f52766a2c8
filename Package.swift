// swift-tools-version: 6.2
import CompilerPluginSupport
import PackageDescription

// Every dependency below is pinned to a version present on the build machines;
// see docs/architecture.md for why each target exists.
let package = Package(
    name: "Tern",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tern", targets: ["tern"]),
        .library(name: "Temporal", targets: ["Temporal"]),
        .library(name: "TemporalTestKit", targets: ["TemporalTestKit"]),
    ],
    // As Apple's SDK: the NIO/Posix convenience initialisers (`target:transportSecurity:`) sit behind a
    // default-on trait, so code written for it (`#if GRPCNIOTransport`) builds unchanged.
    traits: [
        .trait(name: "GRPCNIOTransport", description: "Convenience initialisers on the HTTP/2 NIO Posix transport."),
        .default(enabledTraits: ["GRPCNIOTransport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/grpc/grpc-swift-2.git", exact: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", exact: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-collections.git", exact: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/swiftlang/swift-syntax.git", exact: "602.0.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", exact: "1.7.3"),
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "4.5.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", exact: "1.4.0", traits: []),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", exact: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
    ],
    targets: [
        // Wire types: Swift generated from proto/ by scripts/generate-api. Kept alone so it compiles once.
        .target(
            name: "TernAPI",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        // Pure rules, no I/O: namespaces, workflow state machine, retry and timeout arithmetic.
        .target(
            name: "TernCore",
            dependencies: ["TernAPI"]
        ),
        // Bytes at rest: the Store protocol and its SQLite and PostgreSQL implementations.
        .target(
            name: "TernStore",
            dependencies: [
                "TernCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The running services: frontend, history, matching, and the gRPC assembly.
        .target(
            name: "TernServer",
            dependencies: [
                "TernAPI", "TernCore", "TernStore",
                // Reads a SQLite file's applied migrations before the store opens (and migrates) it.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // The Swift SDK: client, worker, deterministic workflow runtime (public API of apple/swift-temporal-sdk).
        .target(
            name: "Temporal",
            dependencies: [
                "TernAPI", "TemporalMacros",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Configuration", package: "swift-configuration"),
            ]
        ),
        // The SDK's macros (@Workflow, @Activity, ...), compiled for the host.
        .macro(
            name: "TemporalMacros",
            dependencies: [
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
            ]
        ),
        // Testing workflows (public API of Apple's TemporalTestKit): an in-process Tern node per
        // suite, time skipping through Temporal's TestService, and activity unit tests.
        .target(
            name: "TemporalTestKit",
            dependencies: [
                "Temporal", "TernServer", "TernCore",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Seed 004's order workflows written with the Swift SDK (used by the SDK's tests too).
        .target(name: "OrderExamples", dependencies: ["Temporal"], path: "Examples/Orders/Sources"),
        .executableTarget(
            name: "OrderExample",
            dependencies: [
                "OrderExamples", "Temporal",
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/Orders/Runner"
        ),
        // An AES-GCM payload codec in the format of Temporal's encryption samples (tested in TemporalTests).
        .target(
            name: "EncryptionExample",
            dependencies: [
                "Temporal",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Examples/Encryption/Sources"
        ),
        // A Swift worker the cross-language conformance tests drive (conformance/test_swift_sdk.py).
        .executableTarget(
            name: "InteropWorker",
            dependencies: [
                "Temporal", "EncryptionExample",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/Interop"
        ),
        // `tern server start`'s settings: defaults < YAML file < TERN_* environment < flags, validated,
        // with no I/O but reading the file it is given.
        .target(
            name: "TernConfig",
            dependencies: [
                "TernServer", "TernCore",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The command line: argument parsing only.
        .executableTarget(
            name: "tern",
            dependencies: [
                "TernServer", "TernConfig",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The load driver of bench/compare: client and worker on the generated API, no SDK logic.
        .executableTarget(
            name: "tern-bench",
            dependencies: [
                "TernAPI",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "bench/driver"
        ),
        // The Swift SDK's side of bench/compare's worker comparison: client and worker of the SDK in one process.
        .executableTarget(
            name: "sdk-bench",
            dependencies: [
                "Temporal",
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "bench/sdk-driver"
        ),
        // How long a TemporalTestKit test spends on its server (bench/compare --testkit).
        .executableTarget(
            name: "testkit-bench",
            dependencies: [
                "Temporal", "TemporalTestKit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "bench/testkit-driver"
        ),
        .testTarget(name: "TernCoreTests", dependencies: ["TernCore"]),
        .testTarget(
            name: "TemporalMacrosTests",
            dependencies: [
                "TemporalMacros",
                .product(name: "SwiftSyntaxMacrosTestSupport", package: "swift-syntax"),
            ]
        ),
        // The SDK's own tests: pure replay and conversion tests, and integration tests against an
        // in-process Tern node (or the server named by TEMPORAL_TEST_SERVER).
        .testTarget(
            name: "TemporalTests",
            dependencies: [
                "Temporal", "TemporalTestKit", "TernServer", "OrderExamples", "EncryptionExample",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            // Recorded JSON histories, read by path (see their README).
            exclude: ["Histories"]
        ),
        .testTarget(
            name: "TemporalTestKitTests",
            dependencies: [
                "TemporalTestKit", "Temporal",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "TernStoreTests",
            dependencies: [
                "TernStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(name: "TernConfigTests", dependencies: ["TernConfig", "TernServer"]),
        .testTarget(
            name: "TernServerTests",
            dependencies: [
                "TernServer", "TernStore", "TernCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
