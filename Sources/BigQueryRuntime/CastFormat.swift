/// `CAST(x AS STRING FORMAT '...')` for DATE, DATETIME, TIME and TIMESTAMP, and `CAST(s AS DATE FORMAT ...)` back,
/// with the format elements of BigQuery's "Format elements for date and time parts" (CAST, not FORMAT_DATE's `%`
/// elements): `YYYY` `YYY` `YY` `Y` `RRRR` `RR` `MM` `MON` `MONTH` `DD` `DDD` `D` `DAY` `DY` `HH` `HH12` `HH24`
/// `MI` `SS` `SSSSS` `FF1`–`FF9` `AM` `PM` `A.M.` `P.M.` `TZH` `TZM`, literal separators `- . / , ' ; : ` and
/// space, and `"quoted text"`. The case of `MON`, `MONTH`, `DAY`, `DY` and the meridian indicator sets the case
/// of the text (`MON` JAN, `Mon` Jan, `mon` jan).
public enum CastFormat {
    /// One element of a format string.
    enum Element: Equatable {
        case literal(String)
        case part(String, written: String)
    }

    static let parts = [
        "SSSSS", "MONTH", "HH24", "HH12", "YYYY", "RRRR", "A.M.", "P.M.", "YYY", "MON", "DAY", "DDD", "TZH", "TZM",
        "FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "FF7", "FF8", "FF9", "YY", "RR", "MM", "DD", "DY", "HH", "MI", "SS",
        "AM", "PM", "Y", "D",
    ]
    static let dateParts: Set<String> = [
        "YYYY", "RRRR", "YYY", "YY", "RR", "Y", "MM", "MON", "MONTH", "DD", "DDD", "D", "DAY", "DY",
    ]
    static let months = [
        "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER",
        "DECEMBER",
    ]
    static let days = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"]

    /// Splits a format string into elements.
    static func elements(_ format: String) throws(BigQueryError) -> [Element] {
        let characters = Array(format)
        var result: [Element] = []
        var index = 0
        outer: while index < characters.count {
            let c = characters[index]
            if c == "\"" {
                var text = ""
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                    text.append(characters[index])
                    index += 1
                }
                guard index < characters.count else { throw BigQueryError("Unterminated quoted text in format") }
                index += 1
                result.append(.literal(text))
                continue
            }
            if "-./,';: ".contains(c) {
                result.append(.literal(String(c)))
                index += 1
                continue
            }
            for part in parts where index + part.count <= characters.count {
                let written = String(characters[index..<(index + part.count)])
                if written.uppercased() == part {
                    result.append(.part(part, written: written))
                    index += part.count
                    continue outer
                }
            }
            throw BigQueryError("Cannot find matched format element at \(index)")
        }
        return result
    }

    /// Text in the case the element was written in: all upper, capitalized, or lower.
    static func cased(_ text: String, _ written: String) -> String {
        guard let first = written.first else { return text }
        if first.isLowercase { return text.lowercased() }
        if written.dropFirst().contains(where: \.isLowercase) { return text.prefix(1) + text.dropFirst().lowercased() }
        return text
    }

    static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Formats a civil date and time; `date`/`time` false rejects elements of the missing half; `offset` is the
    /// time zone's offset in seconds for TZH/TZM (TIMESTAMP only).
    public static func format(
        _ value: CivilDateTime, _ format: String, type: String, offsetSeconds: Int64? = nil
    ) throws(BigQueryError) -> String {
        let hasDate = type != "TIME"
        let hasTime = type != "DATE"
        var out = ""
        let (year, month, day) = value.date.fields
        let time = value.time
        for element in try elements(format) {
            guard case .part(let part, let written) = element else {
                if case .literal(let text) = element { out += text }
                continue
            }
            let isDatePart = dateParts.contains(part)
            if (isDatePart && !hasDate) || (!isDatePart && !hasTime) || (part.hasPrefix("TZ") && offsetSeconds == nil) {
                throw BigQueryError("Unsupported format element \(written) for \(type)")
            }
            switch part {
            case "YYYY", "RRRR": out += padded(year, 4)
            case "YYY": out += padded(year % 1000, 3)
            case "YY", "RR": out += padded(year % 100, 2)
            case "Y": out += String(year % 10)
            case "MM": out += padded(month, 2)
            case "MON": out += cased(String(months[Int(month) - 1].prefix(3)), written)
            case "MONTH": out += cased(months[Int(month) - 1], written)
            case "DD": out += padded(day, 2)
            case "DDD": out += padded(value.date.dayOfYear, 3)
            case "D": out += String(value.date.weekday + 1)
            case "DAY": out += cased(days[Int(value.date.weekday)], written)
            case "DY": out += cased(String(days[Int(value.date.weekday)].prefix(3)), written)
            case "HH", "HH12": out += padded((time.hour + 11) % 12 + 1, 2)
            case "HH24": out += padded(time.hour, 2)
            case "MI": out += padded(time.minute, 2)
            case "SS": out += padded(time.second, 2)
            case "SSSSS": out += padded(time.micros / 1_000_000, 5)
            case "AM", "PM", "A.M.", "P.M.":
                let pm = time.hour >= 12
                let text = part.contains(".") ? (pm ? "P.M." : "A.M.") : (pm ? "PM" : "AM")
                out += cased(text, written)
            case "TZH", "TZM":
                let offset = offsetSeconds ?? 0
                if part == "TZH" {
                    out += (offset < 0 ? "-" : "+") + padded(abs(offset) / 3600, 2)
                } else {
                    out += padded(abs(offset) / 60 % 60, 2)
                }
            default:
                // FF1...FF9: the fraction to n digits (truncated; digits past microseconds are zeros).
                let n = Int(part.dropFirst(2)) ?? 6
                let six = padded(time.fraction, 6)
                out += n <= 6 ? String(six.prefix(n)) : six + String(repeating: "0", count: n - 6)
            }
        }
        return out
    }

    /// Parses `text` with `format` into a civil date and time and the offset given by TZH/TZM, if any. The
    /// year, month and day must all be given for a DATE, DATETIME or TIMESTAMP (BigQuery would take the
    /// missing ones from the current date).
    public static func parse(_ text: String, _ format: String, type: String) throws(BigQueryError) -> (
        CivilDateTime, offsetSeconds: Int64?
    ) {
        let characters = Array(text)
        var index = 0
        var year: Int64? = nil
        var month: Int64? = nil
        var day: Int64? = nil
        var hour: Int64 = 0
        var minute: Int64 = 0
        var second: Int64 = 0
        var micros: Int64 = 0
        var pm: Bool? = nil
        var twelveHour = false
        var offsetHours: Int64? = nil
        var offsetMinutes: Int64 = 0
        let invalid = BigQueryError("Failed to parse input string \"\(text)\" with format \"\(format)\"")
        func number(_ maxDigits: Int, signed: Bool = false) throws(BigQueryError) -> Int64 {
            var negative = false
            if signed, index < characters.count, characters[index] == "+" || characters[index] == "-" {
                negative = characters[index] == "-"
                index += 1
            }
            var value: Int64 = 0
            var count = 0
            while count < maxDigits, index < characters.count, let digit = characters[index].wholeNumberValue,
                characters[index].isASCII
            {
                value = value * 10 + Int64(digit)
                index += 1
                count += 1
            }
            guard count > 0 else { throw invalid }
            return negative ? -value : value
        }
        func word(_ names: [String], prefix: Int?) throws(BigQueryError) -> Int {
            for (position, name) in names.enumerated() {
                let candidate = prefix.map { String(name.prefix($0)) } ?? name
                let end = index + candidate.count
                if end <= characters.count, String(characters[index..<end]).uppercased() == candidate {
                    index = end
                    return position
                }
            }
            throw invalid
        }
        for element in try elements(format) {
            switch element {
            case .literal(let literal):
                for c in literal {
                    guard index < characters.count, characters[index] == c else { throw invalid }
                    index += 1
                }
            case .part(let part, let written):
                let isDatePart = dateParts.contains(part)
                if (isDatePart && type == "TIME") || (!isDatePart && type == "DATE")
                    || (part.hasPrefix("TZ") && type != "TIMESTAMP")
                    || ["YYY", "YY", "Y", "RR", "DDD", "D", "DAY", "DY", "SSSSS"].contains(part)
                {
                    throw BigQueryError("Unsupported format element \(written) for parsing \(type)")
                }
                switch part {
                case "YYYY", "RRRR": year = try number(5)
                case "MM": month = try number(2)
                case "MON": month = Int64(try word(months, prefix: 3)) + 1
                case "MONTH": month = Int64(try word(months, prefix: nil)) + 1
                case "DD": day = try number(2)
                case "HH", "HH12":
                    hour = try number(2)
                    twelveHour = true
                case "HH24": hour = try number(2)
                case "MI": minute = try number(2)
                case "SS": second = try number(2)
                case "AM", "PM", "A.M.", "P.M.":
                    let names = part.contains(".") ? ["A.M.", "P.M."] : ["AM", "PM"]
                    pm = try word(names, prefix: nil) == 1
                case "TZH": offsetHours = try number(2, signed: true)
                case "TZM": offsetMinutes = try number(2)
                default:
                    let n = Int(part.dropFirst(2)) ?? 6
                    let start = index
                    let value = try number(n)
                    let digits = index - start
                    var scaled = value
                    for _ in digits..<9 { scaled *= 10 }
                    micros = scaled / 1000
                }
            }
        }
        guard index == characters.count else { throw invalid }
        if twelveHour {
            guard (1...12).contains(hour), let pm else { throw invalid }
            hour = hour % 12 + (pm ? 12 : 0)
        } else if pm != nil {
            throw invalid
        }
        let date: CivilDate
        if type == "TIME" {
            date = try CivilDate(days: 0)
        } else {
            guard let year, let month, let day else {
                throw BigQueryError("CAST to \(type) with FORMAT needs the year, month and day")
            }
            do { date = try CivilDate(year: year, month: month, day: day) } catch { throw invalid }
        }
        let time: CivilTime
        do { time = try CivilTime(hour: hour, minute: minute, second: second, micros: micros) } catch { throw invalid }
        let offset = offsetHours.map { $0 * 3600 + ($0 < 0 ? -offsetMinutes : offsetMinutes) * 60 }
        return (CivilDateTime(date: date, time: time), offset)
    }
}

extension CastFormat {
    /// `CAST(ts AS STRING FORMAT f [AT TIME ZONE zone])`: the civil time in `zone` (UTC by default).
    public static func format(_ timestamp: Timestamp, _ format: String, zone: TimeZoneRules) throws(BigQueryError)
        -> String
    {
        let offset = zone.offsetSeconds(atUTC: floorDivide(timestamp.micros, 1_000_000).0)
        return try self.format(timestamp.civil(in: zone), format, type: "TIMESTAMP", offsetSeconds: offset)
    }

    /// `CAST(s AS TIMESTAMP FORMAT f [AT TIME ZONE zone])`: TZH/TZM in the text win over `zone`.
    public static func parseTimestamp(_ text: String, _ format: String, zone: TimeZoneRules) throws(BigQueryError)
        -> Timestamp
    {
        let (civil, offset) = try parse(text, format, type: "TIMESTAMP")
        guard let offset else { return try Timestamp(civil: civil, in: zone) }
        return try Timestamp(micros: civil.micros - offset * 1_000_000)
    }
}
