import Store

/// One thing a check found: which check, how bad, where, and the details scripts need.
public struct Finding: Sendable, Equatable {
    /// The checks, in the order the report lists equal severities.
    public enum Check: String, Sendable, CaseIterable, Comparable {
        case completeness, accuracy, duplication, timeliness, errors, storage

        /// Orders by how bad: the worse compares greater.
        public static func < (a: Check, b: Check) -> Bool {
            allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
        }
    }

    /// The row a value finding is about.
    public struct Key: Sendable, Equatable {
        /// The settlement day (day number), period and fuel type.
        public var settlementDate: Int64
        public var settlementPeriod: Int64
        public var fuelType: String

        /// Creates a key.
        public init(settlementDate: Int64, settlementPeriod: Int64, fuelType: String) {
            self.settlementDate = settlementDate
            self.settlementPeriod = settlementPeriod
            self.fuelType = fuelType
        }
    }

    /// Which check.
    public var check: Check
    /// How bad.
    public var severity: Severity
    /// The table (nil for store-wide findings).
    public var table: String?
    /// One line for a person.
    public var message: String
    /// Completeness: the day, its expected periods and the missing ones; `fuelType` when the gap is that fuel
    /// type's alone.
    public var settlementDate: Int64?
    public var expectedPeriods: Int?
    public var missingPeriods: [Int] = []
    public var fuelType: String?
    /// Accuracy: the row concerned.
    public var key: Key?
    /// The command that fixes it, when there is one.
    public var fix: String?

    /// Creates a finding.
    public init(_ check: Check, _ severity: Severity, table: String?, _ message: String) {
        self.check = check
        self.severity = severity
        self.table = table
        self.message = message
    }

    /// Worst first; then by check, table, day and fuel type.
    static func worstFirst(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.check != b.check { return a.check < b.check }
        if a.table != b.table { return (a.table ?? "") < (b.table ?? "") }
        if a.settlementDate != b.settlementDate { return (a.settlementDate ?? 0) < (b.settlementDate ?? 0) }
        if a.fuelType != b.fuelType { return (a.fuelType ?? "") < (b.fuelType ?? "") }
        return (a.key?.settlementPeriod ?? 0) < (b.key?.settlementPeriod ?? 0)
    }
}

/// One table's days, for the completeness calendar and the generation mix.
public struct TableSummary: Sendable {
    /// The table and its dataset.
    public var table: String
    public var dataset: String
    /// The fuel types, in the order of `DaySummary.meanGeneration`.
    public var fuelTypes: [String]
    /// One entry per day of the range, in order.
    public var days: [DaySummary]
}

/// One settlement day of one table.
public struct DaySummary: Sendable {
    /// The day number.
    public var day: Int64
    /// Periods in the day (46, 48, 50) and how many of them are judged (fewer on the day still published).
    public var periods: Int
    public var judged: Int
    /// Bit p-1 set when period p has no data at all / misses some fuel type's data.
    public var missing: UInt64
    public var partial: UInt64
    /// Mean generation per fuel type over the day's periods (MW), in `TableSummary.fuelTypes` order.
    public var meanGeneration: [Double]
}
