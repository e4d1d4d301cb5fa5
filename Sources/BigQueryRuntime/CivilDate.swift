/// A BigQuery DATE: a day of the proleptic Gregorian calendar from 0001-01-01 to 9999-12-31.
public struct CivilDate: Sendable, Hashable, Comparable {
    /// Days since 1970-01-01.
    public let days: Int64

    /// The first day BigQuery accepts, 0001-01-01.
    public static let minDays: Int64 = -719_162
    /// The last day BigQuery accepts, 9999-12-31.
    public static let maxDays: Int64 = 2_932_896

    /// The date `days` after 1970-01-01; out of range is an error.
    public init(days: Int64) throws(BigQueryError) {
        guard days >= CivilDate.minDays && days <= CivilDate.maxDays else {
            throw BigQueryError("DATE value out of range")
        }
        self.days = days
    }

    init(unchecked days: Int64) { self.days = days }

    /// The date with these fields; an invalid or out-of-range date is an error.
    public init(year: Int64, month: Int64, day: Int64) throws(BigQueryError) {
        guard year >= 1 && year <= 9999, month >= 1 && month <= 12, day >= 1,
            day <= CivilDate.daysIn(year: year, month: month)
        else {
            throw BigQueryError("Input calculates to invalid date: \(year)-\(month)-\(day)")
        }
        days = CivilDate.daysFromCivil(year, month, day)
    }

    /// Year, month (1-12) and day (1-31).
    public var fields: (year: Int64, month: Int64, day: Int64) { CivilDate.civilFromDays(days) }
    /// The year.
    public var year: Int64 { fields.year }
    /// The day of the week, 0 = Sunday … 6 = Saturday.
    public var weekday: Int64 { ((days % 7) + 7 + 4) % 7 }
    /// The day of the year, 1-366.
    public var dayOfYear: Int64 { days - CivilDate.daysFromCivil(fields.year, 1, 1) + 1 }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.days < b.days }

    /// True in leap years of the Gregorian calendar.
    public static func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// The number of days in `month` of `year`.
    public static func daysIn(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm; any year).
    public static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The canonical form `YYYY-MM-DD`.
    public var canonical: String {
        var out = CanonicalText()
        out.appendDate(self)
        return out.string
    }

    /// Parses the canonical form `YYYY-MM-DD` exactly (byte-level; anything else is an error).
    public static func parse(canonical text: String) throws(BigQueryError) -> CivilDate {
        var text = text
        let parsed: CivilDate? = text.withUTF8 { bytes in
            guard bytes.count == 10 else { return nil }
            var scanner = ByteScanner(bytes)
            return scanner.date()
        }
        guard let parsed, parsed.days >= minDays, parsed.days <= maxDays else {
            throw BigQueryError("Invalid DATE value: '\(text)'")
        }
        return parsed
    }
}
