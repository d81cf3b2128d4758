// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "xungkich",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "xk", targets: ["xk"]),
        .library(name: "ZeroMQ", targets: ["ZeroMQ"]),
        .library(name: "Majordomo", targets: ["Majordomo"]),
        .library(name: "MajordomoPeers", targets: ["MajordomoPeers"]),
        .library(name: "Dispatcher", targets: ["Dispatcher"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Debian's libzmq3-dev. No pkgConfig: Debian's libzmq.pc adds an -isystem flag SwiftPM warns about.
        .systemLibrary(name: "CZeroMQ", providers: [.apt(["libzmq3-dev"])]),
        .target(
            name: "ZeroMQ",
            dependencies: ["CZeroMQ"]
        ),
        .target(name: "Majordomo"),
        // Majordomo clients and workers over real sockets, used by the CLI and the ward workers.
        .target(
            name: "MajordomoPeers",
            dependencies: [
                "ZeroMQ", "Majordomo",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "XungKich",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
        // Every message that crosses a process, as Codable values over the domain's vocabulary, and the one
        // JSON codec and error envelope they share.
        .target(name: "XungKichWire", dependencies: ["XungKich"]),
        // Keys and who may do what: CURVE key folders, authorized.yaml, the ZAP handler and its fail-open guard.
        .target(
            name: "Security",
            dependencies: [
                "ZeroMQ", "XungKich",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The one way the services open their SQLite files (WAL, synchronous, a full disk at start, typed errors).
        // It also seals citizens' personal data at rest (AES-GCM) and locks a service's data folder.
        .target(name: "Storage", dependencies: [
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(
            name: "Dispatcher",
            dependencies: [
                "ZeroMQ", "Majordomo", "XungKich", "XungKichWire", "Storage", "Security",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        // What the daemons show their operators' monitoring: swift-metrics instruments backed by a Prometheus
        // registry, served at /metrics by a small Hummingbird listener (`--metrics HOST:PORT`).
        .target(
            name: "Telemetry",
            dependencies: [
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // A ward's worker process: cases, teams, team-member commands, simulation.
        .target(
            name: "WardWorker",
            dependencies: [
                "ZeroMQ", "Majordomo", "MajordomoPeers", "XungKich", "XungKichWire", "Storage",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // What the team page and the web dashboard share: forms, escaping, sessions with lock-out.
        .target(name: "PageKit", dependencies: ["XungKich", .product(name: "Crypto", package: "swift-crypto")]),
        // The team page a ward's worker serves to its team members' phones (Hummingbird, server-rendered, Vietnamese).
        .target(
            name: "TeamPage",
            dependencies: [
                "WardWorker", "XungKich", "XungKichWire", "Storage", "PageKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // `xk web`: the district dashboard, its JSON API and the public Open311 feed (Hummingbird, server-rendered).
        .target(
            name: "Web",
            dependencies: [
                "Coordinator", "PageKit", "MajordomoPeers", "ZeroMQ", "XungKich", "XungKichWire",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The coordinator: follows dispatchers' events, keeps request facts, answers statistics.
        .target(
            name: "Coordinator",
            dependencies: [
                "XungKich", "XungKichWire", "Storage", "ZeroMQ", "MajordomoPeers", "Security",
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // `xk demo`: a whole district (or several) on this machine, each part its own process of `xk`.
        .target(
            name: "Demo",
            dependencies: [
                "Coordinator", "MajordomoPeers", "XungKich", "XungKichWire", "Security", "ZeroMQ", "Web", "PageKit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // `xk bench`: the dispatcher against raw libzmq, durable submissions, the coordinator's statistics.
        .target(
            name: "Benchmarks",
            dependencies: [
                "Dispatcher", "Coordinator", "ZeroMQ", "Majordomo", "MajordomoPeers", "XungKich", "XungKichWire",
                "Security", "Telemetry",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // The command line: parses flags, calls a library, prints.
        .executableTarget(
            name: "xk",
            dependencies: [
                "Dispatcher", "WardWorker", "TeamPage", "Web", "Coordinator", "Demo", "Benchmarks", "MajordomoPeers", "XungKich",
                "XungKichWire", "Security", "ZeroMQ", "Storage", "Telemetry",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "TelemetryTests", dependencies: ["Telemetry"]),
        .testTarget(name: "SecurityTests", dependencies: ["Security", "ZeroMQ", "XungKich"]),
        .testTarget(name: "MajordomoTests", dependencies: ["Majordomo"]),
        .testTarget(name: "XungKichTests", dependencies: ["XungKich"]),
        .testTarget(
            name: "XungKichWireTests", dependencies: ["XungKichWire", "XungKich"],
            resources: [.copy("Corpus")]
        ),
        .testTarget(name: "WardWorkerTests", dependencies: ["WardWorker", "XungKich", "XungKichWire", "Storage"]),
        .testTarget(name: "WebTests", dependencies: ["Web", "Coordinator", "XungKich", "XungKichWire", "PageKit",
                                                  .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "TeamPageTests", dependencies: ["TeamPage", "PageKit", "WardWorker", "XungKich"]),
        .testTarget(
            name: "CoordinatorTests",
            dependencies: [
                "Coordinator", "XungKich", "XungKichWire", "Security",
                // The FactStore contract tests reach the stores' data directly (a failing trigger, a dropped schema).
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "DispatcherTests",
            dependencies: ["Dispatcher", "ZeroMQ", "Majordomo", "MajordomoPeers", "XungKich", "XungKichWire"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: Fuzz harnesses (only with XK_FUZZ set)
// libFuzzer harnesses under Fuzz/, built by scripts/fuzz with `XK_FUZZ=1 swift build --sanitize fuzzer ...`.
// Without XK_FUZZ the manifest is exactly the one above, so a plain `swift build` never sees them.
// Each harness defines LLVMFuzzerTestOneInput and no entry point (-parse-as-library): libFuzzer brings main.
if Context.environment["XK_FUZZ"] != nil {
    let harnessSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
    let harnesses: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzMajordomo", ["Majordomo"]),
        ("FuzzHelpRequestJSON", ["XungKich", "XungKichWire"]),
        ("FuzzHelpRequestCSV", ["XungKich", "XungKichWire"]),
        ("FuzzDistrictConfig", ["XungKich"]),
        ("FuzzWireJSON", ["XungKich", "XungKichWire"]),
    ]
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["XungKich"], path: "Fuzz/FuzzSupport"))
    for harness in harnesses {
        package.targets.append(.executableTarget(
            name: harness.name, dependencies: harness.dependencies + ["FuzzSupport"],
            path: "Fuzz/\(harness.name)", swiftSettings: harnessSettings))
        package.products.append(.executable(name: harness.name, targets: [harness.name]))
    }
}
