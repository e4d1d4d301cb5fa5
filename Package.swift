// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "bmrs",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bmrs", targets: ["bmrs"]),
        .library(name: "Store", targets: ["Store"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // System libraries: a module map and, where Swift cannot call C directly, a shim header.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CEdit", providers: [.apt(["libedit-dev"])]),
        // Build facts fixed at compile time (version strings of the C headers, the git commit).
        .systemLibrary(name: "CBuildInfo"),
        // glibc's allocator tuning (mallopt), which the Glibc module does not export.
        .systemLibrary(name: "CMalloc"),

        // Thin Swift wrappers: the only code that touches C.
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "Zstd", dependencies: ["CZstd", "CZlib"]),
        .target(name: "HTTP", dependencies: ["CCurl"]),
        .target(name: "Hashing", dependencies: ["CCrypto"]),

        // Domain libraries.
        .target(name: "BigQueryDDL"),
        .target(name: "BigQueryRuntime"),
        .target(name: "BigQueryFunctions", dependencies: ["SQLite", "BigQueryRuntime"]),
        .target(name: "BigQuerySQL", dependencies: ["BigQueryDDL", "BigQueryRuntime"]),
        .target(name: "Store", dependencies: ["SQLite", "Zstd", "Hashing", "BigQueryDDL", "BigQueryFunctions"]),
        .target(name: "Ingest", dependencies: ["Store", "HTTP", "Zstd"]),
        .target(name: "Check", dependencies: ["Store"]),
        .target(name: "Sync", dependencies: ["HTTP", "Hashing", "BigQueryDDL"]),

        // The interactive query shell (and script runner): prints to the terminal, called by the CLI.
        .target(name: "REPL", dependencies: ["Store", "BigQueryDDL", "CEdit"]),

        // The command line: the only module that prints.
        .target(
            name: "CLI",
            dependencies: [
                "Store", "Ingest", "BigQueryDDL", "BigQuerySQL", "CBuildInfo", "CMalloc", "Check", "REPL", "Sync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "bmrs", dependencies: ["CLI"]),

        // Tests.
        .target(name: "TestSupport", dependencies: ["Store", "SQLite", "Hashing", "HTTP"], path: "Tests/TestSupport"),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "TestSupport"]),
        .testTarget(name: "BigQueryDDLTests", dependencies: ["BigQueryDDL"]),
        .testTarget(name: "BigQueryRuntimeTests", dependencies: ["BigQueryRuntime"]),
        .testTarget(name: "BigQueryFunctionsTests", dependencies: ["BigQueryFunctions", "BigQueryRuntime", "SQLite"]),
        .testTarget(
            name: "BigQuerySQLTests",
            dependencies: ["BigQuerySQL", "BigQueryDDL", "BigQueryFunctions", "Store", "SQLite", "TestSupport"]),
        .testTarget(
            name: "StoreTests", dependencies: ["Store", "SQLite", "Zstd", "Hashing", "BigQueryDDL", "TestSupport"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Store", "HTTP", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
        .testTarget(name: "CheckTests", dependencies: ["Check", "Store", "SQLite", "TestSupport"]),
        .testTarget(name: "REPLTests", dependencies: ["REPL", "Store", "TestSupport"]),
        .testTarget(
            name: "SyncTests",
            dependencies: ["Sync", "CLI", "Store", "HTTP", "Hashing", "BigQueryDDL", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
