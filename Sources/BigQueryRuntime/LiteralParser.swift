/// Parses date and time text in the lenient forms BigQuery's literals and CAST accept:
/// `YYYY-[M]M-[D]D`, `[H]H:[M]M:[S]S[.F…]` (up to 6 fraction digits), date and time joined by a space or `T`,
/// and for TIMESTAMP an optional zone: `Z`, `+HH[:MM]`, or a space and a zone name.
public enum LiteralParser {
    /// CAST(STRING AS DATE).
    public static func date(_ text: String) throws(BigQueryError) -> CivilDate {
        var reader = Reader(text)
        guard let date = reader.date(), reader.atEnd else { throw BigQueryError("Invalid date: '\(text)'") }
        return date
    }

    /// CAST(STRING AS TIME).
    public static func time(_ text: String) throws(BigQueryError) -> CivilTime {
        var reader = Reader(text)
        guard let time = reader.time(), reader.atEnd else { throw BigQueryError("Invalid time: '\(text)'") }
        return time
    }

    /// CAST(STRING AS DATETIME): a date alone means midnight.
    public static func dateTime(_ text: String) throws(BigQueryError) -> CivilDateTime {
        var reader = Reader(text)
        guard let value = reader.dateTime(), reader.atEnd else {
            throw BigQueryError("Invalid datetime: '\(text)'")
        }
        return value
    }

    /// CAST(STRING AS TIMESTAMP) and TIMESTAMP(string[, zone]): a zone in the text wins over `zone`.
    public static func timestamp(_ text: String, zone: TimeZoneRules = .utc, zoneGiven: Bool = false)
        throws(BigQueryError) -> Timestamp
    {
        let failure = BigQueryError("Invalid timestamp: '\(text)'")
        var reader = Reader(text)
        guard let civil = reader.dateTime() else { throw failure }
        var rules = zone
        if !reader.atEnd {
            if zoneGiven { throw BigQueryError("Timezone is not allowed in \"\(text)\"") }
            _ = reader.take(32)
            let rest = String(decoding: reader.bytes[reader.index...], as: UTF8.self)
            if rest == "Z" || rest == "z" {
                rules = .utc
            } else if let offset = TimeZoneDirectory.fixedOffset(rest) {
                rules = TimeZoneRules(name: rest, fixedOffsetSeconds: offset)
            } else {
                guard let named = try? TimeZoneRules.named(rest) else { throw failure }
                rules = named
            }
        }
        guard let result = try? Timestamp(civil: civil, in: rules) else { throw failure }
        return result
    }

    struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(_ text: String) { bytes = Array(text.utf8) }

        var atEnd: Bool { index >= bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func number(maxDigits: Int) -> (value: Int64, digits: Int)? {
            var value: Int64 = 0
            var count = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57, count < maxDigits {
                value = value * 10 + Int64(bytes[index] - 48)
                index += 1
                count += 1
            }
            return count == 0 ? nil : (value, count)
        }

        mutating func date() -> CivilDate? {
            guard let y = number(maxDigits: 4), y.digits == 4, take(45), let m = number(maxDigits: 2), take(45),
                let d = number(maxDigits: 2)
            else { return nil }
            return try? CivilDate(year: y.value, month: m.value, day: d.value)
        }

        mutating func time() -> CivilTime? {
            guard let h = number(maxDigits: 2), take(58), let m = number(maxDigits: 2), take(58),
                let s = number(maxDigits: 2)
            else { return nil }
            var micros: Int64 = 0
            if take(46) {
                guard let f = number(maxDigits: 6) else { return nil }
                micros = f.value
                for _ in f.digits..<6 { micros *= 10 }
                if index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { return nil }
            }
            return try? CivilTime(hour: h.value, minute: m.value, second: s.value, micros: micros)
        }

        mutating func dateTime() -> CivilDateTime? {
            guard let date = date() else { return nil }
            let mark = index
            if take(32) || take(84) || take(116) {
                if let time = time() { return CivilDateTime(date: date, time: time) }
                index = mark
            }
            return CivilDateTime(date: date, time: CivilTime(unchecked: 0))
        }
    }
}
