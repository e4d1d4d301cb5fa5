import Rows
import Store

/// Periods present against periods expected, per table and settlement day, and per fuel type.
///
/// Fuel types are learnt from the data: one is expected from its first day in the store, and after its last
/// day only until it has been silent for `retirementDays` (before the table's newest day), when it is reported
/// once as retired. The day still being published (today, and yesterday before it is complete) is judged
/// against the periods that ended before the newest publication (and before now).
struct CompletenessCheck {
    let config: CheckConfig
    let today: Int64
    let now: Int64

    /// Periods of `day` judged: all of them, or on the open days those ended by `cutoff`.
    func judgedPeriods(_ day: Int64, periods: Int, cutoff: Int64) -> Int {
        guard day >= today - 1 else { return periods }
        if day > today { return 0 }
        var judged = 0
        while judged < periods, SettlementCalendar.start(ofPeriod: judged + 1, on: day) + 1_800_000_000 <= cutoff {
            judged += 1
        }
        return judged
    }

    func run(_ table: TableFacts, into outcome: inout CheckOutcome) -> TableSummary {
        let start = config.start
        let dayCount = Int(max(config.end - start + 1, 0))
        let fuelCount = table.fuelTypes.count
        var masks = [UInt64](repeating: 0, count: dayCount * fuelCount)
        var sums = [Int64](repeating: 0, count: dayCount * fuelCount)
        var inRangeFirst = [Int64](repeating: .max, count: fuelCount)
        var inRangeLast = [Int64](repeating: .min, count: fuelCount)
        let periodsOf = (0..<dayCount).map { SettlementCalendar.periods(onDay: start + Int64($0)) }
        for i in 0..<table.rowCount {
            let offset = table.day[i] - start
            guard offset >= 0, offset < Int64(dayCount) else { continue }
            let d = Int(offset)
            let p = table.period[i]
            let f = Int(table.fuel[i])
            guard p >= 1, p <= Int64(periodsOf[d]) else { continue }
            masks[d * fuelCount + f] |= 1 << UInt64(p - 1)
            sums[d * fuelCount + f] &+= table.generation[i] ?? 0
            inRangeFirst[f] = min(inRangeFirst[f], table.day[i])
            inRangeLast[f] = max(inRangeLast[f], table.day[i])
        }
        let cutoff = min(now, table.newestPublish ?? now)
        let newestDay = table.lastDay ?? max(inRangeLast.max() ?? config.end, config.start)
        var days: [DaySummary] = []
        var repairDays: [Int64] = []
        var expectedTotal = 0
        var missingTotal = 0
        var fuelMissingTotal = 0
        var incompleteDays = 0
        for d in 0..<dayCount {
            let day = start + Int64(d)
            let periods = periodsOf[d]
            let judged = judgedPeriods(day, periods: periods, cutoff: cutoff)
            let expected: UInt64 = judged == 0 ? 0 : (judged >= 64 ? ~0 : (1 << UInt64(judged)) - 1)
            var any: UInt64 = 0
            for f in 0..<fuelCount { any |= masks[d * fuelCount + f] }
            let missing = expected & ~any
            var partial: UInt64 = 0
            var needsRepair = false
            if missing != 0 {
                needsRepair = true
                outcome.findings.append(gap(table, day: day, periods: periods, mask: missing, fuelType: nil))
            }
            for f in 0..<fuelCount {
                let name = table.fuelTypes[f]
                let span = table.fuelSpans[name]
                let first = span?.firstDay ?? inRangeFirst[f]
                let last = span?.lastDay ?? inRangeLast[f]
                guard first <= last else { continue }  // no row of it in a valid period anywhere known
                let retired = newestDay &- last > Int64(config.retirementDays)
                if day < first || (retired && day > last) { continue }
                let mask = masks[d * fuelCount + f]
                var wanted = expected & any
                if day == first {
                    guard mask != 0 else { continue }
                    wanted &= ~((mask & (~mask &+ 1)) &- 1)  // from its first period on
                }
                if retired && day == last {
                    guard mask != 0 else { continue }
                    let top = 63 - mask.leadingZeroBitCount
                    wanted &= top >= 63 ? ~0 : (1 << UInt64(top + 1)) - 1
                }
                let gaps = wanted & ~mask
                guard gaps != 0 else { continue }
                partial |= gaps
                needsRepair = true
                fuelMissingTotal += gaps.nonzeroBitCount
                outcome.findings.append(gap(table, day: day, periods: periods, mask: gaps, fuelType: name))
            }
            if needsRepair { repairDays.append(day) }
            if missing != 0 || partial != 0 { incompleteDays += 1 }
            expectedTotal += judged
            missingTotal += missing.nonzeroBitCount
            let means = (0..<fuelCount).map { f -> Double in
                let n = masks[d * fuelCount + f].nonzeroBitCount
                return n == 0 ? 0 : Double(sums[d * fuelCount + f]) / Double(n)
            }
            days.append(
                DaySummary(
                    day: day, periods: periods, judged: judged, missing: missing, partial: partial,
                    meanGeneration: means))
        }
        for (f, name) in table.fuelTypes.enumerated() {
            let last = table.fuelSpans[name]?.lastDay ?? inRangeLast[f]
            guard last != .min else { continue }
            if newestDay &- last > Int64(config.retirementDays), last + 1 >= start, last + 1 <= config.end {
                var finding = Finding(
                    .completeness, .info, table: table.table,
                    "\(name) retired: last reported \(CivilDate.string(last)), silent for \(newestDay &- last) days")
                finding.fuelType = name
                outcome.findings.append(finding)
            }
        }
        addRepairWindows(table, repairDays, into: &outcome)
        let labels = [("table", table.table)]
        outcome.metric("bmrs_check_expected_periods", Double(expectedTotal), "Settlement periods expected.", labels)
        outcome.metric("bmrs_check_missing_periods", Double(missingTotal), "Expected periods with no data.", labels)
        outcome.metric(
            "bmrs_check_missing_fuel_periods", Double(fuelMissingTotal),
            "Periods missing one fuel type's data while others have it.", labels)
        outcome.metric(
            "bmrs_check_completeness_ratio",
            expectedTotal == 0 ? 1 : Double(expectedTotal - missingTotal) / Double(expectedTotal),
            "Share of expected periods with data.", labels)
        outcome.metric("bmrs_check_incomplete_days", Double(incompleteDays), "Days with a gap.", labels)
        outcome.metric("bmrs_check_rows", Double(table.rowCount), "Rows in the checked range.", labels)
        return TableSummary(table: table.table, dataset: table.dataset, fuelTypes: table.fuelTypes, days: days)
    }

    private func gap(_ table: TableFacts, day: Int64, periods: Int, mask: UInt64, fuelType: String?) -> Finding {
        let list = PeriodRanges.periods(mask)
        let minutes = Double(list.count * 30)
        let level =
            severity(of: minutes, warning: config.missingWarningMinutes, critical: config.missingCriticalMinutes)
            ?? .info
        let what = fuelType.map { " \($0)" } ?? ""
        var finding = Finding(
            .completeness, level, table: table.table,
            "\(CivilDate.string(day))\(what): \(list.count) of \(periods) periods missing "
                + "(\(durationText(seconds: Int64(minutes) * 60))): " + PeriodRanges.describe(list, day: day))
        finding.settlementDate = day
        finding.expectedPeriods = periods
        finding.missingPeriods = list
        finding.fuelType = fuelType
        finding.fix = ingestCommand(table.dataset, day, day)
        return finding
    }

    private func addRepairWindows(_ table: TableFacts, _ days: [Int64], into outcome: inout CheckOutcome) {
        for day in days {
            if let last = outcome.repairWindows.last, last.table == table.table, last.end == day - 1 {
                outcome.repairWindows[outcome.repairWindows.count - 1].end = day
            } else {
                outcome.repairWindows.append(
                    RepairWindow(dataset: table.dataset, table: table.table, start: day, end: day))
            }
        }
    }
}
