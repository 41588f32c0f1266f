// swift-tools-version: 6.0
import PackageDescription

// Benchmarks live in their own package so the main build (and CI) never compiles them; they depend on the
// root package by path and are always built in release mode (see bench/README.md).
let package = Package(
    name: "BraidBench",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Braid", path: "..")],
    targets: [
        .executableTarget(
            name: "braid-bench",
            dependencies: [.product(name: "BraidCore", package: "Braid")],
            path: "Sources/braid-bench"
        ),
        .executableTarget(
            name: "report-bench",
            dependencies: [.product(name: "BraidCore", package: "Braid")],
            path: "Sources/report-bench"
        ),
    ]
)
