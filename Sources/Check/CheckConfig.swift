/// What `bmrs check` judges and how strictly: the range, the thresholds, the schedule.
///
/// The defaults are the report's: missing data > 15 min warning, > 1 h critical; error rate > 2% / > 5%;
/// processing delay > 15 min / > 30 min; storage > 80% / > 90% of the budget (only with a budget).
public struct CheckConfig: Sendable, Equatable {
    /// First and last settlement day checked (day numbers), inclusive.
    public var start: Int64
    public var end: Int64
    /// Missing data per table (or fuel type) and day, in minutes, above which a gap is a warning / critical.
    public var missingWarningMinutes = 15.0
    public var missingCriticalMinutes = 60.0
    /// Failed chunks / chunks attempted in recent ingest runs above which it is a warning / critical (fractions).
    public var errorRateWarning = 0.02
    public var errorRateCritical = 0.05
    /// Publish-to-ingest delay of the newest data, in minutes, above which it is a warning / critical; the
    /// same margins are allowed beyond one schedule interval for the lag of the newest data.
    public var delayWarningMinutes = 15.0
    public var delayCriticalMinutes = 30.0
    /// Store size as a fraction of `storageBudget` above which it is a warning / critical.
    public var storageWarning = 0.8
    public var storageCritical = 0.9
    /// The store's size budget in bytes; storage is judged only when set.
    public var storageBudget: Int?
    /// The expected ingest schedule; nil learns it from the recorded ingest runs.
    public var schedule: Schedule?
    /// A fuel type silent for more than this many days (before the table's newest day) is retired, not missing.
    public var retirementDays = 30
    /// A value beyond its fuel type's observed range by more than this fraction of that range is reported.
    public var valueRangeTolerance = 0.10
    /// Values of a fuel type are judged against its range only when at least this many other rows show that range
    /// (default four weeks of half hours): a day or two of data says little about what a fuel type can produce.
    public var minimumReferenceRows = 28 * 48
    /// Recent ingest runs per dataset judged for error rate, retries and latency.
    public var recentRuns = 10
    /// Judge tables that hold no data at all (when false they get an info note instead: a store that does not
    /// mirror a dataset is not missing it).
    public var judgeEmptyTables = true
    /// Value findings listed per table (the metrics count them all).
    public var maxValueFindings = 50

    /// A configuration for `start...end` with the default thresholds.
    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }
}

/// How often ingest runs are expected.
public struct Schedule: Sendable, Equatable, CustomStringConvertible {
    /// The interval between runs, in seconds.
    public let seconds: Int64

    /// A schedule of one run every `seconds`.
    public init(seconds: Int64) { self.seconds = max(seconds, 60) }

    /// One run a day.
    public static let daily = Schedule(seconds: 86_400)
    /// One run an hour.
    public static let hourly = Schedule(seconds: 3_600)

    /// Parses `daily`, `hourly`, `weekly`, or a number with a unit: `30m`, `6h`, `2d`.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "daily": self = .daily
        case "hourly": self = .hourly
        case "weekly": self.init(seconds: 7 * 86_400)
        default:
            guard let unit = text.last, let number = Int64(text.dropLast()), number > 0, number < 10_000 else {
                return nil
            }
            switch unit {
            case "m": self.init(seconds: number * 60)
            case "h": self.init(seconds: number * 3_600)
            case "d": self.init(seconds: number * 86_400)
            default: return nil
            }
        }
    }

    /// The text form.
    public var description: String {
        switch seconds {
        case 86_400: return "daily"
        case 3_600: return "hourly"
        case 7 * 86_400: return "weekly"
        default:
            if seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
            if seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
            return "\(seconds / 60)m"
        }
    }

    /// The schedule the runs show: the median interval between the starts of the latest ingest runs (at most
    /// 11), rounded to a minute; daily when there are fewer than two runs.
    public static func learnt(fromStarts starts: [Int64]) -> Schedule {
        let recent = starts.sorted().suffix(11)
        guard recent.count >= 2 else { return .daily }
        let gaps = zip(recent.dropFirst(), recent).map { $0 - $1 }.sorted()
        let median = gaps[gaps.count / 2] / 1_000_000
        return Schedule(seconds: (median + 30) / 60 * 60)
    }
}
