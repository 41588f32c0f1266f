// swift-tools-version: 6.0
import PackageDescription

// Compiler settings every Braid target shares: Swift 6 language mode comes from the tools version;
// `any` is required on existentials so that dynamic dispatch is always visible at the call site.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "Braid",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "braid", targets: ["braid"]),
        .library(name: "BraidCore", targets: ["BraidCore"]),
    ],
    dependencies: [
        // Command-line parsing for the single `braid` executable.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // The clinical domain: Foundation only, no I/O, no frameworks.
        .target(name: "BraidCore", swiftSettings: strictSettings),
        .executableTarget(
            name: "braid",
            dependencies: [
                "BraidCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "BraidCoreTests", dependencies: ["BraidCore"], swiftSettings: strictSettings),
        // Runs the built `braid` binary as a user would; depends on it so `swift build --build-tests` builds it.
        .testTarget(name: "BraidCLITests", dependencies: ["braid", "BraidCore"], swiftSettings: strictSettings),
    ]
)
