/// DATETIME_*, TIME_* and TIMESTAMP_* arithmetic, truncation and extraction.
public enum DateTimeMath {
    // MARK: DATETIME

    /// DATETIME_ADD(dt, INTERVAL n part): MICROSECOND … YEAR.
    public static func add(_ value: CivilDateTime, _ n: Int64, _ part: DatePart) throws(BigQueryError)
        -> CivilDateTime
    {
        let overflow = BigQueryError("DATETIME_ADD result out of range: \(value.canonical) + \(n) \(part.name)")
        if let unit = part.fixedMicros {
            let (delta, o1) = n.multipliedReportingOverflow(by: unit)
            let (micros, o2) = value.micros.addingReportingOverflow(delta)
            guard !o1, !o2, let result = try? CivilDateTime(micros: micros) else { throw overflow }
            return result
        }
        switch part {
        case .week, .month, .quarter, .year:
            guard let date = try? DateMath.add(value.date, n, part == .week(0) ? .week(0) : part) else {
                throw overflow
            }
            return CivilDateTime(date: date, time: value.time)
        default: throw part.unsupported("DATETIME_ADD")
        }
    }

    /// DATETIME_DIFF(a, b, part): part boundaries crossed (civil-time difference at the part's granularity).
    public static func diff(_ a: CivilDateTime, _ b: CivilDateTime, _ part: DatePart) throws(BigQueryError) -> Int64 {
        if let unit = part.fixedMicros {
            return floorDivide(a.micros, unit).0 - floorDivide(b.micros, unit).0
        }
        switch part {
        case .week, .isoWeek, .month, .quarter, .year, .isoYear: return try DateMath.diff(a.date, b.date, part)
        default: throw part.unsupported("DATETIME_DIFF")
        }
    }

    /// DATETIME_TRUNC(dt, part).
    public static func trunc(_ value: CivilDateTime, _ part: DatePart) throws(BigQueryError) -> CivilDateTime {
        if let unit = part.fixedMicros {
            return CivilDateTime(
                date: value.date, time: CivilTime(unchecked: value.time.micros - value.time.micros % unit))
        }
        switch part {
        case .week, .isoWeek, .month, .quarter, .year, .isoYear:
            let date = try DateMath.trunc(value.date, part)
            return CivilDateTime(date: date, time: CivilTime(unchecked: 0))
        default: throw part.unsupported("DATETIME_TRUNC")
        }
    }

    /// EXTRACT(part FROM datetime).
    public static func extract(_ part: DatePart, _ value: CivilDateTime) throws(BigQueryError) -> Int64 {
        switch part {
        case .microsecond, .millisecond, .second, .minute, .hour: return try extract(part, value.time)
        default: return try DateMath.extract(part, value.date)
        }
    }

    // MARK: TIME

    /// TIME_ADD(t, INTERVAL n part): wraps around midnight.
    public static func add(_ value: CivilTime, _ n: Int64, _ part: DatePart) throws(BigQueryError) -> CivilTime {
        guard let unit = part.fixedMicros, part != .day else { throw part.unsupported("TIME_ADD") }
        let delta = (n % (CivilTime.microsPerDay / unit)) * unit
        let (_, micros) = floorDivide(value.micros + delta, CivilTime.microsPerDay)
        return CivilTime(unchecked: micros)
    }

    /// TIME_DIFF(a, b, part).
    public static func diff(_ a: CivilTime, _ b: CivilTime, _ part: DatePart) throws(BigQueryError) -> Int64 {
        guard let unit = part.fixedMicros, part != .day else { throw part.unsupported("TIME_DIFF") }
        return a.micros / unit - b.micros / unit
    }

    /// TIME_TRUNC(t, part).
    public static func trunc(_ value: CivilTime, _ part: DatePart) throws(BigQueryError) -> CivilTime {
        guard let unit = part.fixedMicros, part != .day else { throw part.unsupported("TIME_TRUNC") }
        return CivilTime(unchecked: value.micros - value.micros % unit)
    }

    /// EXTRACT(part FROM time).
    public static func extract(_ part: DatePart, _ value: CivilTime) throws(BigQueryError) -> Int64 {
        switch part {
        case .hour: return value.hour
        case .minute: return value.minute
        case .second: return value.second
        case .millisecond: return value.fraction / 1000
        case .microsecond: return value.fraction
        default: throw part.unsupported("EXTRACT from TIME")
        }
    }

    // MARK: TIMESTAMP

    /// TIMESTAMP_ADD(ts, INTERVAL n part): MICROSECOND … DAY (a DAY is 24 hours).
    public static func add(_ value: Timestamp, _ n: Int64, _ part: DatePart) throws(BigQueryError) -> Timestamp {
        guard let unit = part.fixedMicros else { throw part.unsupported("TIMESTAMP_ADD") }
        let (delta, o1) = n.multipliedReportingOverflow(by: unit)
        let (micros, o2) = value.micros.addingReportingOverflow(delta)
        guard !o1, !o2, let result = try? Timestamp(micros: micros) else {
            throw BigQueryError("TIMESTAMP_ADD result out of range: \(value.canonical) + \(n) \(part.name)")
        }
        return result
    }

    /// TIMESTAMP_DIFF(a, b, part): whole parts elapsed, truncated toward zero (a DAY is 24 hours).
    public static func diff(_ a: Timestamp, _ b: Timestamp, _ part: DatePart) throws(BigQueryError) -> Int64 {
        guard let unit = part.fixedMicros else { throw part.unsupported("TIMESTAMP_DIFF") }
        return (a.micros - b.micros) / unit
    }

    /// TIMESTAMP_TRUNC(ts, part, zone): DAY and larger parts start at local midnight of `zone`.
    public static func trunc(_ value: Timestamp, _ part: DatePart, _ zone: TimeZoneRules) throws(BigQueryError)
        -> Timestamp
    {
        if let unit = part.fixedMicros, part != .day {
            let offset = zone.offsetSeconds(atUTC: floorDivide(value.micros, 1_000_000).0) * 1_000_000
            let local = value.micros + offset
            return try Timestamp(micros: local - floorDivide(local, unit).1 - offset)
        }
        let civil = value.civil(in: zone)
        let date: CivilDate
        switch part {
        case .day: date = civil.date
        case .week, .isoWeek, .month, .quarter, .year, .isoYear: date = try DateMath.trunc(civil.date, part)
        default: throw part.unsupported("TIMESTAMP_TRUNC")
        }
        return try Timestamp(civil: CivilDateTime(date: date, time: CivilTime(unchecked: 0)), in: zone)
    }

    /// EXTRACT(part FROM ts AT TIME ZONE zone).
    public static func extract(_ part: DatePart, _ value: Timestamp, _ zone: TimeZoneRules) throws(BigQueryError)
        -> Int64
    {
        try extract(part, value.civil(in: zone))
    }
}
