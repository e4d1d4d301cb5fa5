import Rows
import Store

/// Rows whose values cannot be right: a settlement period outside the day's range, a startTime outside its
/// settlement period, negative generation where it cannot be legitimate, and values far outside what that fuel
/// type has produced in the store.
struct AccuracyCheck {
    let config: CheckConfig

    /// Interconnectors (`INT…`) and pumped storage (`PS`) may export, so may be negative.
    static func mayBeNegative(_ fuelType: String) -> Bool {
        fuelType.hasPrefix("INT") || fuelType == "PS"
    }

    /// The two largest and two smallest values of one fuel type in the range, the extreme ones with their count.
    struct Extremes {
        var top: [Int64] = []
        var bottom: [Int64] = []
        var topCount = 0
        var bottomCount = 0

        mutating func add(_ v: Int64) {
            Self.insert(v, into: &top, count: &topCount, by: >)
            Self.insert(v, into: &bottom, count: &bottomCount, by: <)
        }

        private static func insert(
            _ v: Int64, into list: inout [Int64], count: inout Int, by order: (Int64, Int64) -> Bool
        ) {
            if list.first == v {
                count += 1
            } else if list.isEmpty || order(v, list[0]) {
                list.insert(v, at: 0)
                count = 1
            } else if list.count < 2 || order(v, list[1]) {
                if list.count == 2 { list[1] = v } else { list.append(v) }
            }
            if list.count > 2 { list.removeLast() }
        }

        /// The largest value of the other rows, for a row holding `v`.
        func topExcluding(_ v: Int64) -> Int64? { v == top.first && topCount == 1 ? top.dropFirst().first : top.first }
        /// The smallest value of the other rows, for a row holding `v`.
        func bottomExcluding(_ v: Int64) -> Int64? {
            v == bottom.first && bottomCount == 1 ? bottom.dropFirst().first : bottom.first
        }
    }

    func run(_ table: TableFacts, into outcome: inout CheckOutcome) {
        var findings: [Finding] = []
        var counts = ["period": 0, "start_time": 0, "negative": 0, "out_of_range": 0]
        var extremes = [Extremes](repeating: Extremes(), count: table.fuelTypes.count)
        var observed = [Int](repeating: 0, count: table.fuelTypes.count)
        for i in 0..<table.rowCount where table.day[i] >= config.start && table.day[i] <= config.end {
            if let g = table.generation[i] {
                extremes[Int(table.fuel[i])].add(g)
                observed[Int(table.fuel[i])] += 1
            }
        }
        for (f, name) in table.fuelTypes.enumerated() { observed[f] += table.fuelSpans[name]?.outsideCount ?? 0 }
        let bounds = table.fuelTypes.indices.map {
            observed[$0] > config.minimumReferenceRows ? reference(table, fuel: $0, extremes[$0]) : nil
        }
        let negativeAllowed = table.fuelTypes.map(Self.mayBeNegative)
        var cachedDay = Int64.min
        var periods = 48
        var dayStart: Int64 = 0
        func at(_ i: Int) -> String {
            "\(CivilDate.string(table.day[i])) SP\(table.period[i]) \(table.fuelTypes[Int(table.fuel[i])])"
        }
        for i in 0..<table.rowCount where table.day[i] >= config.start && table.day[i] <= config.end {
            let day = table.day[i]
            let period = table.period[i]
            let f = Int(table.fuel[i])
            if day != cachedDay {
                cachedDay = day
                periods = SettlementCalendar.periods(onDay: day)
                dayStart = SettlementCalendar.startOfDay(day)
            }
            if period < 1 || period > Int64(periods) {
                counts["period", default: 0] += 1
                findings.append(problem(table, i, "\(at(i)): settlement period outside 1–\(periods)"))
            } else if let start = table.startTime[i] {
                let from = dayStart + (period - 1) * 1_800_000_000
                if start < from || start >= from + 1_800_000_000 {
                    counts["start_time", default: 0] += 1
                    findings.append(
                        problem(
                            table, i,
                            "\(at(i)): startTime \(Timestamp.isoString(start)) is outside the period "
                                + "(\(Timestamp.isoString(from)) + 30 min)"))
                }
            }
            guard let g = table.generation[i] else { continue }
            let e = extremes[f]
            if g < 0 && !negativeAllowed[f] {
                counts["negative", default: 0] += 1
                findings.append(problem(table, i, "\(at(i)): negative generation \(g) MW"))
            } else if g == e.top.first || g == e.bottom.first, let (low, high) = bounds[f] {
                // Only a row holding its fuel type's extreme can lie beyond the range of the other rows.
                guard let top = combine(e.topExcluding(g), high, max),
                    let bottom = combine(e.bottomExcluding(g), low, min),
                    top > bottom
                else { continue }
                let slack = config.valueRangeTolerance * (Double(top) - Double(bottom))
                let fuelType = table.fuelTypes[f]
                if Double(g) > Double(top) + slack {
                    counts["out_of_range", default: 0] += 1
                    findings.append(
                        problem(table, i, "\(at(i)): \(g) MW is far above the \(fuelType) maximum of \(top) MW"))
                } else if Double(g) < Double(bottom) - slack {
                    counts["out_of_range", default: 0] += 1
                    findings.append(
                        problem(table, i, "\(at(i)): \(g) MW is far below the \(fuelType) minimum of \(bottom) MW"))
                }
            }
        }
        let total = findings.count
        findings.sort(by: Finding.worstFirst)
        outcome.findings.append(contentsOf: findings.prefix(config.maxValueFindings))
        if total > config.maxValueFindings {
            outcome.findings.append(
                Finding(
                    .accuracy, .warning, table: table.table,
                    "\(total - config.maxValueFindings) more accuracy problems not listed (see the metrics)"))
        }
        for (kind, count) in counts.sorted(by: { $0.key < $1.key }) {
            outcome.metric(
                "bmrs_check_accuracy_problems", Double(count), "Rows with an impossible or implausible value.",
                [("table", table.table), ("kind", kind)])
        }
    }

    /// The generation range of a fuel type outside the checked days, as (min, max); nils when none.
    private func reference(_ table: TableFacts, fuel f: Int, _ extremes: Extremes) -> (Int64?, Int64?)? {
        let span = table.fuelSpans[table.fuelTypes[f]]
        return (span?.outsideMin, span?.outsideMax)
    }

    private func combine(_ a: Int64?, _ b: Int64?, _ pick: (Int64, Int64) -> Int64) -> Int64? {
        guard let a else { return b }
        guard let b else { return a }
        return pick(a, b)
    }

    private func problem(_ table: TableFacts, _ i: Int, _ message: String) -> Finding {
        let key = Finding.Key(
            settlementDate: table.day[i], settlementPeriod: table.period[i],
            fuelType: table.fuelTypes[Int(table.fuel[i])])
        var finding = Finding(.accuracy, .warning, table: table.table, message)
        finding.key = key
        finding.fix = ingestCommand(table.dataset, key.settlementDate, key.settlementDate)
        return finding
    }
}
