/// Parses BigQuery's date and time literal text into the store's canonical forms.
///
/// A private helper: the runtime module (bq-functions) owns full time-zone support; literals with a named
/// zone other than UTC are left to `bq_timestamp_from_string` at run time.
enum CivilLiteral {
    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date of a day number.
    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: Swift.max(0, width - text.count)) + text
    }

    /// `YYYY-MM-DD` of a day number.
    static func dateString(days: Int) -> String {
        let d = date(days: days)
        return "\(pad(d.year, 4))-\(pad(d.month, 2))-\(pad(d.day, 2))"
    }

    /// A reader over literal text.
    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func number(min: Int, max: Int) -> Int? {
            var value = 0
            var count = 0
            while let b = peek, b >= 0x30, b <= 0x39, count < max {
                value = value * 10 + Int(b - 0x30)
                count += 1
                index += 1
            }
            return count >= min ? value : nil
        }

        mutating func accept(_ c: Character) -> Bool {
            guard let b = peek, let a = c.asciiValue, b == a else { return false }
            index += 1
            return true
        }
    }

    /// A date `Y-M-D` (year of 1 to 4 digits) as its day number.
    private static func readDate(_ r: inout Reader) -> Int? {
        guard let y = r.number(min: 1, max: 4), r.accept("-"), let m = r.number(min: 1, max: 2), r.accept("-"),
            let d = r.number(min: 1, max: 2), y >= 1, (1...12).contains(m), d >= 1
        else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= lengths[m - 1] else { return nil }
        return days(year: y, month: m, day: d)
    }

    /// `H:M[:S[.f]]` as microseconds since midnight.
    private static func readTime(_ r: inout Reader) -> Int64? {
        guard let h = r.number(min: 1, max: 2), r.accept(":"), let m = r.number(min: 1, max: 2), h < 24, m < 60 else {
            return nil
        }
        var s = 0
        var micros = 0
        if r.accept(":") {
            guard let sec = r.number(min: 1, max: 2), sec < 60 else { return nil }
            s = sec
            if r.accept(".") {
                var digits = 0
                while let b = r.peek, b >= 0x30, b <= 0x39 {
                    guard digits < 6 else { return nil }
                    micros = micros * 10 + Int(b - 0x30)
                    digits += 1
                    r.index += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<6 { micros *= 10 }
            }
        }
        return Int64(((h * 60 + m) * 60 + s) * 1_000_000 + micros)
    }

    /// `HH:MM:SS[.ffffff]` of microseconds since midnight.
    static func timeString(micros: Int64) -> String {
        let seconds = Int(micros / 1_000_000)
        let fraction = Int(micros % 1_000_000)
        var text = "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if fraction != 0 { text += "." + pad(fraction, 6) }
        return text
    }

    /// The canonical date `days` after (or before) a canonical date.
    static func shifted(_ canonical: String, by days: Int) -> String {
        var r = Reader(bytes: Array(canonical.utf8))
        guard let d = readDate(&r) else { return canonical }
        return dateString(days: d + days)
    }

    /// The canonical DATE text of a literal, or `nil` when it is not a date.
    static func date(_ text: String) -> String? {
        var r = Reader(bytes: Array(text.utf8))
        guard let d = readDate(&r), r.atEnd else { return nil }
        return dateString(days: d)
    }

    /// The canonical TIME text of a literal.
    static func time(_ text: String) -> String? {
        var r = Reader(bytes: Array(text.utf8))
        guard let t = readTime(&r), r.atEnd else { return nil }
        return timeString(micros: t)
    }

    /// The canonical DATETIME text of a literal (`date`, `date time`, `dateTtime`).
    static func datetime(_ text: String) -> String? {
        var r = Reader(bytes: Array(text.utf8))
        guard let d = readDate(&r) else { return nil }
        var t: Int64 = 0
        if !r.atEnd {
            guard r.accept(" ") || r.accept("T") || r.accept("t"), let time = readTime(&r) else { return nil }
            t = time
        }
        guard r.atEnd else { return nil }
        return dateString(days: d) + " " + timeString(micros: t)
    }

    /// The outcome of reading a TIMESTAMP literal.
    enum TimestampLiteral: Equatable {
        /// Canonical UTC text.
        case utc(String)
        /// Valid up to a named time zone that only the runtime can apply.
        case needsZone
        case invalid
    }

    /// Reads a TIMESTAMP literal: a datetime with an optional `Z`, offset or zone name (UTC assumed).
    static func timestamp(_ text: String) -> TimestampLiteral {
        var r = Reader(bytes: Array(text.utf8))
        guard let d = readDate(&r) else { return .invalid }
        var t: Int64 = 0
        if r.accept(" ") || r.accept("T") || r.accept("t") {
            if let time = readTime(&r) {
                t = time
            } else if r.index > 0 {
                r.index -= 1
            }
        }
        var offsetMinutes = 0
        _ = r.accept(" ")
        if r.atEnd || r.accept("Z") || r.accept("z") {
            // UTC.
        } else if let sign = r.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            r.index += 1
            guard let h = r.number(min: 1, max: 2), h <= 14 else { return .invalid }
            var m = 0
            if r.accept(":") {
                guard let minutes = r.number(min: 2, max: 2), minutes < 60 else { return .invalid }
                m = minutes
            }
            offsetMinutes = (h * 60 + m) * (sign == UInt8(ascii: "-") ? -1 : 1)
        } else {
            let zone = String(decoding: r.bytes[r.index...], as: UTF8.self)
            if zone.uppercased() == "UTC" {
                r.index = r.bytes.count
            } else {
                return zone.isEmpty || zone.contains(" ") ? .invalid : .needsZone
            }
        }
        guard r.atEnd else { return .invalid }
        let micros = Int64(d) * 86_400_000_000 + t - Int64(offsetMinutes) * 60_000_000
        let day = Int(micros >= 0 ? micros / 86_400_000_000 : (micros - 86_399_999_999) / 86_400_000_000)
        let rest = micros - Int64(day) * 86_400_000_000
        guard (1...9999).contains(date(days: day).year) else { return .invalid }
        return .utc(dateString(days: day) + " " + timeString(micros: rest))
    }
}
