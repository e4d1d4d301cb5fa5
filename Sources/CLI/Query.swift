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
        try invocation.validate()
    }

    /// What was asked for, as values.
    var invocation: QueryInvocation {
        QueryInvocation(
            store: storeOptions.store, sql: sql, file: file, format: format, stats: stats, sqlite: sqlite,
            parameter: parameter, dryRun: dryRun, chart: chart)
    }

    func run() throws {
        try invocation.run()
    }
}

/// One `bmrs query` as plain values: what the argument parser fills in, or what `QueryInvocation.parse` reads
/// straight from a simple command line, skipping the parser's reflection over the command.
struct QueryInvocation: Equatable {
    var store: String?
    var sql: String?
    var file: String?
    var format: OutputFormat = .table
    var stats = false
    var sqlite = false
    var parameter: [String] = []
    var dryRun = false
    var chart: String?

    /// Reads the arguments after `query` when they are simple: the options above as `--name value` or
    /// `--name=value` (`--parameter` repeatable, every other given once), the three flags, at most one SQL argument
    /// (after `--` it may start with `-`), and a valid combination. Anything else (help, an unknown or repeated
    /// option, a value that looks like an option) is nil, for the argument parser, which reads everything and says
    /// what is wrong.
    static func parse(_ arguments: [String]) -> QueryInvocation? {
        var invocation = QueryInvocation()
        var seen: Set<String> = []
        var positional: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word == "--" {
                positional += arguments[index...]
                break
            }
            guard word.hasPrefix("-") else {
                positional.append(word)
                continue
            }
            let name: Substring
            var value: String?
            if let equals = word.firstIndex(of: "=") {
                name = word[..<equals]
                value = String(word[word.index(after: equals)...])
            } else {
                name = word[...]
            }
            if name != "--parameter" {
                guard seen.insert(String(name)).inserted else { return nil }
            }
            switch name {
            case "--stats", "--sqlite", "--dry-run":
                guard value == nil else { return nil }
                if name == "--stats" { invocation.stats = true }
                if name == "--sqlite" { invocation.sqlite = true }
                if name == "--dry-run" { invocation.dryRun = true }
                continue
            case "--store", "--file", "--format", "--parameter", "--chart":
                if value == nil {
                    guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
                    value = arguments[index]
                    index += 1
                }
            default:
                return nil
            }
            guard let value else { return nil }
            switch name {
            case "--store": invocation.store = value
            case "--file": invocation.file = value
            case "--chart": invocation.chart = value
            case "--parameter": invocation.parameter.append(value)
            default:
                guard let format = OutputFormat(rawValue: value) else { return nil }
                invocation.format = format
            }
        }
        guard positional.count <= 1 else { return nil }
        invocation.sql = positional.first
        guard (try? invocation.validate()) != nil else { return nil }
        return invocation
    }

    /// The `--store` option as the other commands hold it.
    var storeOptions: StoreOptions {
        var options = StoreOptions()
        options.store = store
        return options
    }

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
