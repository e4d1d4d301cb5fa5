import ArgumentParser
import Check
import FoundationEssentials
import Ingest
import Rows
import Store

/// `bmrs check`: data quality and monitoring over a range of settlement days.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check completeness, accuracy, duplication, timeliness, ingest errors and storage of the data.",
        discussion: """
            Default: every table over the last 7 settlement days. Completeness is judged per Europe/London
            settlement day (48 periods; 46 and 50 on clock-change days) and per fuel type; the day still being
            published only against the periods that have ended. Thresholds default to the report's (missing data
            > 15 min warning, > 1 h critical; error rate > 2% / 5%; processing delay > 15 / 30 min; storage
            > 80% / 90% of --storage-budget) and can be set by flags or by a --config file in TOML (a .toml
            file, or any file not starting with '{'), e.g. `missingCriticalMinutes = 120` and
            `schedule = "hourly"` on lines of their own, or in JSON (a .json file, or one starting with '{'), e.g.
            {"missingCriticalMinutes": 120, "schedule": "hourly"}. Keys: missingWarningMinutes,
            missingCriticalMinutes, errorRateWarningPercent, errorRateCriticalPercent, delayWarningMinutes,
            delayCriticalMinutes, storageWarningPercent, storageCriticalPercent, storageBudgetBytes,
            retirementDays, valueTolerancePercent, schedule. Flags override the file. BMRS_NOW=2023-05-15T12:00:00Z sets the clock (for testing).

            Exit status: 0 ok, 1 warning, 2 critical, 3 the check could not run (whatever the format).

            Examples:
              bmrs check
              bmrs check --table bmrs_fuelhh --start 2018-01-01 --end 2018-12-31
              bmrs check --format prometheus --output /var/lib/node_exporter/bmrs.prom
              bmrs check --format html --output check.html
              bmrs check --start 2023-05-08 --end 2023-05-12 --repair
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Check one table (or dataset) only.", valueName: "table"))
    var table: String?

    @Option(help: ArgumentHelp("First settlement date (default: 6 days before today).", valueName: "YYYY-MM-DD"))
    var start: String?

    @Option(help: ArgumentHelp("Last settlement date, inclusive (default: today).", valueName: "YYYY-MM-DD"))
    var end: String?

    @Option(help: ArgumentHelp("Output: text, json, prometheus or html.", valueName: "format"))
    var format: String = "text"

    @Option(help: ArgumentHelp("Write to this file (atomically: a temporary file, then rename).", valueName: "file"))
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Expected ingest schedule: daily, hourly, weekly, or 30m, 6h, 2d (default: learnt from the runs).",
            valueName: "schedule"))
    var schedule: String?

    @Option(help: ArgumentHelp("A TOML or JSON file of thresholds (see above).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Missing data per day above which it is a warning.", valueName: "minutes"))
    var missingWarning: Double?

    @Option(help: ArgumentHelp("Missing data per day above which it is critical.", valueName: "minutes"))
    var missingCritical: Double?

    @Option(help: ArgumentHelp("Failed chunks above which it is a warning.", valueName: "percent"))
    var errorRateWarning: Double?

    @Option(help: ArgumentHelp("Failed chunks above which it is critical.", valueName: "percent"))
    var errorRateCritical: Double?

    @Option(help: ArgumentHelp("Processing delay above which it is a warning.", valueName: "minutes"))
    var delayWarning: Double?

    @Option(help: ArgumentHelp("Processing delay above which it is critical.", valueName: "minutes"))
    var delayCritical: Double?

    @Option(help: ArgumentHelp("Storage use above which it is a warning.", valueName: "percent"))
    var storageWarning: Double?

    @Option(help: ArgumentHelp("Storage use above which it is critical.", valueName: "percent"))
    var storageCritical: Double?

    @Option(help: ArgumentHelp("The store's size budget; storage is judged only when given.", valueName: "bytes"))
    var storageBudget: Int?

    @Option(help: ArgumentHelp("Days a fuel type may be silent before it counts as retired.", valueName: "days"))
    var retirementDays: Int?

    @Option(help: ArgumentHelp("Allowed excess beyond a fuel type's observed range.", valueName: "percent"))
    var valueTolerance: Double?

    @Flag(help: "Re-ingest (--overwrite) the windows holding missing periods, then check again.")
    var repair = false

    @Option(help: ArgumentHelp("The Insights API base URL for --repair (env BMRS_API_BASE).", valueName: "url"))
    var apiBase: String?

    func run() throws {
        let status: Int32
        do {
            status = try check()
        } catch let error as ExitCode {
            throw error
        } catch {
            printError("bmrs: check: \(error)")
            throw ExitCode(3)
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs the check and writes the report; returns the exit status.
    private func check() throws -> Int32 {
        let now = try CheckClock.now()
        let settings = try checkConfig(now: now)
        let datasets = try chosenDatasets()
        var report = try runOnce(datasets: datasets, config: settings, now: now)
        if repair && !report.repairWindows.isEmpty {
            try CheckRepair(apiBase: apiBase).run(report.repairWindows, storePath: storeOptions.path)
            report = try runOnce(datasets: datasets, config: settings, now: now)
            let still = report.findings.filter { $0.check == .completeness && $0.severity > .info }
            printError(
                still.isEmpty
                    ? "bmrs: check: repair: nothing is missing any more"
                    : "bmrs: check: repair: \(still.count) gap(s) still missing after re-ingesting")
        }
        try CheckOutput.write(report, format: format, to: output)
        return Int32(report.status.rawValue)
    }

    private func runOnce(datasets: [Dataset], config: CheckConfig, now: Int64) throws -> CheckReport {
        let warehouse = try storeOptions.open(.read)
        let facts = try CheckFacts.gather(from: warehouse, datasets: datasets, start: config.start, end: config.end)
        return Checker(config: config, now: now).run(facts)
    }

    private func chosenDatasets() throws -> [Dataset] {
        guard let table else { return Dataset.all }
        let key = table.lowercased().split(separator: ".").last.map(String.init) ?? ""
        guard let dataset = Dataset.all.first(where: { $0.table == key || $0.name.lowercased() == key }) else {
            throw StoreError(
                .usage, "unknown table '\(table)'; known: \(Dataset.all.map(\.table).joined(separator: ", "))")
        }
        return [dataset]
    }

    private func checkConfig(now: Int64) throws -> CheckConfig {
        guard ["text", "json", "prometheus", "html"].contains(format) else {
            throw StoreError(.usage, "--format must be text, json, prometheus or html, not '\(format)'")
        }
        let today = Checker.settlementDay(containing: now)
        func date(_ flag: String, _ text: String?, _ fallback: Int64) throws -> Int64 {
            guard let text else { return fallback }
            guard let day = CivilDate.parse(text) else {
                throw StoreError(.usage, "\(flag) must be a date YYYY-MM-DD, not '\(text)'")
            }
            return day
        }
        let last = try date("--end", end, today)
        let first = try date("--start", start, end == nil ? today - 6 : last - 6)
        guard first <= last else {
            throw StoreError(.usage, "--start \(CivilDate.string(first)) is after --end \(CivilDate.string(last))")
        }
        guard last - first < 366 * 30 else { throw StoreError(.usage, "the range is longer than 30 years") }
        var settings = CheckConfig(start: first, end: last)
        settings.judgeEmptyTables = table != nil
        if let config { try CheckConfigFile.apply(path: config, to: &settings) }
        func percent(_ flag: String, _ value: Double?, _ set: (Double) -> Void) throws {
            guard let value else { return }
            guard value.isFinite, value >= 0 else { throw StoreError(.usage, "\(flag) must be a number ≥ 0") }
            set(value)
        }
        try percent("--missing-warning", missingWarning) { settings.missingWarningMinutes = $0 }
        try percent("--missing-critical", missingCritical) { settings.missingCriticalMinutes = $0 }
        try percent("--error-rate-warning", errorRateWarning) { settings.errorRateWarning = $0 / 100 }
        try percent("--error-rate-critical", errorRateCritical) { settings.errorRateCritical = $0 / 100 }
        try percent("--delay-warning", delayWarning) { settings.delayWarningMinutes = $0 }
        try percent("--delay-critical", delayCritical) { settings.delayCriticalMinutes = $0 }
        try percent("--storage-warning", storageWarning) { settings.storageWarning = $0 / 100 }
        try percent("--storage-critical", storageCritical) { settings.storageCritical = $0 / 100 }
        try percent("--value-tolerance", valueTolerance) { settings.valueRangeTolerance = $0 / 100 }
        if let storageBudget {
            guard storageBudget > 0 else { throw StoreError(.usage, "--storage-budget must be positive") }
            settings.storageBudget = storageBudget
        }
        if let retirementDays {
            guard retirementDays >= 0 else { throw StoreError(.usage, "--retirement-days cannot be negative") }
            settings.retirementDays = retirementDays
        }
        if let schedule {
            guard let parsed = Schedule(parsing: schedule) else {
                throw StoreError(
                    .usage, "--schedule must be daily, hourly, weekly or like 30m, 6h, 2d, not '\(schedule)'")
            }
            settings.schedule = parsed
        }
        return settings
    }
}
