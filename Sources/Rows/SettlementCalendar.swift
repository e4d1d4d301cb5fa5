/// The GB settlement calendar: settlement days are Europe/London days of 46, 48 or 50 half-hour periods.
///
/// British Summer Time starts at 01:00 UTC on the last Sunday of March and ends at 01:00 UTC on the last
/// Sunday of October (the EU rule, in force in the UK since 1996), so those days have 23 and 25 hours.
public enum SettlementCalendar {
    /// The number of settlement periods on a settlement date: 46, 48 or 50.
    public static func periods(onDay day: Int64) -> Int {
        let (year, month, _) = CivilDate.components(day)
        if month == 3 && day == lastSunday(year: year, month: 3) { return 46 }
        if month == 10 && day == lastSunday(year: year, month: 10) { return 50 }
        return 48
    }

    /// The UTC instant (microseconds) at which settlement period 1 of `day` starts: local midnight.
    public static func startOfDay(_ day: Int64) -> Int64 {
        let day = CivilDate.clamped(day)
        let midnightUTC = day * Timestamp.microsPerDay
        return isSummerTime(atMidnightOf: day) ? midnightUTC - 3_600_000_000 : midnightUTC
    }

    /// The UTC instant at which `period` (1-based) of `day` starts.
    public static func start(ofPeriod period: Int, on day: Int64) -> Int64 {
        startOfDay(day) + Int64(min(max(period, 0), 100) - 1) * periodMicros
    }

    /// The length of a settlement period, in microseconds (30 minutes).
    public static let periodMicros: Int64 = 1_800_000_000

    /// True when local midnight starting `day` is in British Summer Time.
    static func isSummerTime(atMidnightOf day: Int64) -> Bool {
        let (year, _, _) = CivilDate.components(day)
        // Midnight local of `day` is in BST when day is after the spring change day and on/before the autumn one.
        return day > lastSunday(year: year, month: 3) && day <= lastSunday(year: year, month: 10)
    }

    static func lastSunday(year: Int, month: Int) -> Int64 {
        let last = CivilDate.dayNumber(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month))
        return last - Int64(CivilDate.weekday(last))
    }
}
