// swift-tools-version: 6.0
import PackageDescription

// tern-bench: a lean Temporal client + worker load driver (see bench/README.md).
// Versions match the root Package.swift so both resolve from the same local caches.
let package = Package(
    name: "TernBench",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tern-bench", targets: ["tern-bench"]),
    ],
    dependencies: [
        .package(name: "Tern", path: "../.."),
        .package(url: "https://github.com/grpc/grpc-swift-2.git", exact: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", exact: "2.9.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
    ],
    targets: [
        .executableTarget(
            name: "tern-bench",
            dependencies: [
                .product(name: "TernAPI", package: "Tern"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ]
)
