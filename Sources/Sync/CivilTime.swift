/// Dates and UTC timestamps as BigQuery's `UNIX_DATE` and `UNIX_SECONDS` count them.
enum CivilTime {
    /// Days since 1970-01-01 of `YYYY-MM-DD` (proleptic Gregorian), or nil.
    static func unixDate(_ text: String) -> Int64? {
        let parts = text.prefix(10).split(separator: "-")
        guard text.count >= 10, parts.count == 3, let y = Int64(parts[0]), let m = Int64(parts[1]),
            let d = Int64(parts[2]), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let year = m <= 2 ? y - 1 : y
        let era = (year >= 0 ? year : year - 399) / 400
        let yoe = year - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Seconds since the epoch of `YYYY-MM-DD[ T]HH:MM:SS[.ffffff][Z|+00:00]` (UTC), truncated; or nil.
    static func unixSeconds(_ text: String) -> Int64? {
        guard let days = unixDate(text) else { return nil }
        let characters = Array(text.utf8)
        guard characters.count >= 19 else { return characters.count == 10 ? days * 86_400 : nil }
        func number(_ range: Range<Int>) -> Int64? { Int64(String(decoding: characters[range], as: UTF8.self)) }
        guard let h = number(11..<13), let m = number(14..<16), let s = number(17..<19) else { return nil }
        return days * 86_400 + h * 3_600 + m * 60 + s
    }
}
