/// PARSE_DATE, PARSE_DATETIME, PARSE_TIME and PARSE_TIMESTAMP: reads a string by BigQuery's format elements.
/// Fields the format does not give default to 1970-01-01 00:00:00; whitespace in the format matches any run of
/// whitespace; anything left over in the string is an error.
public enum DateTimeParser {
    struct Fields {
        var year: Int64 = 1970
        var month: Int64 = 1
        var day: Int64 = 1
        var hour: Int64 = 0
        var minute: Int64 = 0
        var second: Int64 = 0
        var micros: Int64 = 0
        var pm: Bool? = nil
        var dayOfYear: Int64? = nil
        var offset: Int64? = nil
        var zone: TimeZoneRules? = nil
        var epochSeconds: Int64? = nil
        var twoDigitYear: Int64? = nil
        var century: Int64? = nil
    }

    /// PARSE_DATE.
    public static func date(_ format: String, _ text: String) throws(BigQueryError) -> CivilDate {
        try civil(format, text, "DATE").date
    }

    /// PARSE_DATETIME.
    public static func datetime(_ format: String, _ text: String) throws(BigQueryError) -> CivilDateTime {
        try civil(format, text, "DATETIME")
    }

    /// PARSE_TIME.
    public static func time(_ format: String, _ text: String) throws(BigQueryError) -> CivilTime {
        try civil(format, text, "TIME").time
    }

    /// PARSE_TIMESTAMP: an offset or zone in the string wins over `zone`.
    public static func timestamp(_ format: String, _ text: String, zone: TimeZoneRules) throws(BigQueryError)
        -> Timestamp
    {
        let fields = try parse(format, text)
        if let epoch = fields.epochSeconds {
            let (micros, overflow) = epoch.multipliedReportingOverflow(by: 1_000_000)
            guard !overflow else { throw BigQueryError("Failed to parse input timestamp string: \(text)") }
            return try Timestamp(micros: micros)
        }
        let civil = try build(fields, text, "TIMESTAMP")
        if let offset = fields.offset {
            return try Timestamp(micros: civil.micros - offset * 1_000_000)
        }
        return try Timestamp(civil: civil, in: fields.zone ?? zone)
    }

    static func civil(_ format: String, _ text: String, _ type: String) throws(BigQueryError) -> CivilDateTime {
        let fields = try parse(format, text)
        if let epoch = fields.epochSeconds {
            let (micros, overflow) = epoch.multipliedReportingOverflow(by: 1_000_000)
            guard !overflow else { throw BigQueryError("Failed to parse input string: \(text)") }
            return try CivilDateTime(micros: micros)
        }
        return try build(fields, text, type)
    }

    static func build(_ f: Fields, _ text: String, _ type: String) throws(BigQueryError) -> CivilDateTime {
        var year = f.year
        if let yy = f.twoDigitYear {
            year = f.century.map { $0 * 100 + yy } ?? (yy < 69 ? 2000 + yy : 1900 + yy)
        } else if let c = f.century {
            year = c * 100
        }
        var hour = f.hour
        if let pm = f.pm {
            guard hour >= 1 && hour <= 12 else { throw BigQueryError("Failed to parse input string \"\(text)\"") }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        let date: CivilDate
        do {
            if let doy = f.dayOfYear {
                date = try CivilDate(days: CivilDate.daysFromCivil(year, 1, 1) + doy - 1)
                guard date.year == year else { throw BigQueryError("") }
            } else {
                date = try CivilDate(year: year, month: f.month, day: f.day)
            }
        } catch {
            throw BigQueryError("Failed to parse input string \"\(text)\": out of range \(type) value")
        }
        guard let time = try? CivilTime(hour: hour, minute: f.minute, second: f.second, micros: f.micros) else {
            throw BigQueryError("Failed to parse input string \"\(text)\"")
        }
        return CivilDateTime(date: date, time: time)
    }

    static func parse(_ format: String, _ text: String) throws(BigQueryError) -> Fields {
        let f = Array(format.unicodeScalars)
        let s = Array(text.unicodeScalars)
        var fields = Fields()
        var i = 0
        var j = 0
        let mismatch = BigQueryError("Mismatch between format character '%' and string character '\(text)'")
        func failure() -> BigQueryError { BigQueryError("Failed to parse input string \"\(text)\"") }
        func number(_ maxDigits: Int, signed: Bool = false) throws(BigQueryError) -> Int64 {
            var negative = false
            if signed && j < s.count && (s[j] == "-" || s[j] == "+") {
                negative = s[j] == "-"
                j += 1
            }
            var value: Int64 = 0
            let start = j
            while j < s.count && j - start < maxDigits,
                let digit = s[j].properties.numericType != nil ? Int64(String(s[j])) : nil
            {
                value = value * 10 + digit
                j += 1
            }
            guard j > start else { throw failure() }
            return negative ? -value : value
        }
        func name(_ names: [String]) throws(BigQueryError) -> Int {
            let rest = String(String.UnicodeScalarView(s[j...])).lowercased()
            for (index, full) in names.enumerated() {
                for candidate in [full.lowercased(), String(full.lowercased().prefix(3))]
                where rest.hasPrefix(candidate) {
                    j += candidate.unicodeScalars.count
                    return index
                }
            }
            throw failure()
        }
        func skipSpace() { while j < s.count && s[j].properties.isWhitespace { j += 1 } }
        func expand(_ e: String) -> [Unicode.Scalar] { Array(e.unicodeScalars) }
        var pending: [Unicode.Scalar] = []
        while i < f.count || !pending.isEmpty {
            let c: Unicode.Scalar
            if !pending.isEmpty {
                c = pending.removeFirst()
            } else {
                c = f[i]
                i += 1
            }
            if c.properties.isWhitespace {
                skipSpace()
                continue
            }
            if c != "%" {
                guard j < s.count && s[j] == c else { throw mismatch }
                j += 1
                continue
            }
            var e: Unicode.Scalar
            if !pending.isEmpty {
                e = pending.removeFirst()
            } else {
                guard i < f.count else { throw BigQueryError("Invalid format string: ends with %") }
                e = f[i]
                i += 1
            }
            var fractionDigits: Int? = nil
            if e == "E" || e == "O" {
                guard i < f.count else { throw BigQueryError("Invalid format string") }
                let modifier = e
                e = f[i]
                i += 1
                if modifier == "E" && e == "*" && i < f.count && f[i] == "S" {
                    fractionDigits = 6
                    e = "S"
                    i += 1
                } else if modifier == "E", let digit = Int(String(e)), i < f.count, f[i] == "S" || f[i] == "Y" {
                    e = f[i]
                    i += 1
                    if e == "S" { fractionDigits = digit }
                } else if modifier == "E" && e == "z" {
                    e = "z"
                }
            }
            switch e {
            case "Y": fields.year = try number(4, signed: true)
            case "y": fields.twoDigitYear = try number(2)
            case "C": fields.century = try number(2)
            case "m": fields.month = try number(2)
            case "d", "e":
                skipSpace()
                fields.day = try number(2)
            case "j": fields.dayOfYear = try number(3)
            case "H", "k":
                skipSpace()
                fields.hour = try number(2)
            case "I", "l":
                skipSpace()
                fields.hour = try number(2)
                if fields.pm == nil { fields.pm = false }
            case "M": fields.minute = try number(2)
            case "S":
                fields.second = try number(2)
                if fractionDigits != nil, j < s.count, s[j] == "." {
                    j += 1
                    let start = j
                    var micros: Int64 = 0
                    var count = 0
                    while j < s.count, let digit = s[j].properties.numericType != nil ? Int64(String(s[j])) : nil {
                        if count < 6 { micros = micros * 10 + digit }
                        count += 1
                        j += 1
                    }
                    guard j > start else { throw failure() }
                    for _ in min(count, 6)..<6 { micros *= 10 }
                    fields.micros = micros
                }
            case "p", "P":
                let rest = String(String.UnicodeScalarView(s[j...])).lowercased()
                if rest.hasPrefix("am") {
                    fields.pm = false
                } else if rest.hasPrefix("pm") {
                    fields.pm = true
                } else {
                    throw failure()
                }
                j += 2
            case "B", "b", "h": fields.month = Int64(try name(DateTimeFormatter.monthNames)) + 1
            case "A", "a": _ = try name(DateTimeFormatter.dayNames)
            case "u", "w": _ = try number(1)
            case "s": fields.epochSeconds = try number(18, signed: true)
            case "z":
                guard j < s.count else { throw failure() }
                if s[j] == "Z" {
                    j += 1
                    fields.offset = 0
                    continue
                }
                guard s[j] == "+" || s[j] == "-" else { throw failure() }
                let negative = s[j] == "-"
                j += 1
                let hours = try number(2)
                if j < s.count && s[j] == ":" { j += 1 }
                var minutes: Int64 = 0
                if j < s.count, s[j].properties.numericType != nil { minutes = try number(2) }
                let offset = (hours * 60 + minutes) * 60
                fields.offset = negative ? -offset : offset
            case "Z":
                let start = j
                while j < s.count && !s[j].properties.isWhitespace { j += 1 }
                let zoneName = String(String.UnicodeScalarView(s[start..<j]))
                fields.zone = try TimeZoneRules.named(zoneName)
            case "F": pending = expand("%Y-%m-%d") + pending
            case "T", "X": pending = expand("%H:%M:%S") + pending
            case "R": pending = expand("%H:%M") + pending
            case "D", "x": pending = expand("%m/%d/%y") + pending
            case "c": pending = expand("%a %b %e %H:%M:%S %Y") + pending
            case "n", "t": skipSpace()
            case "%":
                guard j < s.count && s[j] == "%" else { throw mismatch }
                j += 1
            default:
                throw BigQueryError("Invalid format: %\(e) is not supported in PARSE functions")
            }
        }
        guard j == s.count else {
            throw BigQueryError(
                "Illegal non-space trailing data '\(String(String.UnicodeScalarView(s[j...])))' in string \"\(text)\"")
        }
        return fields
    }
}
