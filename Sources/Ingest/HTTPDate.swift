import Rows
import Store

/// HTTP dates in the preferred format of RFC 7231 §7.1.1.1, IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
public enum HTTPDate {
    private static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// Seconds since the Unix epoch of an IMF-fixdate, or nil when `text` is not one (a wrong length, name,
    /// separator, an impossible date or time, a day name that does not match the date, a zone other than GMT).
    public static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        // "Sun, 06 Nov 1994 08:49:37 GMT": 29 bytes, separators at fixed places.
        guard b.count == 29, b[3] == UInt8(ascii: ","), b[4] == 0x20, b[7] == 0x20, b[11] == 0x20, b[16] == 0x20,
            b[19] == UInt8(ascii: ":"), b[22] == UInt8(ascii: ":"), b[25] == 0x20,
            String(decoding: b[26..<29], as: UTF8.self) == "GMT",
            let weekday = dayNames.firstIndex(of: String(decoding: b[0..<3], as: UTF8.self)),
            let monthIndex = monthNames.firstIndex(of: String(decoding: b[8..<11], as: UTF8.self)),
            let day = number(b[5..<7]), let year = number(b[12..<16]), let hour = number(b[17..<19]),
            let minute = number(b[20..<22]), let second = number(b[23..<25])
        else { return nil }
        let month = monthIndex + 1
        // Seconds may be 60 (a leap second); it is read as the first second of the next minute.
        guard year >= 1, day >= 1, day <= CivilDate.daysInMonth(year: year, month: month), hour <= 23,
            minute <= 59, second <= 60
        else { return nil }
        let dayNumber = CivilDate.dayNumber(year: year, month: month, day: day)
        guard CivilDate.weekday(dayNumber) == (weekday + 1) % 7 else { return nil }
        return dayNumber * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The IMF-fixdate of `seconds` since the Unix epoch.
    public static func string(_ seconds: Int64) -> String {
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = Int(seconds - day * 86_400)
        let (year, month, dayOfMonth) = CivilDate.components(day)
        let weekday = (CivilDate.weekday(day) + 6) % 7
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(dayNames[weekday]), \(two(dayOfMonth)) \(monthNames[month - 1]) \(yearText) "
            + "\(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60)) GMT"
    }

    /// Decimal digits only, as a number.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for c in digits {
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(c - UInt8(ascii: "0"))
        }
        return value
    }
}
