/// FORMAT_DATE, FORMAT_DATETIME, FORMAT_TIME and FORMAT_TIMESTAMP with BigQuery's format elements.
public enum DateTimeFormatter {
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    static let dateElements: Set<Unicode.Scalar> = [
        "A", "a", "B", "b", "h", "C", "D", "d", "e", "F", "G", "g", "j", "m", "Q", "U", "u", "V", "W", "w", "x",
        "Y", "y",
    ]
    static let timeElements: Set<Unicode.Scalar> = ["H", "I", "k", "l", "M", "P", "p", "R", "S", "T", "X"]

    /// What the value being formatted carries.
    public enum Kind: Sendable {
        case date, datetime, time
        /// A timestamp shown in a zone with this offset (seconds) and abbreviation.
        case timestamp(offset: Int64, abbreviation: String, epochMicros: Int64)

        var name: String {
            switch self {
            case .date: return "DATE"
            case .datetime: return "DATETIME"
            case .time: return "TIME"
            case .timestamp: return "TIMESTAMP"
            }
        }
    }

    /// FORMAT_DATE(format, date).
    public static func format(_ format: String, date: CivilDate) throws(BigQueryError) -> String {
        try self.format(format, CivilDateTime(date: date, time: CivilTime(unchecked: 0)), .date)
    }

    /// FORMAT_TIME(format, time) (date elements see 1970-01-01).
    public static func format(_ format: String, time: CivilTime) throws(BigQueryError) -> String {
        try self.format(format, CivilDateTime(date: CivilDate(unchecked: 0), time: time), .time)
    }

    /// FORMAT_TIMESTAMP(format, ts, zone).
    public static func format(_ format: String, timestamp: Timestamp, zone: TimeZoneRules) throws(BigQueryError)
        -> String
    {
        let seconds = floorDivide(timestamp.micros, 1_000_000).0
        let type = zone.localType(atUTC: seconds)
        let abbreviation = type.abbreviation.isEmpty ? TimeZoneRules.offsetText(type.offset) : type.abbreviation
        return try self.format(
            format, timestamp.civil(in: zone),
            .timestamp(offset: type.offset, abbreviation: abbreviation, epochMicros: timestamp.micros))
    }

    /// Formats `value` by `format`; an element that does not apply to `kind` or is unknown is an error naming it.
    public static func format(_ format: String, _ value: CivilDateTime, _ kind: Kind) throws(BigQueryError) -> String {
        var out = ""
        let f = Array(format.unicodeScalars)
        var i = 0
        let (y, mo, d) = value.date.fields
        let t = value.time
        func pad(_ n: Int64, _ width: Int, _ fill: Character = "0") -> String {
            let s = String(Swift.abs(n))
            return (n < 0 ? "-" : "") + String(repeating: fill, count: max(0, width - s.count)) + s
        }
        let hasDate: Bool
        let hasTime: Bool
        switch kind {
        case .date: (hasDate, hasTime) = (true, false)
        case .time: (hasDate, hasTime) = (false, true)
        default: (hasDate, hasTime) = (true, true)
        }
        while i < f.count {
            let c = f[i]
            i += 1
            guard c == "%" else {
                out.unicodeScalars.append(c)
                continue
            }
            guard i < f.count else { throw BigQueryError("Invalid format string: ends with %") }
            var element = f[i]
            i += 1
            var fractionDigits: Int? = nil
            var allFraction = false
            var padYear = false
            if element == "E" || element == "O" {
                guard i < f.count else { throw BigQueryError("Invalid format string: ends with %\(element)") }
                let modifier = element
                element = f[i]
                i += 1
                if modifier == "E" {
                    if element == "*" && i < f.count && f[i] == "S" {
                        allFraction = true
                        element = "S"
                        i += 1
                    } else if element.properties.numericType != nil, let digit = Int(String(element)), i < f.count,
                        f[i] == "S" || (f[i] == "Y" && digit == 4)
                    {
                        element = f[i]
                        i += 1
                        if element == "S" { fractionDigits = digit } else { padYear = true }
                    } else if element == "z" {
                        guard case .timestamp(let offset, _, _) = kind else { throw notFor("%Ez", kind) }
                        out += offsetText(offset, colon: true)
                        continue
                    }
                }
            }
            if DateTimeFormatter.dateElements.contains(element) && !hasDate { throw notFor("%\(element)", kind) }
            if DateTimeFormatter.timeElements.contains(element) && !hasTime { throw notFor("%\(element)", kind) }
            let hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12
            switch element {
            case "A": out += dayNames[Int(value.date.weekday)]
            case "a": out += String(dayNames[Int(value.date.weekday)].prefix(3))
            case "B": out += monthNames[Int(mo - 1)]
            case "b", "h": out += String(monthNames[Int(mo - 1)].prefix(3))
            case "C": out += pad(y / 100, 2)
            case "c":
                guard hasDate && hasTime else { throw notFor("%c", kind) }
                out +=
                    String(dayNames[Int(value.date.weekday)].prefix(3)) + " "
                    + String(monthNames[Int(mo - 1)].prefix(3)) + " " + pad(d, 2, " ") + " "
                    + "\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2)) \(y)"
            case "D", "x": out += "\(pad(mo, 2))/\(pad(d, 2))/\(pad(y % 100, 2))"
            case "d": out += pad(d, 2)
            case "e": out += pad(d, 2, " ")
            case "F": out += "\(y)-\(pad(mo, 2))-\(pad(d, 2))"
            case "G": out += String(DateMath.isoYearWeek(value.date).year)
            case "g": out += pad(DateMath.isoYearWeek(value.date).year % 100, 2)
            case "H": out += pad(t.hour, 2)
            case "I": out += pad(hour12, 2)
            case "j": out += pad(value.date.dayOfYear, 3)
            case "k": out += pad(t.hour, 2, " ")
            case "l": out += pad(hour12, 2, " ")
            case "M": out += pad(t.minute, 2)
            case "m": out += pad(mo, 2)
            case "n": out += "\n"
            case "t": out += "\t"
            case "P": out += t.hour < 12 ? "am" : "pm"
            case "p": out += t.hour < 12 ? "AM" : "PM"
            case "Q": out += String((mo - 1) / 3 + 1)
            case "R": out += "\(pad(t.hour, 2)):\(pad(t.minute, 2))"
            case "S":
                out += pad(t.second, 2)
                if allFraction {
                    var fraction = t.fraction
                    if fraction != 0 {
                        var digits = 6
                        while fraction % 10 == 0 {
                            fraction /= 10
                            digits -= 1
                        }
                        out += "." + pad(fraction, digits)
                    }
                } else if let fractionDigits, fractionDigits > 0 {
                    let six = pad(t.fraction, 6)
                    out +=
                        "."
                        + (fractionDigits <= 6
                            ? String(six.prefix(fractionDigits))
                            : six + String(repeating: "0", count: fractionDigits - 6))
                }
            case "s":
                guard case .timestamp(_, _, let micros) = kind else {
                    if hasDate && hasTime || hasDate {
                        out += String(floorDivide(value.micros, 1_000_000).0)
                        continue
                    }
                    throw notFor("%s", kind)
                }
                out += String(floorDivide(micros, 1_000_000).0)
            case "T", "X": out += "\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2))"
            case "U": out += pad(try DateMath.extract(.week(0), value.date), 2)
            case "W": out += pad(try DateMath.extract(.week(1), value.date), 2)
            case "u": out += String(value.date.weekday == 0 ? 7 : value.date.weekday)
            case "w": out += String(value.date.weekday)
            case "V": out += pad(DateMath.isoYearWeek(value.date).week, 2)
            case "Y": out += padYear ? pad(y, 4) : String(y)
            case "y": out += pad(y % 100, 2)
            case "Z":
                guard case .timestamp(_, let abbreviation, _) = kind else { throw notFor("%Z", kind) }
                out += abbreviation
            case "z":
                guard case .timestamp(let offset, _, _) = kind else { throw notFor("%z", kind) }
                out += offsetText(offset, colon: false)
            case "%": out += "%"
            default:
                throw BigQueryError("Invalid format: %\(element) is not a supported format element")
            }
        }
        return out
    }

    static func offsetText(_ offset: Int64, colon: Bool) -> String {
        let sign = offset < 0 ? "-" : "+"
        let m = Swift.abs(offset) / 60
        let hh = m / 60 < 10 ? "0\(m / 60)" : "\(m / 60)"
        let mm = m % 60 < 10 ? "0\(m % 60)" : "\(m % 60)"
        return sign + hh + (colon ? ":" : "") + mm
    }

    static func notFor(_ element: String, _ kind: Kind) -> BigQueryError {
        BigQueryError("Invalid format: \(element) is not allowed for the \(kind.name) type")
    }
}
