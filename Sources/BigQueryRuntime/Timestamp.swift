/// A BigQuery TIMESTAMP: an instant with microsecond precision, 0001-01-01 00:00:00 to
/// 9999-12-31 23:59:59.999999 UTC.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Microseconds since 1970-01-01 00:00:00 UTC.
    public let micros: Int64

    /// The smallest value, 0001-01-01 00:00:00 UTC.
    public static let minMicros: Int64 = CivilDate.minDays * CivilTime.microsPerDay
    /// The largest value, 9999-12-31 23:59:59.999999 UTC.
    public static let maxMicros: Int64 = (CivilDate.maxDays + 1) * CivilTime.microsPerDay - 1

    /// The instant `micros` after the epoch; out of range is an error.
    public init(micros: Int64) throws(BigQueryError) {
        guard micros >= Timestamp.minMicros && micros <= Timestamp.maxMicros else {
            throw BigQueryError("TIMESTAMP value out of range")
        }
        self.micros = micros
    }

    init(unchecked micros: Int64) { self.micros = micros }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.micros < b.micros }

    /// The UTC civil datetime of this instant.
    public var utc: CivilDateTime {
        let (days, rest) = floorDivide(micros, CivilTime.microsPerDay)
        return CivilDateTime(date: CivilDate(unchecked: days), time: CivilTime(unchecked: rest))
    }

    /// The civil datetime of this instant in `zone`.
    public func civil(in zone: TimeZoneRules) -> CivilDateTime {
        let offset = zone.offsetSeconds(atUTC: floorDivide(micros, 1_000_000).0)
        let (days, rest) = floorDivide(micros + offset * 1_000_000, CivilTime.microsPerDay)
        return CivilDateTime(date: CivilDate(unchecked: days), time: CivilTime(unchecked: rest))
    }

    /// The instant at which the clocks of `zone` show `civil` (BigQuery's rule: a skipped or repeated local time
    /// uses the offset in force before the transition); out of range is an error.
    public init(civil: CivilDateTime, in zone: TimeZoneRules) throws(BigQueryError) {
        let localSeconds = floorDivide(civil.micros, 1_000_000).0
        let utcSeconds = zone.utcSeconds(forLocal: localSeconds)
        try self.init(micros: civil.micros + (utcSeconds - localSeconds) * 1_000_000)
    }

    /// The canonical stored form: `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC.
    public var canonical: String { utc.canonical }

    /// Parses the canonical stored form exactly.
    public static func parse(canonical text: String) throws(BigQueryError) -> Timestamp {
        do {
            return Timestamp(unchecked: try CivilDateTime.parse(canonical: text).micros)
        } catch {
            throw BigQueryError("Invalid TIMESTAMP value: '\(text)'")
        }
    }
}
