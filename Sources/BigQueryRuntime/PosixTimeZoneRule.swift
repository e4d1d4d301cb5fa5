/// The POSIX TZ string at the end of a TZif v2+ file (`GMT0BST,M3.5.0/1,M10.5.0`): the rule for instants after
/// the transition table.
struct PosixTimeZoneRule: Sendable {
    /// When a change happens: a day of the year and a local time.
    enum Day: Sendable {
        /// `Jn`: day 1-365, February 29 never counted.
        case julian(Int64)
        /// `n`: day 0-365, counting February 29.
        case zeroBased(Int64)
        /// `Mm.w.d`: weekday d (0 = Sunday) of week w (5 = last) of month m.
        case monthWeekDay(month: Int64, week: Int64, weekday: Int64)
    }

    let standard: TimeZoneRules.LocalType
    let daylight: TimeZoneRules.LocalType?
    let start: (day: Day, seconds: Int64)
    let end: (day: Day, seconds: Int64)

    /// Parses a TZ string; nil when it is not one.
    init?(_ text: String) {
        var reader = PosixReader(Array(text.utf8))
        guard let stdName = reader.name(), let stdOffset = reader.offset() else { return nil }
        standard = TimeZoneRules.LocalType(offset: -stdOffset, isDST: false, abbreviation: stdName)
        if reader.atEnd {
            daylight = nil
            start = (.zeroBased(0), 0)
            end = (.zeroBased(0), 0)
            return
        }
        guard let dstName = reader.name() else { return nil }
        let dstOffset = reader.peekIsComma ? stdOffset - 3600 : (reader.offset() ?? (stdOffset - 3600))
        daylight = TimeZoneRules.LocalType(offset: -dstOffset, isDST: true, abbreviation: dstName)
        guard reader.take(UInt8(ascii: ",")), let startRule = reader.rule(), reader.take(UInt8(ascii: ",")),
            let endRule = reader.rule(), reader.atEnd
        else { return nil }
        start = startRule
        end = endRule
    }

    /// The local type at `seconds` UTC.
    func localType(atUTC seconds: Int64) -> TimeZoneRules.LocalType {
        guard let daylight else { return standard }
        let year = CivilDate.civilFromDays(floorDivide(seconds + standard.offset, 86_400).0).year
        let startUTC = localSeconds(start, year: year) - standard.offset
        let endUTC = localSeconds(end, year: year) - daylight.offset
        let inDST =
            startUTC < endUTC
            ? (seconds >= startUTC && seconds < endUTC) : !(seconds >= endUTC && seconds < startUTC)
        return inDST ? daylight : standard
    }

    /// Local seconds since the epoch at which `rule` fires in `year`.
    private func localSeconds(_ rule: (day: Day, seconds: Int64), year: Int64) -> Int64 {
        let days: Int64
        switch rule.day {
        case .julian(let n):
            let leapShift: Int64 = CivilDate.isLeap(year) && n >= 60 ? 1 : 0
            days = CivilDate.daysFromCivil(year, 1, 1) + n - 1 + leapShift
        case .zeroBased(let n):
            days = CivilDate.daysFromCivil(year, 1, 1) + n
        case .monthWeekDay(let month, let week, let weekday):
            let first = CivilDate.daysFromCivil(year, month, 1)
            let firstWeekday = ((first % 7) + 7 + 4) % 7
            var day = first + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            let last = first + CivilDate.daysIn(year: year, month: month) - 1
            while day > last { day -= 7 }
            days = day
        }
        return days * 86_400 + rule.seconds
    }
}

/// A cursor over the bytes of a TZ string.
private struct PosixReader {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var peekIsComma: Bool { index < bytes.count && bytes[index] == UInt8(ascii: ",") }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// `ABC` or `<+03>`.
    mutating func name() -> String? {
        let start = index
        if take(UInt8(ascii: "<")) {
            while index < bytes.count && bytes[index] != UInt8(ascii: ">") { index += 1 }
            guard take(UInt8(ascii: ">")) else { return nil }
            return String(decoding: bytes[(start + 1)..<(index - 1)], as: UTF8.self)
        }
        while index < bytes.count, (bytes[index] | 0x20) >= UInt8(ascii: "a"),
            (bytes[index] | 0x20) <= UInt8(ascii: "z")
        {
            index += 1
        }
        return index - start >= 3 ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    mutating func number() -> Int64? {
        var value: Int64 = 0
        var count = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57, count < 6 {
            value = value * 10 + Int64(bytes[index] - 48)
            index += 1
            count += 1
        }
        return count > 0 ? value : nil
    }

    /// `[+-]hh[:mm[:ss]]` in seconds (POSIX sign: positive is west of Greenwich).
    mutating func offset() -> Int64? {
        var sign: Int64 = 1
        if take(UInt8(ascii: "-")) { sign = -1 } else { _ = take(UInt8(ascii: "+")) }
        guard let hours = number() else { return nil }
        var seconds = hours * 3600
        if take(UInt8(ascii: ":")) {
            guard let minutes = number() else { return nil }
            seconds += minutes * 60
            if take(UInt8(ascii: ":")) {
                guard let secs = number() else { return nil }
                seconds += secs
            }
        }
        return sign * seconds
    }

    /// `Jn`, `n` or `Mm.w.d`, then an optional `/time` (default 02:00).
    mutating func rule() -> (day: PosixTimeZoneRule.Day, seconds: Int64)? {
        let day: PosixTimeZoneRule.Day
        if take(UInt8(ascii: "M")) {
            guard let m = number(), take(UInt8(ascii: ".")), let w = number(), take(UInt8(ascii: ".")),
                let d = number(), (1...12).contains(m), (1...5).contains(w), (0...6).contains(d)
            else { return nil }
            day = .monthWeekDay(month: m, week: w, weekday: d)
        } else if take(UInt8(ascii: "J")) {
            guard let n = number(), (1...365).contains(n) else { return nil }
            day = .julian(n)
        } else {
            guard let n = number(), (0...365).contains(n) else { return nil }
            day = .zeroBased(n)
        }
        var seconds: Int64 = 7200
        if take(UInt8(ascii: "/")) {
            guard let time = offset() else { return nil }
            seconds = time
        }
        return (day, seconds)
    }
}
