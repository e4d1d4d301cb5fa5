import ArgumentParser
import CMalloc
import FoundationEssentials
import Ingest
import Rows
import Store

/// `bmrs ingest`: fetch a date range from the Elexon Insights API.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Fetch a range of settlement dates from the Elexon Insights API into the store.",
        discussion: """
            The range is split into chunks (default 1 day for FUELINST, 7 for FUELHH) fetched --parallel at a \
            time over reused connections, retried with exponential backoff and jitter on 429, 5xx, timeouts and \
            dropped connections (honouring Retry-After), each response archived zstd-compressed before it is \
            parsed, validated (shape, types, settlement periods, every row inside the requested window) and \
            merged in date order, one transaction per chunk. Chunks already done are skipped, so re-running \
            after a crash or failure fetches only what is missing; --overwrite re-fetches and replaces the \
            range. Exit status 1 when any chunk failed (the failed windows are listed).

            Days are Europe/London settlement days. Windows within the restatement window (7 days) are recorded \
            as recent, because Elexon may still restate them, and fetched again by later runs. Without --start \
            (the daily run) the range begins at the oldest recent window, at most 7 days back (yesterday when \
            there is none), and ends today: at 23:30 UTC in summer, today is already tomorrow's London date. An \
            older window the API answers with no rows is recorded as empty, reported, and fetched again by the \
            next run that covers it.

            BMRS_NOW (an ISO timestamp such as 2025-06-30T23:30:00Z) stands for the clock; it is for testing.

            Examples:
              bmrs ingest FUELINST                                   # the daily run
              bmrs ingest FUELHH --start 2018-01-01 --end 2018-12-31 --parallel 4
              bmrs ingest FUELINST --start 2025-08-28 --end 2025-08-30 --overwrite
              bmrs ingest FUELHH --start 2018-01-01 --end 2018-12-31 --from-archive
              BMRS_API_BASE=http://127.0.0.1:8080 bmrs ingest FUELHH --json
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(
        help: ArgumentHelp("The dataset: \(Dataset.all.map(\.name).joined(separator: ", ")).", valueName: "dataset"))
    var dataset: String

    @Option(
        help: ArgumentHelp(
            "First settlement date (default: the oldest window still recent, at most 7 days back, else "
                + "yesterday); a range spans at most 30 years.",
            valueName: "YYYY-MM-DD"))
    var start: String?

    @Option(
        help: ArgumentHelp(
            "Last settlement date, inclusive (default: today in Europe/London).", valueName: "YYYY-MM-DD"))
    var end: String?

    @Option(
        help: ArgumentHelp("Days per request, at least 1 (default: 1 for FUELINST, 7 for FUELHH).", valueName: "days"))
    var chunk: Int?

    @Option(help: ArgumentHelp("Requests in flight at once, 1 to 64.", valueName: "n"))
    var parallel: Int = 4

    @Option(
        help: ArgumentHelp(
            "Retries per chunk after a 5xx, a timeout or a dropped connection (a 429 does not use one up), 0 or more.",
            valueName: "n"))
    var retries: Int = 5

    @Option(help: ArgumentHelp("Retries allowed in the whole run before it stops cleanly, 0 or more.", valueName: "n"))
    var retryBudget: Int = 100

    @Option(
        help: ArgumentHelp(
            "First backoff delay in seconds, 0 to 3600 (doubles per attempt, with jitter).", valueName: "s"))
    var backoff: Double = 0.5

    @Option(help: ArgumentHelp("The longest Retry-After honoured, in seconds, 0 to 86400.", valueName: "s"))
    var maxRetryAfter: Double = 60

    @Option(help: ArgumentHelp("Seconds allowed to connect, 0.001 to 86400.", valueName: "s"))
    var connectTimeout: Double = 10

    @Option(help: ArgumentHelp("Seconds allowed for one request, 0.001 to 86400.", valueName: "s"))
    var timeout: Double = 120

    @Option(help: ArgumentHelp("The Insights API base URL (env BMRS_API_BASE).", valueName: "url"))
    var apiBase: String?

    @Flag(help: "Re-fetch chunks already done and make each fetched day hold exactly what the API returned.")
    var overwrite = false

    @Flag(help: "Re-derive the range from archived responses, without the network.")
    var fromArchive = false

    @Flag(help: "Do not seal days older than the restatement window after the run.")
    var noCompact = false

    @Option(
        help: ArgumentHelp(
            "After the run, prune archived responses older than this (0 or more), keeping the newest good one per window.",
            valueName: "days"))
    var archiveRetentionDays: Int = 30

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        guard Dataset.named(dataset) != nil else {
            throw ValidationError(
                "unknown dataset '\(dataset)'; known: \(Dataset.all.map(\.name).joined(separator: ", "))")
        }
        for (flag, value) in [("--start", start), ("--end", end)] {
            if let value, CivilDate.parse(value) == nil {
                throw ValidationError("\(flag) must be a date YYYY-MM-DD, not '\(value)'")
            }
        }
        let today: Int64
        do {
            today = try Self.today()
        } catch {
            throw ValidationError("\(error)")
        }
        if let s = start.flatMap(CivilDate.parse) {
            let e = end.flatMap(CivilDate.parse) ?? today
            guard s <= e else {
                throw ValidationError("--start \(CivilDate.string(s)) is after --end \(CivilDate.string(e))")
            }
            guard e - s < 366 * 30 else { throw ValidationError("the range is longer than 30 years") }
        }
        if let chunk, chunk < 1 { throw ValidationError("--chunk must be at least 1 day") }
        guard (1...64).contains(parallel) else { throw ValidationError("--parallel must be between 1 and 64") }
        guard retries >= 0, retryBudget >= 0 else {
            throw ValidationError("--retries and --retry-budget cannot be negative")
        }
        // libcurl takes whole milliseconds and reads 0 as "no timeout": refuse what would become 0 or overflow.
        for (flag, value) in [("--timeout", timeout), ("--connect-timeout", connectTimeout)] {
            guard value.isFinite, value >= 0.001, value <= 86_400 else {
                throw ValidationError("\(flag) must be a number of seconds from 0.001 to 86400, not \(value)")
            }
        }
        // A delay is slept and jittered (`Double.random(in: 0...delay)`): inf, NaN or a negative would trap.
        for (flag, value, limit) in [("--backoff", backoff, 3_600.0), ("--max-retry-after", maxRetryAfter, 86_400)] {
            guard value.isFinite, value >= 0, value <= limit else {
                throw ValidationError("\(flag) must be a number of seconds from 0 to \(Int(limit)), not \(value)")
            }
        }
        guard archiveRetentionDays >= 0 else { throw ValidationError("--archive-retention-days must be 0 or more") }
        if overwrite && fromArchive { throw ValidationError("--overwrite and --from-archive cannot be combined") }
        if let base = resolvedAPIBase, !(base.hasPrefix("http://") || base.hasPrefix("https://")) {
            throw ValidationError("--api-base must be an http:// or https:// URL, not '\(base)'")
        }
    }

    /// Today's Europe/London settlement day, by the clock or BMRS_NOW.
    static func today() throws -> Int64 {
        IngestRunner.settlementDay(atMicros: try StoreOptions.nowMicros())
    }

    /// The options for `warehouse`: the range given, or the daily run's default range.
    func makeOptions(for warehouse: Warehouse) throws -> IngestOptions {
        let dataset = Dataset.named(dataset)!
        let today = IngestRunner.settlementDay(atMicros: warehouse.now())
        let s = try start.flatMap(CivilDate.parse) ?? IngestRunner.defaultStart(dataset: dataset, in: warehouse)
        let e = end.flatMap(CivilDate.parse) ?? today
        guard s <= e else {
            throw StoreError(
                .usage, "--end \(CivilDate.string(e)) is before the first day to fetch, \(CivilDate.string(s))")
        }
        var options = IngestOptions(dataset: dataset, start: s, end: e)
        if let chunk { options.chunkDays = chunk }
        options.parallel = parallel
        options.retries = retries
        options.retryBudget = retryBudget
        options.backoff = backoff
        options.maxRetryAfter = maxRetryAfter
        options.connectTimeout = (connectTimeout * 1000).rounded(.up) / 1000
        options.totalTimeout = (timeout * 1000).rounded(.up) / 1000
        if let base = resolvedAPIBase { options.apiBase = base }
        options.overwrite = overwrite
        options.fromArchive = fromArchive
        options.compactAfter = !noCompact
        return options
    }

    var resolvedAPIBase: String? {
        if let apiBase { return apiBase }
        if let env = ProcessInfo.processInfo.environment["BMRS_API_BASE"], !env.isEmpty { return env }
        return nil
    }

    func run() throws {
        #if os(Linux)
            // glibc raises its mmap threshold each time a large block is freed; from then on response-sized
            // buffers come from the fetch threads' arenas, which keep them (≈4.5 MB per thread for FUELHH weeks).
            // Fixed thresholds hand large blocks back to the kernel when freed: the year at --parallel 4 peaks at
            // ~37 MB instead of ~48 MB, at no measurable cost in time.
            _ = mallopt(M_MMAP_THRESHOLD, 128 * 1024)
            _ = mallopt(M_TRIM_THRESHOLD, 128 * 1024)
        #endif
        let (summary, options) = try reportingErrors {
            let warehouse = try storeOptions.open(.write)
            let options = try makeOptions(for: warehouse)
            warehouse.archiveRetentionDays = archiveRetentionDays
            let terminal = Console.errorIsTerminal && !json
            let result = try IngestRunner(options: options).run(into: warehouse) { p in
                guard terminal else { return }
                let rate = p.seconds > 0 ? Double(p.rows) / p.seconds : 0
                Console.writeError(
                    "\r\(p.chunksFinished)/\(p.chunksTotal) chunks, \(p.rows) rows, "
                        + "\(NumberText.fixed(rate, digits: 0)) rows/s, \(p.retries) retries ")
            }
            if terminal { Console.writeError("\r\u{1B}[K") }
            return (result, options)
        }
        print(json ? Self.json(summary, dataset: options.dataset, options: options) : Self.text(summary, options))
        for window in summary.empty {
            printError(
                "bmrs: chunk \(window) returned no rows; it is recorded as empty and fetched again by the next run "
                    + "that covers it")
        }
        for failure in summary.failures {
            printError("bmrs: chunk \(failure.window) failed: \(failure.reason)")
        }
        if summary.budgetExhausted {
            printError(
                "bmrs: the retry budget (\(retryBudget)) is spent; the run stopped. Run the same command again to "
                    + "fetch what is missing.")
        }
        if !summary.succeeded { throw ExitCode.failure }
    }

    /// The summary as one line of text.
    static func text(_ summary: IngestSummary, _ options: IngestOptions) -> String {
        let r = summary.rows
        let range = "\(CivilDate.string(options.start))..\(CivilDate.string(options.end))"
        let rows =
            "\(r.rowsRead) rows fetched, \(r.inserted) inserted, \(r.revised) revised, \(r.superseded) superseded, "
            + "\(r.duplicates) duplicates dropped, \(r.stale) stale dropped"
            + (r.removed > 0 ? ", \(r.removed) removed" : "")
        var chunks =
            "chunks \(summary.chunksDone) done, \(summary.chunksSkipped) skipped, \(summary.failures.count) failed"
        if summary.chunksNotAttempted > 0 { chunks += ", \(summary.chunksNotAttempted) not attempted" }
        if !summary.empty.isEmpty { chunks += ", \(summary.empty.count) empty" }
        let requests = "\(summary.requests) requests, \(summary.retries) retries, "
        return "ingested \(options.dataset.name) \(range): \(rows); \(chunks); \(requests)"
            + NumberText.fixed(summary.seconds, digits: 2) + " s"
    }

    static func json(_ s: IngestSummary, dataset: Dataset, options: IngestOptions) -> String {
        let failures = s.failures.map {
            "{\"window\":\(jsonString("\($0.window)")),\"error\":\(jsonString($0.reason))}"
        }
        let fields: [(String, String)] = [
            ("dataset", jsonString(dataset.name)), ("start", jsonString(CivilDate.string(options.start))),
            ("end", jsonString(CivilDate.string(options.end))), ("rows_fetched", "\(s.rows.rowsRead)"),
            ("inserted", "\(s.rows.inserted)"), ("revised", "\(s.rows.revised)"),
            ("superseded", "\(s.rows.superseded)"),
            ("duplicates_dropped", "\(s.rows.duplicates)"), ("stale_dropped", "\(s.rows.stale)"),
            ("removed", "\(s.rows.removed)"), ("chunks_planned", "\(s.chunksPlanned)"),
            ("chunks_done", "\(s.chunksDone)"), ("chunks_skipped", "\(s.chunksSkipped)"),
            ("chunks_failed", "\(s.failures.count)"), ("chunks_empty", "\(s.empty.count)"),
            ("chunks_not_attempted", "\(s.chunksNotAttempted)"),
            ("requests", "\(s.requests)"), ("retries", "\(s.retries)"), ("bytes", "\(s.bytes)"),
            ("retry_budget_exhausted", s.budgetExhausted ? "true" : "false"),
            ("partitions_sealed", "\(s.partitionsSealed)"), ("seconds", NumberText.fixed(s.seconds, digits: 3)),
            ("failed", "[" + failures.joined(separator: ",") + "]"),
            ("empty", "[" + s.empty.map { jsonString("\($0)") }.joined(separator: ",") + "]"),
        ]
        return "{" + fields.map { "\(jsonString($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}
