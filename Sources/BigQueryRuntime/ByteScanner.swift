/// Reads fixed-width decimal fields from UTF-8 bytes without allocating: the canonical-form parser.
struct ByteScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }

    /// Exactly `width` ASCII digits as a number, or nil.
    mutating func digits(_ width: Int) -> Int64? {
        guard index + width <= bytes.count else { return nil }
        var value: Int64 = 0
        for offset in 0..<width {
            let byte = bytes[index + offset]
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        index += width
        return value
    }

    /// Consumes `byte` if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// `YYYY-MM-DD`, validated as a calendar date (range not checked).
    mutating func date() -> CivilDate? {
        guard let y = digits(4), take(45), let m = digits(2), take(45), let d = digits(2) else { return nil }
        guard m >= 1 && m <= 12 && d >= 1 && d <= CivilDate.daysIn(year: y, month: m) && y >= 1 else { return nil }
        return CivilDate(unchecked: CivilDate.daysFromCivil(y, m, d))
    }

    /// `HH:MM:SS[.ffffff]` in canonical form (the fraction exactly 6 digits and not all zero).
    mutating func time() -> CivilTime? {
        guard let h = digits(2), take(58), let m = digits(2), take(58), let s = digits(2) else { return nil }
        guard h < 24 && m < 60 && s < 60 else { return nil }
        var micros: Int64 = 0
        if take(46) {
            guard let f = digits(6), f != 0 else { return nil }
            micros = f
        }
        return CivilTime(unchecked: ((h * 60 + m) * 60 + s) * 1_000_000 + micros)
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]`.
    mutating func dateTime() -> CivilDateTime? {
        guard let date = date(), take(32), let time = time() else { return nil }
        return CivilDateTime(date: date, time: time)
    }
}

/// Builds canonical text in a fixed 32-byte buffer: two digits at a time, one String at the end (none for the
/// 10-byte DATE, which fits a small string).
struct CanonicalText {
    var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var count = 0

    init() {}

    var string: String {
        var copy = storage
        return withUnsafeBytes(of: &copy) { raw in
            String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<count]), as: UTF8.self)
        }
    }

    @inline(__always) mutating func byte(_ b: UInt8) {
        withUnsafeMutableBytes(of: &storage) { $0[count] = b }
        count += 1
    }

    @inline(__always) mutating func two(_ value: Int64) {
        let v = UInt8(truncatingIfNeeded: value)
        withUnsafeMutableBytes(of: &storage) {
            $0[count] = 48 &+ v / 10
            $0[count + 1] = 48 &+ v % 10
        }
        count += 2
    }

    mutating func appendDate(_ date: CivilDate) {
        let (y, m, d) = date.fields
        two(y / 100)
        two(y % 100)
        byte(45)
        two(m)
        byte(45)
        two(d)
    }

    mutating func appendTime(_ time: CivilTime) {
        let micros = time.micros
        let seconds = micros / 1_000_000
        two(seconds / 3600)
        byte(58)
        two(seconds / 60 % 60)
        byte(58)
        two(seconds % 60)
        let fraction = micros % 1_000_000
        if fraction != 0 {
            byte(46)
            two(fraction / 10_000)
            two(fraction / 100 % 100)
            two(fraction % 100)
        }
    }
}

extension CivilDate {
    /// Parses the canonical form from UTF-8 bytes without allocating.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(BigQueryError) -> CivilDate {
        var scanner = ByteScanner(bytes)
        guard bytes.count == 10, let date = scanner.date() else {
            throw BigQueryError("Invalid DATE value: '\(String(decoding: bytes, as: UTF8.self))'")
        }
        return date
    }
}

extension CivilTime {
    /// Parses the canonical form from UTF-8 bytes without allocating.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(BigQueryError) -> CivilTime {
        var scanner = ByteScanner(bytes)
        guard let time = scanner.time(), scanner.atEnd else {
            throw BigQueryError("Invalid TIME value: '\(String(decoding: bytes, as: UTF8.self))'")
        }
        return time
    }
}

extension CivilDateTime {
    /// Parses the canonical form from UTF-8 bytes without allocating.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(BigQueryError) -> CivilDateTime {
        var scanner = ByteScanner(bytes)
        guard let value = scanner.dateTime(), scanner.atEnd else {
            throw BigQueryError("Invalid DATETIME value: '\(String(decoding: bytes, as: UTF8.self))'")
        }
        return value
    }
}

extension Timestamp {
    /// Parses the canonical stored form from UTF-8 bytes without allocating.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(BigQueryError) -> Timestamp {
        var scanner = ByteScanner(bytes)
        guard let value = scanner.dateTime(), scanner.atEnd else {
            throw BigQueryError("Invalid TIMESTAMP value: '\(String(decoding: bytes, as: UTF8.self))'")
        }
        return Timestamp(unchecked: value.micros)
    }
}
