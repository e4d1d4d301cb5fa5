/// A date or time part as BigQuery spells it in DATE_ADD, DATE_TRUNC, EXTRACT, INTERVAL ….
public enum DatePart: Sendable, Hashable {
    case microsecond, millisecond, second, minute, hour
    case dayOfWeek, day, dayOfYear
    /// `WEEK` (Sunday, 0) or `WEEK(<weekday>)`, 0 = Sunday … 6 = Saturday.
    case week(Int64)
    case isoWeek, month, quarter, year, isoYear
    /// `DATE` and `TIME` (EXTRACT only).
    case date, time

    /// Parses a part name (case-insensitive, spaces allowed inside `WEEK( MONDAY )`).
    public init(_ text: String) throws(BigQueryError) {
        let name = String(text.uppercased().filter { $0 != " " })
        switch name {
        case "MICROSECOND": self = .microsecond
        case "MILLISECOND": self = .millisecond
        case "SECOND": self = .second
        case "MINUTE": self = .minute
        case "HOUR": self = .hour
        case "DAYOFWEEK": self = .dayOfWeek
        case "DAY": self = .day
        case "DAYOFYEAR": self = .dayOfYear
        case "WEEK", "WEEK(SUNDAY)": self = .week(0)
        case "WEEK(MONDAY)": self = .week(1)
        case "WEEK(TUESDAY)": self = .week(2)
        case "WEEK(WEDNESDAY)": self = .week(3)
        case "WEEK(THURSDAY)": self = .week(4)
        case "WEEK(FRIDAY)": self = .week(5)
        case "WEEK(SATURDAY)": self = .week(6)
        case "ISOWEEK": self = .isoWeek
        case "MONTH": self = .month
        case "QUARTER": self = .quarter
        case "YEAR": self = .year
        case "ISOYEAR": self = .isoYear
        case "DATE": self = .date
        case "TIME": self = .time
        default: throw BigQueryError("A valid date part name is required but found \(text)")
        }
    }

    /// Parses a part name from UTF-8 bytes (the registered functions' path: no allocation for plain names).
    public init(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(BigQueryError) {
        if bytes.count <= 11 {
            for (name, part) in DatePart.plainNames where name.count == bytes.count {
                var equal = true
                for i in 0..<name.count {
                    let b = bytes[i]
                    if (b >= 97 && b <= 122 ? b - 32 : b) != name[i] {
                        equal = false
                        break
                    }
                }
                if equal {
                    self = part
                    return
                }
            }
        }
        try self.init(String(decoding: bytes, as: UTF8.self))
    }

    private static let plainNames: [([UInt8], DatePart)] = [
        DatePart.day, .week(0), .month, .year, .hour, .minute, .second, .quarter, .isoWeek, .isoYear, .dayOfWeek,
        .dayOfYear, .millisecond, .microsecond, .date, .time,
    ].map { (Array($0.name.utf8), $0) }

    /// The name as BigQuery prints it.
    public var name: String {
        switch self {
        case .microsecond: return "MICROSECOND"
        case .millisecond: return "MILLISECOND"
        case .second: return "SECOND"
        case .minute: return "MINUTE"
        case .hour: return "HOUR"
        case .dayOfWeek: return "DAYOFWEEK"
        case .day: return "DAY"
        case .dayOfYear: return "DAYOFYEAR"
        case .week(let d):
            let names = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"]
            return d == 0 ? "WEEK" : "WEEK(\(names[Int(d)]))"
        case .isoWeek: return "ISOWEEK"
        case .month: return "MONTH"
        case .quarter: return "QUARTER"
        case .year: return "YEAR"
        case .isoYear: return "ISOYEAR"
        case .date: return "DATE"
        case .time: return "TIME"
        }
    }

    /// Microseconds in one unit of a fixed-length part (MICROSECOND … DAY), nil for calendar parts.
    var fixedMicros: Int64? {
        switch self {
        case .microsecond: return 1
        case .millisecond: return 1000
        case .second: return 1_000_000
        case .minute: return 60_000_000
        case .hour: return 3_600_000_000
        case .day: return 86_400_000_000
        default: return nil
        }
    }

    func unsupported(_ function: String) -> BigQueryError {
        BigQueryError("\(function) does not support the \(name) date part")
    }
}
