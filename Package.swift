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
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // HTTP server, routing, bcrypt, SHA-256, testing (VaporTesting).
        .package(url: "https://github.com/vapor/vapor.git", from: "4.115.0"),
        // ORM: records, migrations, queries; one schema for SQLite and PostgreSQL.
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.52.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        // Notifications that reach a person: the signed webhook (HTTP client) and SMTP (event loops, channels).
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.25.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        // Direct HTTPS for `braid serve --tls-cert --tls-key`.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
        // SHA-256 for the audit hash chain, AES-GCM for notes at rest, HMAC for signed webhooks.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        // Typed HTML for the web pages (escapes text by construction).
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
    ],
    targets: [
        // The clinical domain: Foundation only, no I/O, no frameworks.
        .target(name: "BraidCore", swiftSettings: strictSettings),
        // Persistence: Fluent records, migrations and the repository implementations (no HTTP).
        .target(
            name: "BraidStore",
            dependencies: [
                "BraidCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // The Vapor application: configuration, middleware, API controllers, demo program.
        .target(
            name: "BraidApp",
            dependencies: [
                "BraidCore", "BraidStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "braid",
            dependencies: [
                "BraidCore", "BraidStore", "BraidApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "BraidCoreTests", dependencies: ["BraidCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "BraidStoreTests",
            dependencies: ["BraidStore", "BraidCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BraidAppTests",
            dependencies: [
                "BraidApp", "BraidStore", "BraidCore",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: strictSettings
        ),
        // Runs the built `braid` binary as a user would; depends on it so `swift build --build-tests` builds it.
        .testTarget(name: "BraidCLITests", dependencies: ["braid", "BraidCore"], swiftSettings: strictSettings),
    ]
)
