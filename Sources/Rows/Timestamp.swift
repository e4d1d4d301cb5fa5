/// TIMESTAMP values as microseconds since 1970-01-01T00:00:00Z.
public enum Timestamp {
    /// Microseconds in one day.
    public static let microsPerDay: Int64 = 86_400_000_000

    /// Parses ISO-8601 with a zone: `2018-01-01T00:30:00Z`, `2018-01-01T00:30:00.000+00:00`,
    /// `2018-01-01 00:30:00+01:00`; up to 9 fraction digits (truncated to microseconds).
    public static func parse(bytes b: UnsafeRawBufferPointer) -> Int64? {
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "t"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let y = CivilDate.digits(b, 0, 4), let mo = CivilDate.digits(b, 5, 2), let d = CivilDate.digits(b, 8, 2),
            let h = CivilDate.digits(b, 11, 2), let mi = CivilDate.digits(b, 14, 2),
            let s = CivilDate.digits(b, 17, 2),
            y >= 1, (1...12).contains(mo), d >= 1, d <= CivilDate.daysInMonth(year: y, month: mo),
            h < 24, mi < 60, s < 60
        else { return nil }
        var i = 19
        var micros: Int64 = 0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            var digitsSeen = 0
            while i < b.count, b[i] &- 48 < 10 {
                if digitsSeen < 6 { micros = micros * 10 + Int64(b[i] - 48) }
                digitsSeen += 1
                i += 1
            }
            guard digitsSeen > 0, digitsSeen <= 9 else { return nil }
            for _ in digitsSeen..<max(digitsSeen, 6) { micros *= 10 }
        }
        guard i < b.count else { return nil }
        var offsetSeconds = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = CivilDate.digits(b, i + 1, 2) else { return nil }
            var j = i + 3
            var om = 0
            let colon = j < b.count && b[j] == UInt8(ascii: ":")
            if colon { j += 1 }
            if let m = CivilDate.digits(b, j, 2) {
                om = m
                j += 2
            } else if colon {
                return nil
            }
            guard oh < 24, om < 60 else { return nil }
            offsetSeconds = sign * (oh * 3600 + om * 60)
            i = j
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let day = CivilDate.dayNumber(year: y, month: mo, day: d)
        let seconds = day * 86_400 + Int64(h * 3600 + mi * 60 + s - offsetSeconds)
        return seconds * 1_000_000 + micros
    }

    /// Parses a timestamp string; nil when malformed.
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC: SQLite's own datetime form, so that text order is time order.
    public static func sqlString(_ micros: Int64) -> String {
        format(micros, separator: " ", suffix: "")
    }

    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`, as the Insights API writes timestamps.
    public static func isoString(_ micros: Int64) -> String {
        format(micros, separator: "T", suffix: "Z")
    }

    /// Writes `YYYY-MM-DD HH:MM:SS[.ffffff]` into `out` (at least 26 bytes); returns the length.
    @inline(__always)
    public static func writeSQL(_ micros: Int64, into out: UnsafeMutableRawBufferPointer) -> Int {
        let (seconds, fraction) = floorDivision(micros, 1_000_000)
        let (day, secondOfDay) = floorDivision(seconds, 86_400)
        let (y, m, d) = CivilDate.components(day)
        guard (0...9999).contains(y) else {
            let text = Array(sqlString(micros).utf8.prefix(out.count))
            out.copyBytes(from: text)
            return text.count
        }
        func put2(_ v: Int, _ at: Int) {
            out[at] = UInt8(48 + v / 10)
            out[at + 1] = UInt8(48 + v % 10)
        }
        put2(y / 100, 0)
        put2(y % 100, 2)
        out[4] = UInt8(ascii: "-")
        put2(m, 5)
        out[7] = UInt8(ascii: "-")
        put2(d, 8)
        out[10] = UInt8(ascii: " ")
        return writeTimeOfDay(secondOfDay, fraction, into: out)
    }

    /// Writes `HH:MM:SS[.ffffff]` at offset 11 of `out` (at least 26 bytes); returns the whole length.
    @inline(__always)
    static func writeTimeOfDay(_ secondOfDay: Int, _ fraction: Int, into out: UnsafeMutableRawBufferPointer) -> Int {
        func put2(_ v: Int, _ at: Int) {
            out[at] = UInt8(48 + v / 10)
            out[at + 1] = UInt8(48 + v % 10)
        }
        put2(secondOfDay / 3600, 11)
        out[13] = UInt8(ascii: ":")
        put2(secondOfDay / 60 % 60, 14)
        out[16] = UInt8(ascii: ":")
        put2(secondOfDay % 60, 17)
        guard fraction != 0 else { return 19 }
        out[19] = UInt8(ascii: ".")
        var f = fraction
        for i in stride(from: 25, through: 20, by: -1) {
            out[i] = UInt8(48 + f % 10)
            f /= 10
        }
        return 26
    }

    /// `value` divided by `divisor` rounded down, and the remainder (0 ≤ r < divisor); never overflows.
    @inline(__always)
    static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int) {
        var (q, r) = value.quotientAndRemainder(dividingBy: divisor)
        if r < 0 {
            q -= 1
            r += divisor
        }
        return (q, Int(r))
    }

    static func format(_ micros: Int64, separator: String, suffix: String) -> String {
        let (seconds, fraction) = floorDivision(micros, 1_000_000)
        let (day, secondOfDay) = floorDivision(seconds, 86_400)
        var result =
            CivilDate.string(day) + separator + CivilDate.pad2(secondOfDay / 3600) + ":"
            + CivilDate.pad2(secondOfDay / 60 % 60) + ":" + CivilDate.pad2(secondOfDay % 60)
        if fraction != 0 {
            let digits = String(fraction)
            result += "." + String(repeating: "0", count: 6 - digits.count) + digits
        }
        return result + suffix
    }
}

/// Writes timestamps as `Timestamp.writeSQL` does, keeping the last text written and the date part (`YYYY-MM-DD `)
/// of its day: a column often repeats a timestamp (an ingestion time) and mostly stays on one day, so most values
/// are a copy or format only their time of day.
public struct SQLTimestampWriter {
    private var day: Int64 = .min
    private var last: Int64 = .min
    private var lastCount = 0
    private var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    public init() {}

    /// Writes `micros` as `YYYY-MM-DD HH:MM:SS[.ffffff]` into `out` (at least 26 bytes); returns the length.
    @inline(__always)
    public mutating func write(_ micros: Int64, into out: UnsafeMutableRawBufferPointer) -> Int {
        if micros == last, lastCount > 0 {
            withUnsafeBytes(of: &text) { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[..<lastCount])) }
            return lastCount
        }
        let (seconds, fraction) = Timestamp.floorDivision(micros, 1_000_000)
        let (day, secondOfDay) = Timestamp.floorDivision(seconds, 86_400)
        let count: Int
        if day == self.day {
            withUnsafeBytes(of: &text) { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[..<11])) }
            count = Timestamp.writeTimeOfDay(secondOfDay, fraction, into: out)
        } else {
            count = Timestamp.writeSQL(micros, into: out)
            // Only the plain four-digit-year form is kept; other years go the long way every time.
            let dash = UInt8(ascii: "-")
            guard count >= 19, count <= 26, out[4] == dash, out[7] == dash, out[10] == UInt8(ascii: " ") else {
                self.day = .min
                lastCount = 0
                return count
            }
            self.day = day
        }
        withUnsafeMutableBytes(of: &text) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: out[..<count])) }
        last = micros
        lastCount = count
        return count
    }
}
