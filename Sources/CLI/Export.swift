import ArgumentParser
import Rows
import Store

extension ExportFormat: ExpressibleByArgument {}

/// `bmrs export`: plain data for other tools.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a table as CSV, NDJSON (.zst if the name ends so) or a plain SQLite file.",
        discussion: """
            Other tools cannot read the store's virtual tables; the export is plain data. DATE columns are
            written as YYYY-MM-DD, TIMESTAMP columns as 'YYYY-MM-DD HH:MM:SS' (UTC).

            Examples:
              bmrs export --table bmrs_fuelhh --format csv --output fuelhh.csv
              bmrs export --table bmrs_fuelinst --format ndjson --output fi.ndjson.zst \\
                --start 2023-05-08 --end 2023-05-09
              bmrs export --table bmrs_fuelhh --format sqlite --output fuelhh.sqlite
              bmrs export --table bmrs_fuelhh --format csv --output - | gzip > fuelhh.csv.gz
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The table to export.", valueName: "table"))
    var table: String

    @Option(help: "csv, ndjson or sqlite.")
    var format: ExportFormat

    @Option(
        help: ArgumentHelp(
            "The file to write (replaced atomically; .zst compresses csv and ndjson, other compression suffixes "
                + "are refused), or - for standard output.", valueName: "path"))
    var output: String

    @Option(help: ArgumentHelp("First settlement date to export.", valueName: "YYYY-MM-DD"))
    var start: String?

    @Option(help: ArgumentHelp("Last settlement date to export.", valueName: "YYYY-MM-DD"))
    var end: String?

    func validate() throws {
        if output.isEmpty { throw ValidationError("--output needs a file name, or - for standard output") }
        for (flag, value) in [("--start", start), ("--end", end)] {
            if let value, CivilDate.parse(value) == nil {
                throw ValidationError("\(flag) must be a date YYYY-MM-DD, not '\(value)'")
            }
        }
    }

    func run() throws {
        try reportingErrors {
            let warehouse = try storeOptions.open(.read)
            var range: ClosedRange<Int64>? = nil
            if start != nil || end != nil {
                let low = start.flatMap(CivilDate.parse) ?? Int64.min
                let high = end.flatMap(CivilDate.parse) ?? Int64.max
                guard low <= high else { throw ValidationError("--start is after --end") }
                range = low...high
            }
            if output == "-" {
                let (bytes, rows) = try warehouse.exportText(table: table, format: format, range: range)
                Console.writeOutput(bytes)
                printError("exported \(rows) rows of \(table) to standard output")
            } else {
                let rows = try warehouse.export(table: table, format: format, to: output, range: range)
                print("exported \(rows) rows of \(table) to \(output)")
            }
        }
    }
}
