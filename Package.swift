// swift-tools-version: 6.0
import PackageDescription

/// Release builds on Linux link the Swift runtime and Foundation statically (see `staticLinking`);
/// every module is compiled for it, so that the libraries Foundation needs are linked in too.
let staticStdlib: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")] + staticStdlib
/// The release executable carries the Swift runtime and Foundation: no dynamic loading and
/// relocation of a dozen libraries at every start (a third of `shopc check` on a small project),
/// and direct calls into the runtime (retain and release) instead of calls through the PLT.
let staticLinking: [LinkerSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]

let package = Package(
    name: "shopc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "shopc", targets: ["shopc"]),
        .library(name: "ShopcDriver", targets: ["ShopcDriver"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        .target(name: "ShopcBase", swiftSettings: strict),
        .target(
            name: "ShopcSpec",
            dependencies: ["ShopcBase", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        .target(
            name: "ShopcTemplate",
            dependencies: ["ShopcBase", .product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strict),
        .target(name: "ShopcSQL", dependencies: ["ShopcBase"], swiftSettings: strict),
        .target(
            name: "ShopcAnalysis",
            dependencies: [
                "ShopcBase", "ShopcSpec", "ShopcTemplate", "ShopcSQL",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strict),
        .target(
            name: "ShopcEmit",
            dependencies: [
                "ShopcBase", "ShopcAnalysis", "ShopcTemplate", "ShopcSQL",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strict),
        .target(
            name: "ShopcDriver",
            dependencies: ["ShopcBase", "ShopcSpec", "ShopcTemplate", "ShopcAnalysis", "ShopcEmit"],
            swiftSettings: strict),
        .executableTarget(
            name: "shopc",
            dependencies: [
                "ShopcBase", "ShopcAnalysis", "ShopcDriver",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict, linkerSettings: staticLinking),
        .testTarget(name: "ShopcBaseTests", dependencies: ["ShopcBase"]),
        .testTarget(name: "ShopcSpecTests", dependencies: ["ShopcBase", "ShopcSpec"]),
        .testTarget(
            name: "ShopcTemplateTests",
            dependencies: ["ShopcBase", "ShopcTemplate", .product(name: "OrderedCollections", package: "swift-collections")],
            exclude: ["Fixtures"]),
        .testTarget(name: "ShopcSQLTests", dependencies: ["ShopcBase", "ShopcSQL"]),
        .testTarget(
            name: "ShopcAnalysisTests",
            dependencies: ["ShopcBase", "ShopcSpec", "ShopcTemplate", "ShopcSQL", "ShopcAnalysis"]),
        .testTarget(
            name: "GoldenTests",
            dependencies: ["ShopcBase", "ShopcSpec", "ShopcAnalysis", "ShopcDriver", "ShopcEmit"],
            exclude: ["Fixtures"]),
    ]
)
