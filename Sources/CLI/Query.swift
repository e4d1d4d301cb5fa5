import ArgumentParser
import FoundationEssentials
import REPL
import Store

/// `bmrs query`: run SQL against the store.
struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run a BigQuery (GoogleSQL) query against the store; --sqlite for SQLite's dialect.",
        discussion: """
            Tables are virtual tables named like the BigQuery tables (bmrs_fuelinst, bmrs_fuelhh) that read
            both tiers; constraints on settlementDate (=, <, <=, >, >=, BETWEEN, IN) read only matching days.
            DATE columns are 'YYYY-MM-DD' text, TIMESTAMP columns 'YYYY-MM-DD HH:MM:SS' (UTC) text.
            The SQL comes from the argument, --file, or standard input; several statements separated by ';' run
            in order, each result printed in turn; when one fails, the results before it are printed and the error
            names the failing statement. Queries only read: the store is opened read-only, and statements that
            would write, ATTACH, VACUUM, set a PRAGMA or load an extension are refused.

            With no SQL on a terminal, an interactive shell opens (line editing, history, Tab completion,
            Ctrl-C cancels; .help lists its commands). --chart 'line|bar X Y [BY SERIES] [--svg FILE]' draws the
            result instead of printing it.

            Examples:
              bmrs query
              bmrs query --chart "bar fuelType mw" \\
                "SELECT fuelType, avg(generation) AS mw FROM bmrs_fuelhh GROUP BY 1"
              bmrs query "SELECT count(*) FROM bmrs_fuelhh"
              bmrs query --format csv \\
                "SELECT * FROM bmrs_fuelhh WHERE settlementDate = '2018-10-28'"
              bmrs query "-- generation on the short day
                SELECT fuelType, sum(generation) / 2 AS mwh FROM bmrs_fuelhh
                WHERE settlementDate = '2018-03-25' GROUP BY 1"
              bmrs query --file report.sql --format markdown
              echo "SELECT 1" | bmrs query
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The SQL to run.", valueName: "sql"))
    var sql: String?

    @Option(help: ArgumentHelp("Read the SQL from this file.", valueName: "path"))
    var file: String?

    @Option(help: "Output format: pretty (or table), csv, json, ndjson, markdown.")
    var format: OutputFormat = .table

    @Flag(help: "Print partitions and rows read, and the time taken, to standard error.")
    var stats = false

    @Flag(help: "Speak SQLite's dialect instead of BigQuery's (the tables are the store's virtual tables).")
    var sqlite = false

    @Option(help: ArgumentHelp("A query parameter as bq takes it: name:TYPE:value (repeatable).", valueName: "param"))
    var parameter: [String] = []

    @Flag(
        name: .customLong("dry-run"), help: "Validate the query and print the bytes BigQuery would bill; run nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Draw the result: 'line|bar X Y [BY SERIES] [--svg FILE]'.", valueName: "chart"))
    var chart: String?

    func validate() throws {
        if sqlite && (dryRun || !parameter.isEmpty) {
            throw ValidationError("--dry-run and --parameter need BigQuery's dialect; leave out --sqlite")
        }
        if sql != nil && file != nil {
            throw ValidationError("give the SQL either as an argument or with --file, not both")
        }
    }

    /// The shell over `warehouse`, in BigQuery's dialect unless `--sqlite` is given.
    private func makeShell(_ warehouse: Warehouse, mode: String = "table") throws -> Shell {
        let runner: StatementRunner =
            sqlite ? SQLiteStatementRunner(warehouse: warehouse) : BigQueryStatementRunner(warehouse: warehouse)
        return try Shell(warehouse: warehouse, runner: runner, mode: mode)
    }

    func run() throws {
        if let chart, let sql {
            let shell = try reportingErrors { try makeShell(try storeOptions.open(.read)) }
            let status = shell.runChart(sql: sql, spec: chart)
            if status != 0 { throw ExitCode(status) }
            return
        }
        if sql == nil && file == nil {
            // No SQL given: the interactive shell on a terminal, else the statements of standard input in order.
            let shell = try reportingErrors {
                try makeShell(try storeOptions.open(.read), mode: format.rawValue)
            }
            let status =
                Shell.inputIsTerminal
                ? shell.runInteractive(historyPath: Shell.historyPath())
                : shell.runScript(String(decoding: try reportingErrors { try readInput("-") }, as: UTF8.self))
            if status != 0 { throw ExitCode(status) }
            return
        }
        try reportingErrors {
            let text: String
            if let sql {
                text = sql
            } else if let file {
                text = String(decoding: try readInput(file), as: UTF8.self)
            } else {
                text = String(decoding: try readInput("-"), as: UTF8.self)
            }
            guard !text.allSatisfy(\.isWhitespace) else {
                throw StoreError(.usage, "no SQL given (pass it as an argument, with --file, or on standard input)")
            }
            let warehouse = try storeOptions.open(.read)
            if !sqlite {
                let runner = BigQueryQueryRunner(
                    warehouse: warehouse, format: format, parameters: try BigQueryQueryRunner.parameters(parameter),
                    stats: stats)
                return try runner.run(text, dryRun: dryRun)
            }
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
            } row: { row in
                renderer?.add(row: row)
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
