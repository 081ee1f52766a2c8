// swift-tools-version: 6.0
import PackageDescription

// Every dependency below is pinned to a version present on the build machines;
// see docs/architecture.md for why each target exists.
let package = Package(
    name: "Tern",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tern", targets: ["tern"]),
        .library(name: "Tern", targets: ["Tern"]),
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
        // Bytes at rest: the Store protocol and its SQLite implementation.
        .target(
            name: "TernStore",
            dependencies: [
                "TernCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The running services: frontend, history, matching, and the gRPC assembly.
        .target(
            name: "TernServer",
            dependencies: [
                "TernAPI", "TernCore", "TernStore",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // The Swift SDK (client, worker, workflow runtime): filled in by a later issue.
        .target(name: "Tern", dependencies: ["TernAPI"]),
        // The command line: argument parsing only.
        .executableTarget(
            name: "tern",
            dependencies: [
                "TernServer",
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
        .testTarget(name: "TernCoreTests", dependencies: ["TernCore"]),
        .testTarget(name: "TernStoreTests", dependencies: ["TernStore"]),
        .testTarget(
            name: "TernServerTests",
            dependencies: ["TernServer", "TernStore", "TernCore", .product(name: "Logging", package: "swift-log")]
        ),
    ]
)
