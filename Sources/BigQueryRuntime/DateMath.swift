/// DATE_ADD, DATE_SUB, DATE_DIFF, DATE_TRUNC, EXTRACT and LAST_DAY on DATE values.
public enum DateMath {
    /// DATE_ADD(date, INTERVAL n part): DAY, WEEK, MONTH, QUARTER, YEAR; months clamp to the month's last day.
    public static func add(_ date: CivilDate, _ n: Int64, _ part: DatePart) throws(BigQueryError) -> CivilDate {
        let overflow = BigQueryError("DATE_ADD result out of range: \(date.canonical) + \(n) \(part.name)")
        guard n > -4_000_000 && n < 4_000_000 else { throw overflow }
        switch part {
        case .day, .week:
            let days = date.days + (part == .day ? n : n * 7)
            guard let result = try? CivilDate(days: days) else { throw overflow }
            return result
        case .month, .quarter, .year:
            let months = part == .month ? n : (part == .quarter ? n * 3 : n * 12)
            let (y, m, d) = date.fields
            let total = y * 12 + (m - 1) + months
            let (newYear, monthIndex) = floorDivide(total, 12)
            guard newYear >= 1 && newYear <= 9999 else { throw overflow }
            let newMonth = monthIndex + 1
            let day = min(d, CivilDate.daysIn(year: newYear, month: newMonth))
            return CivilDate(unchecked: CivilDate.daysFromCivil(newYear, newMonth, day))
        default:
            throw part.unsupported("DATE_ADD")
        }
    }

    /// The first day of the week containing `date`, weeks starting on `weekday` (0 = Sunday).
    static func weekStart(_ date: CivilDate, _ weekday: Int64) -> Int64 {
        date.days - (date.weekday - weekday + 7) % 7
    }

    /// ISO 8601 year and week (weeks start on Monday; week 1 holds the year's first Thursday).
    public static func isoYearWeek(_ date: CivilDate) -> (year: Int64, week: Int64) {
        let thursday = weekStart(date, 1) + 3
        let (year, _, _) = CivilDate.civilFromDays(thursday)
        let week = (thursday - CivilDate.daysFromCivil(year, 1, 1)) / 7 + 1
        return (year, week)
    }

    /// The Monday that starts ISO year `year`.
    static func isoYearStart(_ year: Int64) -> Int64 {
        let jan4 = CivilDate(unchecked: CivilDate.daysFromCivil(year, 1, 4))
        return weekStart(jan4, 1)
    }

    /// DATE_DIFF(a, b, part): the number of part boundaries between b and a.
    public static func diff(_ a: CivilDate, _ b: CivilDate, _ part: DatePart) throws(BigQueryError) -> Int64 {
        switch part {
        case .day: return a.days - b.days
        case .week(let d): return (weekStart(a, d) - weekStart(b, d)) / 7
        case .isoWeek: return (weekStart(a, 1) - weekStart(b, 1)) / 7
        case .month:
            let (ya, ma, _) = a.fields
            let (yb, mb, _) = b.fields
            return (ya * 12 + ma) - (yb * 12 + mb)
        case .quarter:
            let (ya, ma, _) = a.fields
            let (yb, mb, _) = b.fields
            return (ya * 4 + (ma - 1) / 3) - (yb * 4 + (mb - 1) / 3)
        case .year: return a.year - b.year
        case .isoYear: return isoYearWeek(a).year - isoYearWeek(b).year
        default: throw part.unsupported("DATE_DIFF")
        }
    }

    /// DATE_TRUNC(date, part): DAY, WEEK (Sunday), WEEK(weekday), ISOWEEK (Monday), MONTH, QUARTER, YEAR, ISOYEAR.
    public static func trunc(_ date: CivilDate, _ part: DatePart) throws(BigQueryError) -> CivilDate {
        let days: Int64
        switch part {
        case .day: return date
        case .week(let d): days = weekStart(date, d)
        case .isoWeek: days = weekStart(date, 1)
        case .month:
            let (y, m, _) = date.fields
            days = CivilDate.daysFromCivil(y, m, 1)
        case .quarter:
            let (y, m, _) = date.fields
            days = CivilDate.daysFromCivil(y, (m - 1) / 3 * 3 + 1, 1)
        case .year: days = CivilDate.daysFromCivil(date.year, 1, 1)
        case .isoYear: days = isoYearStart(isoYearWeek(date).year)
        default: throw part.unsupported("DATE_TRUNC")
        }
        guard let result = try? CivilDate(days: days) else {
            throw BigQueryError("DATE_TRUNC result out of range: \(date.canonical) to \(part.name)")
        }
        return result
    }

    /// EXTRACT(part FROM date): DAYOFWEEK 1 = Sunday; WEEK counts from the year's first Sunday (earlier days are
    /// week 0); ISOWEEK and ISOYEAR per ISO 8601.
    public static func extract(_ part: DatePart, _ date: CivilDate) throws(BigQueryError) -> Int64 {
        let (y, m, d) = date.fields
        switch part {
        case .dayOfWeek: return date.weekday + 1
        case .day: return d
        case .dayOfYear: return date.dayOfYear
        case .week(let start):
            let jan1 = CivilDate(unchecked: CivilDate.daysFromCivil(y, 1, 1))
            let first = 1 + (start - jan1.weekday + 7) % 7
            let doy = date.dayOfYear
            return doy >= first ? (doy - first) / 7 + 1 : 0
        case .isoWeek: return isoYearWeek(date).week
        case .month: return m
        case .quarter: return (m - 1) / 3 + 1
        case .year: return y
        case .isoYear: return isoYearWeek(date).year
        default: throw part.unsupported("EXTRACT from DATE")
        }
    }

    /// LAST_DAY(date, part): the last day of its YEAR, QUARTER, MONTH, WEEK(weekday), ISOWEEK or ISOYEAR.
    public static func lastDay(_ date: CivilDate, _ part: DatePart) throws(BigQueryError) -> CivilDate {
        let days: Int64
        switch part {
        case .year: days = CivilDate.daysFromCivil(date.year, 12, 31)
        case .quarter:
            let (y, m, _) = date.fields
            let lastMonth = (m - 1) / 3 * 3 + 3
            days = CivilDate.daysFromCivil(y, lastMonth, CivilDate.daysIn(year: y, month: lastMonth))
        case .month:
            let (y, m, _) = date.fields
            days = CivilDate.daysFromCivil(y, m, CivilDate.daysIn(year: y, month: m))
        case .week(let d): days = weekStart(date, d) + 6
        case .isoWeek: days = weekStart(date, 1) + 6
        case .isoYear: days = isoYearStart(isoYearWeek(date).year + 1) - 1
        default: throw part.unsupported("LAST_DAY")
        }
        guard let result = try? CivilDate(days: days) else {
            throw BigQueryError("LAST_DAY result out of range: \(date.canonical) \(part.name)")
        }
        return result
    }
}
