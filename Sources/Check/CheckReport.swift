/// The health of the data: ok, warning or critical.
public enum CheckStatus: Int, Sendable, Comparable, CaseIterable {
    /// `ok`.
    case ok = 0
    /// `warning`.
    case warning = 1
    /// `critical`.
    case critical = 2

    /// The lower-case name (`ok`, `warning`, `critical`).
    public var name: String {
        switch self {
        case .ok: return "ok"
        case .warning: return "warning"
        case .critical: return "critical"
        }
    }

    /// Orders by how bad: the worse compares greater.
    public static func < (a: CheckStatus, b: CheckStatus) -> Bool { a.rawValue < b.rawValue }
}

/// How bad one finding is: `info` findings are notes that do not change the status.
public enum Severity: Int, Sendable, Comparable {
    /// `info`.
    case info = 0
    /// `warning`.
    case warning = 1
    /// `critical`.
    case critical = 2

    /// The lower-case name.
    public var name: String {
        switch self {
        case .info: return "info"
        case .warning: return "warning"
        case .critical: return "critical"
        }
    }

    /// The status this severity gives the whole check.
    public var status: CheckStatus {
        switch self {
        case .info: return .ok
        case .warning: return .warning
        case .critical: return .critical
        }
    }

    /// Orders by how bad: the worse compares greater.
    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
}

/// A days-long window to re-ingest with `--overwrite`.
public struct RepairWindow: Sendable, Equatable {
    /// The dataset and table.
    public var dataset: String
    public var table: String
    /// First and last settlement day, inclusive.
    public var start: Int64
    public var end: Int64

    /// Creates a window.
    public init(dataset: String, table: String, start: Int64, end: Int64) {
        self.dataset = dataset
        self.table = table
        self.start = start
        self.end = end
    }
}

/// One number behind a check, as Prometheus and the JSON `metrics` list carry it.
public struct Metric: Sendable, Equatable {
    /// The metric name (`bmrs_check_missing_periods`).
    public var name: String
    /// One line saying what it measures.
    public var help: String
    /// Labels in order (`table`, `dataset`, `part`, …).
    public var labels: [(String, String)]
    /// The value.
    public var value: Double

    /// Creates a metric.
    public init(_ name: String, _ value: Double, help: String, labels: [(String, String)] = []) {
        self.name = name
        self.value = value
        self.help = help
        self.labels = labels
    }

    /// Equal names, labels and values.
    public static func == (a: Metric, b: Metric) -> Bool {
        a.name == b.name && a.value == b.value
            && a.labels.map { $0.0 + "=" + $0.1 } == b.labels.map { $0.0 + "=" + $0.1 }
    }
}

/// The outcome of `bmrs check`: the status, the findings (worst first), the metrics, what to re-ingest, and a
/// per-day summary of each table for the calendar and the generation mix.
public struct CheckReport: Sendable {
    /// The worst severity among the findings.
    public var status: CheckStatus
    /// The instant the check judged against, and the range it covered.
    public var now: Int64
    public var start: Int64
    public var end: Int64
    /// Everything found, worst first.
    public var findings: [Finding]
    /// The numbers behind every check.
    public var metrics: [Metric]
    /// Windows holding missing periods, to re-ingest with `--overwrite`.
    public var repairWindows: [RepairWindow]
    /// Per table, per day: expected periods, periods with data, and the generation mix.
    public var tables: [TableSummary]
}
