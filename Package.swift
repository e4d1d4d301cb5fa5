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
        // Rows as bmrs holds them (cells, batches, table layouts, datasets, the settlement calendar): what
        // Formats produces and Store keeps.
        .target(name: "Rows", dependencies: ["BigQueryDDL"]),
        // Reading Insights API bodies and load files (JSON, CSV; plain, gzip or zstd) into validated rows.
        .target(name: "Formats", dependencies: ["Rows", "Zstd"]),
        .target(
            name: "Store", dependencies: ["Rows", "SQLite", "Zstd", "Hashing", "BigQueryDDL", "BigQueryFunctions"]),
        .target(name: "Ingest", dependencies: ["Store", "Formats", "Rows", "HTTP"]),
        .target(name: "Check", dependencies: ["Store", "Rows"]),
        .target(name: "Sync", dependencies: ["HTTP", "Hashing", "BigQueryDDL"]),

        // The interactive query shell (and script runner): prints to the terminal, called by the CLI.
        .target(name: "REPL", dependencies: ["Store", "Rows", "BigQueryDDL", "CEdit"]),

        // The command line: the only module that prints.
        .target(
            name: "CLI",
            dependencies: [
                "Store", "Rows", "Formats", "Ingest", "BigQueryDDL", "BigQuerySQL", "CBuildInfo", "CMalloc", "Check",
                "REPL", "Sync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "bmrs", dependencies: ["CLI"]),

        // Tests.
        .target(
            name: "TestSupport",
            dependencies: [
                "Store", "Rows", "Formats", "SQLite", "Hashing", "HTTP", "BigQuerySQL", "BigQueryFunctions",
            ],
            path: "Tests/TestSupport"),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "TestSupport"]),
        .testTarget(name: "BigQueryDDLTests", dependencies: ["BigQueryDDL"]),
        .testTarget(name: "BigQueryRuntimeTests", dependencies: ["BigQueryRuntime"]),
        .testTarget(name: "BigQueryFunctionsTests", dependencies: ["BigQueryFunctions", "BigQueryRuntime", "SQLite"]),
        .testTarget(
            name: "BigQuerySQLTests",
            dependencies: ["BigQuerySQL", "BigQueryDDL", "BigQueryFunctions", "Store", "Rows", "SQLite", "TestSupport"]),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "Rows", "Formats", "SQLite", "Zstd", "Hashing", "BigQueryDDL", "TestSupport"]),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "Rows", "Store", "Zstd", "CZlib", "TestSupport"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Store", "Rows", "Formats", "HTTP", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["CLI", "TestSupport"]),
        .testTarget(name: "CheckTests", dependencies: ["Check", "Store", "Rows", "SQLite", "TestSupport"]),
        .testTarget(name: "REPLTests", dependencies: ["REPL", "Store", "Rows", "TestSupport"]),
        .testTarget(
            name: "SyncTests",
            dependencies: ["Sync", "CLI", "Store", "Rows", "HTTP", "Hashing", "BigQueryDDL", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
