// swift-tools-version: 6.0
// Builds the two protoc plugins scripts/generate-api needs, pinned to the runtime versions
// Tern links against so generated code and library always agree.
import PackageDescription

let package = Package(
    name: "TernCodegenTools",
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", exact: "2.4.1"),
        .package(url: "https://github.com/grpc/grpc-swift-2.git", exact: "2.4.3"),
    ],
    targets: []
)
