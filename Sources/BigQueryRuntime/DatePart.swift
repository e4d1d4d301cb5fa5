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
        var upper: (UInt64, UInt64) = (0, 0)
        if bytes.count <= 11 {
            for (i, byte) in bytes.enumerated() {
                let b = UInt64(byte >= 97 && byte <= 122 ? byte - 32 : byte)
                if i < 8 { upper.0 |= b << (8 * UInt64(i)) } else { upper.1 |= b << (8 * UInt64(i - 8)) }
            }
            if let part = DatePart.packed[PackedName(low: upper.0, high: upper.1)] {
                self = part
                return
            }
        }
        try self.init(String(decoding: bytes, as: UTF8.self))
    }

    private struct PackedName: Hashable {
        let low: UInt64
        let high: UInt64
    }

    private static let packed: [PackedName: DatePart] = {
        var table: [PackedName: DatePart] = [:]
        let parts: [DatePart] = [
            .microsecond, .millisecond, .second, .minute, .hour, .dayOfWeek, .day, .dayOfYear, .week(0), .isoWeek,
            .month, .quarter, .year, .isoYear, .date, .time,
        ]
        for part in parts {
            var key: (UInt64, UInt64) = (0, 0)
            for (i, byte) in part.name.utf8.enumerated() {
                if i < 8 {
                    key.0 |= UInt64(byte) << (8 * UInt64(i))
                } else {
                    key.1 |= UInt64(byte) << (8 * UInt64(i - 8))
                }
            }
            table[PackedName(low: key.0, high: key.1)] = part
        }
        return table
    }()

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
