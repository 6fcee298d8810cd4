// swift-tools-version: 6.0
// Fuzz targets for shopc (libFuzzer). A separate package, so the normal `swift build` and
// `swift test` of the repository never build them; `scripts/fuzz` builds them with
// `-sanitize=fuzzer,address` (see the script) into `Fuzz/.build`.
import PackageDescription

// A path dependency's identity is its folder name, which depends on where the repository was
// cloned; read it instead of hard-coding "shopc".
let parent = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "shopc"

let package = Package(
    name: "shopc-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "FuzzSpec", dependencies: [.product(name: "ShopcDriver", package: parent)]),
        .executableTarget(name: "FuzzTemplate", dependencies: [.product(name: "ShopcDriver", package: parent)]),
        .executableTarget(name: "FuzzSQL", dependencies: [.product(name: "ShopcDriver", package: parent)]),
    ]
)
