import Rows
import Store

/// Settlement periods as ranges with their UTC times: `SP3–SP4, 00:00–01:00 UTC`.
enum PeriodRanges {
    /// The periods whose bits are set in `mask` (bit p-1 for period p), ascending.
    static func periods(_ mask: UInt64) -> [Int] {
        var result: [Int] = []
        var rest = mask
        while rest != 0 {
            let bit = rest.trailingZeroBitCount
            result.append(bit + 1)
            rest &= rest - 1
        }
        return result
    }

    /// Runs of consecutive periods.
    static func runs(_ periods: [Int]) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        for p in periods {
            if let last = result.last, last.upperBound == p - 1 {
                result[result.count - 1] = last.lowerBound...p
            } else {
                result.append(p...p)
            }
        }
        return result
    }

    /// `SP3–SP4, 00:00–01:00 UTC; SP9, 03:00–03:30 UTC` for the periods of `day`; a UTC date is shown when it
    /// is not the settlement date.
    static func describe(_ periods: [Int], day: Int64) -> String {
        runs(periods).map { run in
            let from = SettlementCalendar.start(ofPeriod: run.lowerBound, on: day)
            let to = SettlementCalendar.start(ofPeriod: run.upperBound, on: day) + 1_800_000_000
            let name = run.count == 1 ? "SP\(run.lowerBound)" : "SP\(run.lowerBound)–SP\(run.upperBound)"
            let fromDay = from >= 0 ? from / Timestamp.microsPerDay : (from + 1) / Timestamp.microsPerDay - 1
            let endsAtMidnight = to % Timestamp.microsPerDay == 0 && to / Timestamp.microsPerDay == fromDay + 1
            let end = endsAtMidnight ? "24:00" : clock(to, day: fromDay)
            return name + ", " + clock(from, day: day) + "–" + end + " UTC"
        }.joined(separator: "; ")
    }

    /// `HH:MM`, prefixed with the UTC date when it differs from `day`.
    static func clock(_ micros: Int64, day: Int64) -> String {
        let text = Timestamp.sqlString(micros)
        let date = String(text.prefix(10))
        let time = String(text.dropFirst(11).prefix(5))
        return date == CivilDate.string(day) ? time : date + " " + time
    }
}
