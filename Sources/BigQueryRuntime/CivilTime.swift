/// A BigQuery TIME: a time of day with microsecond precision, 00:00:00 to 23:59:59.999999.
public struct CivilTime: Sendable, Hashable, Comparable {
    /// Microseconds since midnight.
    public let micros: Int64
    /// Microseconds in a day.
    public static let microsPerDay: Int64 = 86_400_000_000

    init(unchecked micros: Int64) { self.micros = micros }

    /// The time `micros` after midnight; out of range is an error.
    public init(micros: Int64) throws(BigQueryError) {
        guard micros >= 0 && micros < CivilTime.microsPerDay else { throw BigQueryError("TIME value out of range") }
        self.micros = micros
    }

    /// The time with these fields; out of range is an error.
    public init(hour: Int64, minute: Int64, second: Int64, micros: Int64 = 0) throws(BigQueryError) {
        guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second),
            (0..<1_000_000).contains(micros)
        else {
            throw BigQueryError("Input calculates to invalid time: \(hour):\(minute):\(second)")
        }
        self.micros = ((hour * 60 + minute) * 60 + second) * 1_000_000 + micros
    }

    /// Hour 0-23.
    public var hour: Int64 { micros / 3_600_000_000 }
    /// Minute 0-59.
    public var minute: Int64 { micros / 60_000_000 % 60 }
    /// Second 0-59.
    public var second: Int64 { micros / 1_000_000 % 60 }
    /// Microseconds within the second.
    public var fraction: Int64 { micros % 1_000_000 }

    public static func < (a: CivilTime, b: CivilTime) -> Bool { a.micros < b.micros }

    /// The canonical form `HH:MM:SS[.ffffff]`.
    public var canonical: String {
        var out = CanonicalText()
        out.appendTime(self)
        return out.string
    }

    /// Parses the canonical form exactly.
    public static func parse(canonical text: String) throws(BigQueryError) -> CivilTime {
        var text = text
        let parsed: CivilTime? = text.withUTF8 { bytes in
            var scanner = ByteScanner(bytes)
            guard let time = scanner.time(), scanner.atEnd else { return nil }
            return time
        }
        guard let parsed else { throw BigQueryError("Invalid TIME value: '\(text)'") }
        return parsed
    }
}

/// A BigQuery DATETIME: a civil date and time of day, no time zone.
public struct CivilDateTime: Sendable, Hashable, Comparable {
    /// The date.
    public let date: CivilDate
    /// The time of day.
    public let time: CivilTime

    /// Pairs a date and a time.
    public init(date: CivilDate, time: CivilTime) {
        self.date = date
        self.time = time
    }

    /// The datetime `micros` after 1970-01-01 00:00:00; out of range is an error.
    public init(micros: Int64) throws(BigQueryError) {
        let (days, rest) = floorDivide(micros, CivilTime.microsPerDay)
        guard days >= CivilDate.minDays && days <= CivilDate.maxDays else {
            throw BigQueryError("DATETIME value out of range")
        }
        self.init(date: CivilDate(unchecked: days), time: CivilTime(unchecked: rest))
    }

    /// Microseconds since 1970-01-01 00:00:00 (as if UTC).
    public var micros: Int64 { date.days * CivilTime.microsPerDay + time.micros }

    public static func < (a: CivilDateTime, b: CivilDateTime) -> Bool { a.micros < b.micros }

    /// The canonical form `YYYY-MM-DD HH:MM:SS[.ffffff]`.
    public var canonical: String {
        var out = CanonicalText()
        out.appendDate(date)
        out.byte(32)
        out.appendTime(time)
        return out.string
    }

    /// Parses the canonical form exactly.
    public static func parse(canonical text: String) throws(BigQueryError) -> CivilDateTime {
        var text = text
        let parsed: CivilDateTime? = text.withUTF8 { bytes in
            var scanner = ByteScanner(bytes)
            guard let value = scanner.dateTime(), scanner.atEnd else { return nil }
            return value
        }
        guard let parsed, parsed.date.days >= CivilDate.minDays, parsed.date.days <= CivilDate.maxDays else {
            throw BigQueryError("Invalid DATETIME value: '\(text)'")
        }
        return parsed
    }
}

/// Floor division and the non-negative remainder.
@inline(__always)
func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
    let q = a / b
    let r = a % b
    return r < 0 ? (q - 1, r + b) : (q, r)
}
