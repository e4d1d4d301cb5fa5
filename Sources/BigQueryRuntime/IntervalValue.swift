/// A BigQuery INTERVAL: months, days and microseconds, each with its own sign.
/// Canonical text `Y-M D H:M:S[.F]` (`1-2 3 4:5:6.500`, `-0-3 0 0:0:0`), the fraction in groups of 3 digits.
public struct IntervalValue: Sendable, Hashable {
    /// Total months (years × 12 + months).
    public let months: Int64
    /// Days.
    public let days: Int64
    /// Microseconds.
    public let micros: Int64

    static let maxMonths: Int64 = 10_000 * 12
    static let maxDays: Int64 = 3_660_000
    static let maxMicros: Int64 = 87_840_000 * 3_600_000_000

    /// An interval from its parts; out of BigQuery's range is an error.
    public init(months: Int64, days: Int64, micros: Int64) throws(BigQueryError) {
        guard Swift.abs(months) <= IntervalValue.maxMonths, Swift.abs(days) <= IntervalValue.maxDays,
            micros >= -IntervalValue.maxMicros && micros <= IntervalValue.maxMicros
        else { throw BigQueryError("Interval field value is out of range") }
        self.months = months
        self.days = days
        self.micros = micros
    }

    /// INTERVAL n part.
    public init(_ n: Int64, _ part: DatePart) throws(BigQueryError) {
        func checked(_ a: Int64, _ b: Int64) throws(BigQueryError) -> Int64 {
            let (r, o) = a.multipliedReportingOverflow(by: b)
            guard !o else { throw BigQueryError("Interval field value is out of range") }
            return r
        }
        switch part {
        case .year: try self.init(months: checked(n, 12), days: 0, micros: 0)
        case .quarter: try self.init(months: checked(n, 3), days: 0, micros: 0)
        case .month: try self.init(months: n, days: 0, micros: 0)
        case .week(0): try self.init(months: 0, days: checked(n, 7), micros: 0)
        case .day: try self.init(months: 0, days: n, micros: 0)
        default:
            guard let unit = part.fixedMicros else { throw part.unsupported("INTERVAL") }
            try self.init(months: 0, days: 0, micros: checked(n, unit))
        }
    }

    /// Parses `Y-M D H:M:S[.F]` (each group optionally signed).
    public init(parsing text: String) throws(BigQueryError) {
        let failure = BigQueryError("Invalid INTERVAL value: '\(text)'")
        let groups = text.split(separator: " ")
        guard groups.count == 3 else { throw failure }
        func signed(_ s: Substring) -> (Bool, Substring) {
            s.hasPrefix("-") ? (true, s.dropFirst()) : (false, s.hasPrefix("+") ? s.dropFirst() : s)
        }
        let (ymNegative, ym) = signed(groups[0])
        let ymParts = ym.split(separator: "-", omittingEmptySubsequences: false)
        guard ymParts.count == 2, let y = Int64(ymParts[0]), let m = Int64(ymParts[1]), y >= 0, y <= 10_000, m >= 0,
            m < 12,
            let d = Int64(groups[1])
        else { throw failure }
        let (timeNegative, time) = signed(groups[2])
        let hms = time.split(separator: ":", omittingEmptySubsequences: false)
        guard hms.count == 3, let h = Int64(hms[0]), let mi = Int64(hms[1]), h >= 0, mi >= 0, mi < 60 else {
            throw failure
        }
        let secondParts = hms[2].split(separator: ".", omittingEmptySubsequences: false)
        guard secondParts.count <= 2, let s = Int64(secondParts[0]), s >= 0, s < 60 else { throw failure }
        var fraction: Int64 = 0
        if secondParts.count == 2 {
            let digits = secondParts[1]
            guard !digits.isEmpty, digits.count <= 6, let f = Int64(digits), f >= 0 else { throw failure }
            fraction = f
            for _ in digits.count..<6 { fraction *= 10 }
        }
        guard h <= 87_840_000 else { throw failure }
        let months = y * 12 + m
        let micros = ((h * 60 + mi) * 60 + s) * 1_000_000 + fraction
        try self.init(months: ymNegative ? -months : months, days: d, micros: timeNegative ? -micros : micros)
    }

    /// The canonical text.
    public var canonical: String {
        let m = Swift.abs(months)
        var text = (months < 0 ? "-" : "") + "\(m / 12)-\(m % 12) \(days) "
        let u = Swift.abs(micros)
        text += (micros < 0 ? "-" : "") + "\(u / 3_600_000_000):\(u / 60_000_000 % 60):\(u / 1_000_000 % 60)"
        let fraction = u % 1_000_000
        if fraction != 0 {
            let digits = String(fraction)
            var padded = String(repeating: "0", count: 6 - digits.count) + digits
            if padded.hasSuffix("000") { padded.removeLast(3) }
            text += "." + padded
        }
        return text
    }

    /// a + b field by field.
    public static func + (a: IntervalValue, b: IntervalValue) throws(BigQueryError) -> IntervalValue {
        try IntervalValue(months: a.months + b.months, days: a.days + b.days, micros: a.micros + b.micros)
    }

    /// -a.
    public var negated: IntervalValue {
        // Negation keeps every field in range.
        (try? IntervalValue(months: -months, days: -days, micros: -micros)) ?? self
    }

    /// a × n.
    public func multiplied(by n: Int64) throws(BigQueryError) -> IntervalValue {
        let (m, o1) = months.multipliedReportingOverflow(by: n)
        let (d, o2) = days.multipliedReportingOverflow(by: n)
        let (u, o3) = micros.multipliedReportingOverflow(by: n)
        guard !o1, !o2, !o3 else { throw BigQueryError("Interval field value is out of range") }
        return try IntervalValue(months: m, days: d, micros: u)
    }

    /// EXTRACT(part FROM interval).
    public func extract(_ part: DatePart) throws(BigQueryError) -> Int64 {
        switch part {
        case .year: return months / 12
        case .month: return months % 12
        case .day: return days
        case .hour: return micros / 3_600_000_000
        case .minute: return micros / 60_000_000 % 60
        case .second: return micros / 1_000_000 % 60
        case .millisecond: return micros / 1000 % 1000
        case .microsecond: return micros % 1_000_000
        default: throw part.unsupported("EXTRACT from INTERVAL")
        }
    }

    /// JUSTIFY_DAYS: whole 30-day periods become months.
    public var justifiedDays: IntervalValue {
        get throws(BigQueryError) { try IntervalValue(months: months + days / 30, days: days % 30, micros: micros) }
    }

    /// JUSTIFY_HOURS: whole 24-hour periods become days.
    public var justifiedHours: IntervalValue {
        get throws(BigQueryError) {
            try IntervalValue(
                months: months, days: days + micros / CivilTime.microsPerDay, micros: micros % CivilTime.microsPerDay)
        }
    }

    /// DATETIME + interval (months first, clamped to the month's end; then days; then time).
    public func added(to value: CivilDateTime) throws(BigQueryError) -> CivilDateTime {
        let date = try DateMath.add(DateMath.add(value.date, months, .month), days, .day)
        return try CivilDateTime(micros: CivilDateTime(date: date, time: value.time).micros + micros)
    }

    /// TIMESTAMP + interval: days are 24 hours; months are not allowed.
    public func added(to value: Timestamp) throws(BigQueryError) -> Timestamp {
        guard months == 0 else {
            throw BigQueryError(
                "TIMESTAMP +/- INTERVAL is not supported for intervals with non-zero MONTH or YEAR part")
        }
        return try Timestamp(micros: value.micros + days * CivilTime.microsPerDay + micros)
    }

    /// a - b for DATETIME values: whole days and the time difference.
    public static func between(_ a: CivilDateTime, _ b: CivilDateTime) throws(BigQueryError) -> IntervalValue {
        let delta = a.micros - b.micros
        return try IntervalValue(
            months: 0, days: delta / CivilTime.microsPerDay, micros: delta % CivilTime.microsPerDay)
    }
}
