// swift-tools-version:6.0
import PackageDescription

/// Birlik's layers. Dependencies point inward only:
/// executables → BirlikWeb → BirlikStorage / BirlikDocuments → BirlikCore; BirlikStorage also reads the
/// corpus engine's Kazakh morphology (BirlikCorpus → BirlikCore) to search words in any form.
let package = Package(
    name: "Birlik",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "birlik", targets: ["birlik"]),
        .executable(name: "birlik-bench", targets: ["birlik-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.110.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.50.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-atomics.git", from: "1.2.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.17.0"),
    ],
    targets: [
        // Foundation-only domain core: value types, rules, permission, i18n catalog, transliteration.
        .target(
            name: "BirlikCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources")]
        ),
        // The national corpus of the Kazakh language (S12): ingest, morphology, index, CQP; no web, no database.
        .target(name: "BirlikCorpus", dependencies: ["BirlikCore"], resources: [.copy("Resources")]),
        // SVG maps and charts, XLSX and DOCX (OOXML written and read here). Knows the core and ZIP, nothing else.
        .target(name: "BirlikDocuments", dependencies: ["BirlikCore", "CZlibBirlik", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The system zlib, to check deflate streams before ZIPFoundation reads them.
        .systemLibrary(name: "CZlibBirlik", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Fluent models, migrations and stores; SQLite and PostgreSQL drivers; no Vapor.
        .target(
            name: "BirlikStorage",
            dependencies: [
                "BirlikCore", "BirlikCorpus",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The only target that imports Vapor: configuration, routes, pages, API.
        .target(
            name: "BirlikWeb",
            dependencies: [
                "BirlikCore", "BirlikCorpus", "BirlikDocuments", "BirlikStorage",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "BirlikTestSupport",
            dependencies: [
                "BirlikWeb", "BirlikStorage", "BirlikCore",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            path: "Tests/BirlikTestSupport"
        ),
        .executableTarget(
            name: "birlik",
            dependencies: [
                "BirlikWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "birlik-bench",
            dependencies: [
                "BirlikWeb", "BirlikStorage", "BirlikCore", "BirlikCorpus",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "BirlikCoreTests", dependencies: ["BirlikCore"]),
        .testTarget(name: "BirlikCorpusTests", dependencies: ["BirlikCorpus"]),
        .testTarget(name: "BirlikDocumentsTests", dependencies: ["BirlikDocuments", "BirlikTestSupport"]),
        .testTarget(name: "BirlikStorageTests", dependencies: ["BirlikTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "BirlikWebTests", dependencies: [
            "BirlikTestSupport", "BirlikDocuments", .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
        ], exclude: ["__Snapshots__", "Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
