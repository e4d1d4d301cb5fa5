import Rows
import Store

/// Judges `CheckFacts` against a `CheckConfig` at an instant: pure computation, no store, no network.
public struct Checker: Sendable {
    /// The range and thresholds.
    public let config: CheckConfig
    /// The instant judged against (microseconds since the epoch).
    public let now: Int64

    /// A checker for `config` at `now`.
    public init(config: CheckConfig, now: Int64) {
        self.config = config
        self.now = now
    }

    /// The settlement day (Europe/London) that holds `now`: the day still being published.
    public var today: Int64 { Self.settlementDay(containing: now) }

    /// The settlement day holding the instant `micros`.
    public static func settlementDay(containing micros: Int64) -> Int64 {
        var day = micros >= 0 ? micros / Timestamp.microsPerDay : (micros + 1) / Timestamp.microsPerDay - 1
        if SettlementCalendar.startOfDay(day) > micros {
            day -= 1
        } else if SettlementCalendar.startOfDay(day + 1) <= micros {
            day += 1
        }
        return day
    }

    /// Runs every check over `facts`.
    public func run(_ facts: CheckFacts) -> CheckReport {
        var outcome = CheckOutcome()
        var summaries: [TableSummary] = []
        let completeness = CompletenessCheck(config: config, today: today, now: now)
        let accuracy = AccuracyCheck(config: config)
        let timeliness = TimelinessCheck(config: config, now: now, today: today)
        for table in facts.tables {
            if !config.judgeEmptyTables && table.lastDay == nil && table.rowCount == 0 {
                outcome.findings.append(
                    Finding(.completeness, .info, table: table.table, "\(table.table) holds no data; not checked"))
                continue
            }
            summaries.append(completeness.run(table, into: &outcome))
            accuracy.run(table, into: &outcome)
            DuplicationCheck.run(table, runs: facts.runs, start: config.start, end: config.end, into: &outcome)
            timeliness.run(table, runs: facts.runs, into: &outcome)
        }
        var seen = Set<String>()
        for table in facts.tables where seen.insert(table.dataset).inserted {
            HealthCheck(config: config).run(dataset: table.dataset, facts: facts, into: &outcome)
        }
        StorageCheck(config: config).run(facts.storage, into: &outcome)
        outcome.findings.sort(by: Finding.worstFirst)
        let status = outcome.findings.map(\.severity.status).max() ?? .ok
        var metrics = [
            Metric(
                "bmrs_check_status", Double(status.rawValue), help: "Overall status: 0 ok, 1 warning, 2 critical."),
            Metric("bmrs_check_timestamp_seconds", Double(now) / 1e6, help: "The instant the check judged against."),
        ]
        for severity in [Severity.critical, .warning, .info] {
            metrics.append(
                Metric(
                    "bmrs_check_findings", Double(outcome.findings.filter { $0.severity == severity }.count),
                    help: "Findings by severity.", labels: [("severity", severity.name)]))
        }
        return CheckReport(
            status: status, now: now, start: config.start, end: config.end, findings: outcome.findings,
            metrics: metrics + outcome.metrics, repairWindows: outcome.repairWindows, tables: summaries)
    }
}

/// What the checks add up as they run.
struct CheckOutcome {
    var findings: [Finding] = []
    var metrics: [Metric] = []
    var repairWindows: [RepairWindow] = []

    mutating func metric(_ name: String, _ value: Double, _ help: String, _ labels: [(String, String)] = []) {
        metrics.append(Metric(name, value, help: help, labels: labels))
    }
}

/// Severity of a quantity against warning and critical thresholds (strictly above).
func severity(of value: Double, warning: Double, critical: Double) -> Severity? {
    if value > critical { return .critical }
    if value > warning { return .warning }
    return nil
}

/// `bmrs ingest DATASET --start … --end … --overwrite`.
func ingestCommand(_ dataset: String, _ start: Int64, _ end: Int64) -> String {
    "bmrs ingest \(dataset) --start \(CivilDate.string(start)) --end \(CivilDate.string(end)) --overwrite"
}

/// A duration for people: `45 s`, `12 min`, `5 h 30 min`, `3 d 4 h`.
func durationText(seconds: Int64) -> String {
    let s = max(seconds, 0)
    if s < 120 { return "\(s) s" }
    if s < 3_600 { return "\(s / 60) min" }
    if s < 2 * 86_400 { return "\(s / 3_600) h" + (s % 3_600 >= 60 ? " \(s % 3_600 / 60) min" : "") }
    return "\(s / 86_400) d" + (s % 86_400 >= 3_600 ? " \(s % 86_400 / 3_600) h" : "")
}

/// A fraction as a percentage with one decimal: `2.5%`.
func percentText(_ fraction: Double) -> String {
    guard fraction.isFinite else { return "n/a" }
    let tenths = Int64((fraction * 1000).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))%"
}
