import ArgumentParser
import Store

/// `bmrs partitions`: list partitions with tier, size and hash.
struct Partitions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partitions",
        abstract: "List each table's daily partitions: tier, rows, raw and stored bytes, content hash.",
        discussion: """
            raw bytes is the size of the partition's column-wise encoding; stored bytes is its zstd blob (sealed
            partitions only); bq bytes is what BigQuery counts for the partition (its logical bytes: what a query
            reading every column of that day is billed for). The content hash (SHA-256 of the encoding) is the
            same in either tier.

            --summary reports instead what the store file is made of, in bytes and share of the file: data
            (sealed blobs and hot rows), revisions, the response archive, the other bookkeeping, and free pages.

            Examples:
              bmrs partitions
              bmrs partitions --table bmrs_fuelhh --format csv
              bmrs partitions --summary --json
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Only this table.", valueName: "table"))
    var table: String?

    @Option(help: "Output format: table, csv, json, ndjson, markdown.")
    var format: OutputFormat = .table

    @Flag(help: "Report the store's make-up (data, revisions, archive, bookkeeping, free pages) instead.")
    var summary = false

    @Flag(help: "With --summary: print the make-up as JSON.")
    var json = false

    func validate() throws {
        if json && !summary { throw ValidationError("--json goes with --summary (use --format json for partitions)") }
    }

    func run() throws {
        try reportingErrors {
            let warehouse = try storeOptions.open(.read)
            if summary {
                let makeup = try warehouse.makeup()
                print(
                    json
                        ? StoreMakeupText.json(makeup, path: warehouse.path)
                        : StoreMakeupText.text(makeup, path: warehouse.path))
                return
            }
            let schemas = try table.map { [try warehouse.schema(named: $0)] } ?? warehouse.tables
            var rows: [[ResultValue]] = []
            for schema in schemas {
                for p in try warehouse.partitions(of: schema) {
                    rows.append([
                        .text(p.table), .text(p.date), .text(p.tier.rawValue), .integer(Int64(p.rowCount)),
                        .integer(Int64(p.rawBytes)), p.storedBytes.map { .integer(Int64($0)) } ?? .null,
                        .integer(Int64(p.logicalBytes.values.reduce(0, +))), .text(p.contentHash),
                    ])
                }
            }
            var renderer = ResultRenderer(
                format: format,
                columns: [
                    "table", "day", "tier", "rows", "raw_bytes", "stored_bytes", "bq_bytes",
                    "content_hash",
                ])
            for row in rows { renderer.add(row) }
            renderer.finish()
        }
    }
}
