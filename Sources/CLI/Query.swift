import ArgumentParser
import FoundationEssentials
import Store

/// `bmrs query`: run SQL against the store.
struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run an SQL query against the store (SQLite SQL for now).",
        discussion: """
            Tables are virtual tables named like the BigQuery tables (bmrs_fuelinst, bmrs_fuelhh) that read
            both tiers; constraints on settlementDate (=, <, <=, >, >=, BETWEEN, IN) read only matching days.
            DATE columns are 'YYYY-MM-DD' text, TIMESTAMP columns 'YYYY-MM-DD HH:MM:SS' (UTC) text.
            The SQL comes from the argument, --file, or standard input; several statements separated by ';' run
            in order, each result printed in turn; when one fails, the results before it are printed and the error
            names the failing statement. Queries only read: the store is opened read-only, and statements that
            would write, ATTACH, VACUUM, set a PRAGMA or load an extension are refused.

            Examples:
              bmrs query "SELECT count(*) FROM bmrs_fuelhh"
              bmrs query --format csv "SELECT * FROM bmrs_fuelhh WHERE settlementDate = '2018-10-28'"
              bmrs query --file report.sql --format markdown
              echo "SELECT 1" | bmrs query
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The SQL to run.", valueName: "sql"))
    var sql: String?

    @Option(help: ArgumentHelp("Read the SQL from this file.", valueName: "path"))
    var file: String?

    @Option(help: "Output format: table, csv, json, ndjson, markdown.")
    var format: OutputFormat = .table

    @Flag(help: "Print partitions and rows read, and the time taken, to standard error.")
    var stats = false

    func validate() throws {
        if sql != nil && file != nil {
            throw ValidationError("give the SQL either as an argument or with --file, not both")
        }
    }

    func run() throws {
        try reportingErrors {
            let text: String
            if let sql {
                text = sql
            } else if let file {
                text = String(decoding: try readInput(file), as: UTF8.self)
            } else {
                text = String(decoding: try readInput("-"), as: UTF8.self)
            }
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw StoreError(.usage, "no SQL given (pass it as an argument, with --file, or on standard input)")
            }
            let warehouse = try storeOptions.open(.read)
            let started = Date()
            var renderer: ResultRenderer? = nil
            var results = 0
            // Every result is printed as it completes; when a later statement fails, what ran before it is still
            // printed, then the error (naming the failing statement) on stderr.
            defer { renderer?.finish() }
            try warehouse.query(sql: text) { columns in
                renderer?.finish()
                renderer = ResultRenderer(
                    format: format, columns: columns,
                    blankLineFirst: results > 0 && (format == .table || format == .markdown))
                results += 1
            } row: { values in
                renderer?.add(values.map(ResultValue.init))
            }
            if stats {
                let s = warehouse.scanStatistics
                let milliseconds = Date().timeIntervalSince(started) * 1000
                printError(
                    "\(s.partitionsRead) partition(s) read, \(s.rowsRead) row(s) scanned, "
                        + "\(NumberText.fixed(milliseconds, digits: 1)) ms")
            }
        }
    }
}
