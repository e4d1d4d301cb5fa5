import Rows
import Store
import Testing

@testable import Check

/// The checks as pure computation over hand-made facts.
@Suite struct CheckerTests {
    static let day = CivilDate.dayNumber(year: 2018, month: 10, day: 28)

    /// Facts for `days` with every period of every fuel type, except `drop`.
    static func facts(
        days: ClosedRange<Int64>, fuels: [String] = ["CCGT", "WIND"],
        drop: (Int64, Int, String) -> Bool = { _, _, _ in false },
        value: (Int64, Int, String) -> Int64 = { _, p, _ in Int64(1000 + p) }
    ) -> TableFacts {
        var table = TableFacts(table: "bmrs_fuelhh", dataset: "FUELHH")
        for day in days {
            for p in 1...SettlementCalendar.periods(onDay: day) {
                for fuel in fuels where !drop(day, p, fuel) {
                    table.append(
                        day: day, period: Int64(p), fuelType: fuel, generation: value(day, p, fuel),
                        startTime: SettlementCalendar.start(ofPeriod: p, on: day))
                }
            }
        }
        for fuel in fuels {
            let held = days.filter { d in (1...SettlementCalendar.periods(onDay: d)).contains { !drop(d, $0, fuel) } }
            if let first = held.first, let last = held.last {
                table.fuelSpans[fuel] = FuelSpan(firstDay: first, lastDay: last)
            }
        }
        table.lastDay = days.upperBound
        table.newestPublish = SettlementCalendar.startOfDay(days.upperBound + 1)
        return table
    }

    static func check(
        _ table: TableFacts, start: Int64, end: Int64, now: Int64? = nil, _ edit: (inout CheckConfig) -> Void = { _ in }
    )
        -> CheckReport
    {
        var config = CheckConfig(start: start, end: end)
        edit(&config)
        let clock = now ?? SettlementCalendar.startOfDay(end + 40)
        return Checker(config: config, now: clock).run(CheckFacts(tables: [table]))
    }

    @Test func clockChangeDaysAreCompleteWith46And50Periods() {
        let spring = CivilDate.dayNumber(year: 2018, month: 3, day: 25)
        for day in [spring, Self.day] {
            let report = Self.check(Self.facts(days: day...day), start: day, end: day)
            #expect(report.status == .ok, "\(report.findings.map(\.message))")
            #expect(report.tables[0].days[0].periods == (day == spring ? 46 : 48 + 2))
        }
    }

    @Test func missingPeriodsAreRangesWithUTCTimes() {
        let report = Self.check(
            Self.facts(days: Self.day...Self.day, drop: { _, p, _ in p == 3 || p == 4 }), start: Self.day, end: Self.day
        )
        let finding = try? #require(report.findings.first)
        #expect(finding?.missingPeriods == [3, 4])
        #expect(finding?.expectedPeriods == 50)
        #expect(finding?.fuelType == nil)
        #expect(finding?.message.contains("SP3–SP4, 00:00–01:00 UTC") == true, "\(finding?.message ?? "")")
        #expect(finding?.severity == .warning)  // 60 min is not more than an hour
        #expect(
            report.repairWindows == [
                RepairWindow(dataset: "FUELHH", table: "bmrs_fuelhh", start: Self.day, end: Self.day)
            ])
        #expect(PeriodRanges.describe([1, 2], day: Self.day) == "SP1–SP2, 2018-10-27 23:00–24:00 UTC")
        let winter = CivilDate.dayNumber(year: 2018, month: 12, day: 31)
        #expect(PeriodRanges.describe(Array(2...48), day: winter) == "SP2–SP48, 00:30–24:00 UTC")
    }

    @Test func thresholdsDecideTheSeverityOfAGap() {
        let table = Self.facts(days: Self.day...Self.day, drop: { _, p, _ in (10...12).contains(p) })
        #expect(Self.check(table, start: Self.day, end: Self.day).status == .critical)
        #expect(Self.check(table, start: Self.day, end: Self.day) { $0.missingCriticalMinutes = 90 }.status == .warning)
        #expect(Self.check(table, start: Self.day, end: Self.day) { $0.missingWarningMinutes = 90 }.status == .critical)
        let lenient = Self.check(table, start: Self.day, end: Self.day) {
            $0.missingWarningMinutes = 90
            $0.missingCriticalMinutes = 120
        }
        #expect(lenient.status == .ok)
        #expect(lenient.findings.first?.severity == .info)
    }

    @Test func aGapOfOneFuelTypeNamesIt() {
        let report = Self.check(
            Self.facts(days: Self.day...Self.day, drop: { _, p, f in f == "WIND" && p == 7 }), start: Self.day,
            end: Self.day)
        #expect(report.findings.count == 1)
        #expect(report.findings.first?.fuelType == "WIND")
        #expect(report.findings.first?.missingPeriods == [7])
        #expect(report.tables[0].days[0].partial == 1 << 6)
    }

    @Test func aFuelTypeThatStartsLaterIsNotMissingBefore() {
        let first = Self.day - 10
        var table = Self.facts(
            days: first...Self.day, fuels: ["CCGT", "INTNEM"],
            drop: { d, p, f in
                f == "INTNEM" && (d < Self.day - 3 || (d == Self.day - 3 && p < 20))
            })
        table.fuelSpans = [
            "CCGT": FuelSpan(firstDay: first, lastDay: Self.day),
            "INTNEM": FuelSpan(firstDay: Self.day - 3, lastDay: Self.day),
        ]
        #expect(Self.check(table, start: first, end: Self.day).status == .ok)
    }

    @Test func aFuelTypeThatStopsIsAGapUntilRetiredThenReportedOnce() {
        let first = Self.day - 60
        let stop = Self.day - 20
        let table = Self.facts(days: first...Self.day, drop: { d, _, f in f == "WIND" && d > stop })
        let recent = Self.check(table, start: Self.day - 5, end: Self.day)
        #expect(recent.findings.filter { $0.fuelType == "WIND" }.count == 6)
        #expect(recent.status == .critical)
        let retired = Self.check(table, start: stop - 2, end: Self.day) { $0.retirementDays = 10 }
        #expect(retired.status == .ok)
        let notes = retired.findings.filter { $0.fuelType == "WIND" }
        #expect(notes.count == 1)
        #expect(notes.first?.severity == .info)
        #expect(notes.first?.message.contains("retired") == true)
        #expect(Self.check(table, start: Self.day - 5, end: Self.day) { $0.retirementDays = 10 }.findings.isEmpty)
    }

    @Test func theDayStillBeingPublishedIsJudgedOnPeriodsThatEnded() {
        // 10:15 UTC on a winter day: periods 1–20 have ended.
        let day = CivilDate.dayNumber(year: 2018, month: 12, day: 3)
        let now = day * Timestamp.microsPerDay + 10 * 3_600_000_000 + 15 * 60_000_000
        var table = Self.facts(days: day...day, drop: { _, p, _ in p > 20 })
        table.newestPublish = now
        let report = Self.check(table, start: day, end: day, now: now)
        #expect(report.status == .ok, "\(report.findings.map(\.message))")
        #expect(report.tables[0].days[0].judged == 20)
        var late = Self.facts(days: day...day, drop: { _, p, _ in p > 18 })
        late.newestPublish = now
        #expect(Self.check(late, start: day, end: day, now: now).findings.first?.missingPeriods == [19, 20])
        #expect(Checker.settlementDay(containing: SettlementCalendar.startOfDay(Self.day)) == Self.day)
        #expect(Checker.settlementDay(containing: SettlementCalendar.startOfDay(Self.day) - 1) == Self.day - 1)
    }

    @Test func impossibleAndImplausibleValuesAreListedWithTheirKey() {
        var table = Self.facts(
            days: Self.day - 5...Self.day,
            value: { d, p, f in
                if d == Self.day && p == 5 && f == "CCGT" { return -40 }
                if d == Self.day && p == 6 && f == "WIND" { return 99_999 }
                return Int64(1000 + p)
            })
        table.append(day: Self.day, period: 51, fuelType: "CCGT", generation: 1, startTime: nil)
        table.append(
            day: Self.day, period: 8, fuelType: "PS", generation: -300,
            startTime: SettlementCalendar.start(ofPeriod: 8, on: Self.day) + 3_600_000_000)
        let report = Self.check(table, start: Self.day - 5, end: Self.day) { $0.minimumReferenceRows = 100 }
        let accuracy = report.findings.filter { $0.check == .accuracy }
        #expect(accuracy.count == 4, "\(accuracy.map(\.message))")
        #expect(accuracy.contains { $0.key?.settlementPeriod == 51 && $0.message.contains("outside 1–50") })
        #expect(accuracy.contains { $0.key?.fuelType == "CCGT" && $0.message.contains("negative generation -40") })
        #expect(accuracy.contains { $0.key?.fuelType == "WIND" && $0.message.contains("far above") })
        #expect(accuracy.contains { $0.key?.fuelType == "PS" && $0.message.contains("startTime") })
        #expect(!accuracy.contains { $0.message.contains("negative generation -300") })
        let short = Self.check(table, start: Self.day - 5, end: Self.day)  // 6 days: too few rows to judge values
        #expect(short.findings.filter { $0.check == .accuracy }.count == 3)
        let tolerant = Self.check(table, start: Self.day - 5, end: Self.day) {
            $0.valueRangeTolerance = 10_000
            $0.minimumReferenceRows = 100
        }
        #expect(tolerant.findings.filter { $0.check == .accuracy }.count == 3)
    }

    @Test func errorRateAndTimelinessFollowTheRunsAndTheSchedule() {
        let day = CivilDate.dayNumber(year: 2023, month: 5, day: 10)
        var table = Self.facts(days: day - 1...day)
        let runAt = day * Timestamp.microsPerDay + 5 * 3_600_000_000 + 30 * 60_000_000
        table.newestPublish = runAt - 300_000_000
        table.newestPublishIngested = runAt
        var runs: [RunFacts] = []
        for i in 0..<5 {
            var run = RunFacts(
                id: Int64(i), kind: "ingest", dataset: "FUELHH", table: "bmrs_fuelhh",
                started: runAt - Int64(4 - i) * 86_400_000_000, status: "ok")
            run.requests = 20
            run.chunksFailed = i == 4 ? 1 : 0
            runs.append(run)
        }
        func report(now: Int64, _ edit: (inout CheckConfig) -> Void = { _ in }) -> CheckReport {
            var config = CheckConfig(start: day - 1, end: day)
            edit(&config)
            return Checker(config: config, now: now).run(CheckFacts(tables: [table], runs: runs))
        }
        let noon = day * Timestamp.microsPerDay + 12 * 3_600_000_000
        let atNoon = report(now: noon)
        #expect(atNoon.findings.filter { $0.check == .timeliness }.isEmpty)
        #expect(atNoon.findings.filter { $0.check == .errors }.isEmpty)  // 1 failed chunk of 100 is 1%
        #expect(atNoon.metrics.contains { $0.name == "bmrs_check_error_rate" && $0.value == 0.01 })
        #expect(atNoon.metrics.contains { $0.name == "bmrs_check_schedule_seconds" && $0.value == 86_400 })
        let nextMorning = report(now: runAt + 86_400_000_000 + 25 * 60_000_000)
        #expect(nextMorning.findings.first { $0.check == .timeliness }?.severity == .warning)
        #expect(report(now: runAt + 86_400_000_000 + 40 * 60_000_000).status == .critical)
        #expect(
            report(now: runAt + 86_400_000_000 + 40 * 60_000_000) { $0.schedule = Schedule(parsing: "weekly") }.status
                == .ok)
        #expect(report(now: noon) { $0.errorRateWarning = 0.005 }.findings.first?.check == .errors)
        #expect(report(now: noon) { $0.errorRateCritical = 0.005 }.status == .critical)
    }

    @Test func schedulesParseAndAreLearntFromRuns() {
        #expect(Schedule(parsing: "daily") == .daily)
        #expect(Schedule(parsing: "30m")?.seconds == 1800)
        #expect(Schedule(parsing: "6h")?.description == "6h")
        #expect(Schedule(parsing: "x") == nil)
        #expect(Schedule(parsing: "-3h") == nil)
        #expect(Schedule.learnt(fromStarts: []) == .daily)
        #expect(Schedule.learnt(fromStarts: [0, 3_600_000_000, 7_200_000_000 + 20_000_000]) == .hourly)
    }

    @Test func storageIsJudgedOnlyAgainstABudget() {
        let storage = StorageFacts(
            fileBytes: 900, objectBytes: ["_bmrs_blobs": 500, "_bmrs_responses": 300, "_bmrs_revisions": 50],
            freeBytes: 50,
            rows: 100, rawBytes: 5000)
        func report(_ budget: Int?) -> CheckReport {
            var config = CheckConfig(start: 0, end: 0)
            config.storageBudget = budget
            return Checker(config: config, now: 0).run(CheckFacts(storage: storage))
        }
        #expect(report(nil).status == .ok)
        #expect(report(1000).status == .warning)
        #expect(report(950).status == .critical)
        #expect(report(2000).status == .ok)
        let metrics = report(nil).metrics
        #expect(metrics.contains { $0.name == "bmrs_check_compression_ratio" && $0.value == 10 })
        #expect(
            metrics.contains {
                $0.name == "bmrs_check_store_part_bytes" && $0.labels.first?.1 == "archive" && $0.value == 300
            })
        #expect(metrics.contains { $0.name == "bmrs_check_store_bytes_per_row" && $0.value == 9 })
    }

    /// Failed before the fix (an arithmetic-overflow trap): a fuel type whose only rows are in invalid periods, with
    /// no span in the facts.
    @Test func aFuelTypeWithNoValidRowDoesNotTrap() {
        var table = TableFacts(table: "bmrs_fuelhh", dataset: "FUELHH")
        table.append(day: Self.day, period: 60, fuelType: "CCGT", generation: 1, startTime: nil)
        table.append(day: Self.day - 400, period: 1, fuelType: "WIND", generation: 1, startTime: nil)
        let report = Self.check(table, start: Self.day, end: Self.day)
        #expect(report.findings.contains { $0.check == .accuracy && $0.key?.settlementPeriod == 60 })
        #expect(report.findings.contains { $0.check == .completeness && $0.missingPeriods.count == 50 })
    }
}
