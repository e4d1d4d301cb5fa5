/// Calendar arithmetic on proleptic Gregorian dates, as day numbers (days since 1970-01-01).
///
/// Uses Howard Hinnant's `days_from_civil` algorithm: exact, branch-light, no Foundation. Every function is
/// total: the dates bmrs keeps lie in years 0001…9999 (`supportedDays`); `validDay` refuses anything else
/// with an error, and day numbers outside that range are clamped to it before they are turned into text.
public enum CivilDate {
    /// The first and last years a DATE may have (BigQuery's DATE range).
    public static let years: ClosedRange<Int> = 1...9999

    /// The day numbers of 0001-01-01 … 9999-12-31.
    public static let supportedDays: ClosedRange<Int64> = -719_162...2_932_896

    /// The day number of `year-month-day`; years outside `years` are clamped into it (use `validDay` to refuse them).
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int64 {
        let year = min(max(year, years.lowerBound - 1), years.upperBound + 1)
        let month = min(max(month, 1), 12)
        let day = min(max(day, 1), 31)
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146_097 + doe - 719_468)
    }

    /// The day number of a real calendar date in years 0001…9999; throws naming what is out of range.
    public static func validDay(year: Int, month: Int, day: Int) throws(InputError) -> Int64 {
        guard years.contains(year) else {
            throw InputError("year \(year) is outside \(years.lowerBound)…\(years.upperBound)")
        }
        guard (1...12).contains(month) else { throw InputError("month \(month) is outside 1…12") }
        let last = daysInMonth(year: year, month: month)
        guard (1...last).contains(day) else {
            throw InputError("day \(day) is outside 1…\(last) for \(pad4(year))-\(pad2(month))")
        }
        return dayNumber(year: year, month: month, day: day)
    }

    /// `dayNumber` moved into `supportedDays`.
    @inline(__always)
    static func clamped(_ dayNumber: Int64) -> Int64 {
        min(max(dayNumber, supportedDays.lowerBound), supportedDays.upperBound)
    }

    /// The year, month and day of a day number (clamped into `supportedDays`, so never out of range).
    public static func components(_ dayNumber: Int64) -> (year: Int, month: Int, day: Int) {
        let z = Int(clamped(dayNumber)) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days in `month` of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Day of week, 0 = Sunday.
    public static func weekday(_ dayNumber: Int64) -> Int {
        Int(((dayNumber % 7) + 11) % 7)  // 1970-01-01 was a Thursday (4).
    }

    /// `YYYY-MM-DD` for a day number (clamped into `supportedDays`: `Int64.max` reads 9999-12-31).
    public static func string(_ dayNumber: Int64) -> String {
        let (y, m, d) = components(dayNumber)
        return pad4(y) + "-" + pad2(m) + "-" + pad2(d)
    }

    /// Parses exactly `YYYY-MM-DD` (a real calendar date); nil otherwise.
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Parses exactly `YYYY-MM-DD` from bytes; nil when malformed or not a real date in years 0001…9999.
    public static func parse(bytes: UnsafeRawBufferPointer) -> Int64? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let y = digits(bytes, 0, 4), let m = digits(bytes, 5, 2), let d = digits(bytes, 8, 2)
        else { return nil }
        return try? validDay(year: y, month: m, day: d)
    }

    /// The decimal number in `count` ASCII digits at `offset`, or nil (also when they run past the end).
    @inline(__always)
    static func digits(_ bytes: UnsafeRawBufferPointer, _ offset: Int, _ count: Int) -> Int? {
        guard offset >= 0, count >= 0, offset <= bytes.count - count else { return nil }
        var value = 0
        for i in offset..<(offset + count) {
            let c = bytes[i] &- 48
            guard c < 10 else { return nil }
            value = value * 10 + Int(c)
        }
        return value
    }

    static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    static func pad4(_ v: Int) -> String {
        let s = String(v)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }
}
