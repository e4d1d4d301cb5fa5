import Rows
import Store
import TestSupport
import Testing

@Suite struct CalendarTests {
    @Test(arguments: [
        ("2018-03-25", 46), ("2018-10-28", 50), ("2018-01-01", 48), ("2018-03-24", 48), ("2018-10-27", 48),
        ("2023-03-26", 46), ("2023-10-29", 50), ("2024-03-31", 46), ("2024-10-27", 50), ("2020-02-29", 48),
    ])
    func countsSettlementPeriodsOfEachDay(date: String, periods: Int) throws {
        let day = try #require(CivilDate.parse(date))
        #expect(SettlementCalendar.periods(onDay: day) == periods)
    }

    @Test func startsSummerDaysAnHourBeforeMidnightUTC() throws {
        let summer = try #require(CivilDate.parse("2018-06-01"))
        let winter = try #require(CivilDate.parse("2018-01-01"))
        let autumnChange = try #require(CivilDate.parse("2018-10-28"))
        #expect(Timestamp.isoString(SettlementCalendar.startOfDay(summer)) == "2018-05-31T23:00:00Z")
        #expect(Timestamp.isoString(SettlementCalendar.startOfDay(winter)) == "2018-01-01T00:00:00Z")
        #expect(Timestamp.isoString(SettlementCalendar.startOfDay(autumnChange)) == "2018-10-27T23:00:00Z")
        // Period 5 of the autumn change day is the second 01:00 local, 01:00 UTC.
        #expect(Timestamp.isoString(SettlementCalendar.start(ofPeriod: 5, on: autumnChange)) == "2018-10-28T01:00:00Z")
    }

    /// The writer that keeps the last day's date part writes what `Timestamp.sqlString` writes, for runs of one
    /// day, day changes, negative times, microseconds and years outside 0000–9999 (never cached).
    @Test func timestampWriterMatchesTheStringForm() {
        var random = SeededGenerator.fromEnvironment(test: "timestampWriterMatchesTheStringForm")
        var writer = SQLTimestampWriter()
        var buffer = [UInt8](repeating: 0, count: 32)
        let day: Int64 = 86_400_000_000
        var micros: Int64 = 17_532 * day
        let extremes: [Int64] = [
            -62_135_596_800_000_000 - 1, -62_135_596_800_000_000, 253_402_300_799_999_999, 253_402_300_800_000_000,
            -1, 0, 1, .min, .max,
        ]
        for step in 0..<20_000 {
            switch step % 97 {
            case 0: micros = extremes[Int.random(in: 0..<extremes.count, using: &random)]
            case 1: micros = Int64.random(in: -100 * 365 * day...100 * 365 * day, using: &random)
            case 2: micros += day
            default:
                if micros > Int64.max / 2 || micros < Int64.min / 2 { micros = 17_532 * day }
                micros +=
                    Int64.random(in: 0...3, using: &random) * 1_800_000_000
                    + (Bool.random(using: &random) ? Int64.random(in: 0..<1_000_000, using: &random) : 0)
            }
            let count = buffer.withUnsafeMutableBytes { writer.write(micros, into: $0) }
            let written = String(decoding: buffer[..<count], as: UTF8.self)
            #expect(written == Timestamp.sqlString(micros), "\(micros)")
        }
    }

    @Test func roundTripsDayNumbers() {
        for day in Int64(-719_000)...Int64(-718_000) { #expect(CivilDate.parse(CivilDate.string(day)) == day) }
        for day in Int64(17_000)...Int64(20_000) { #expect(CivilDate.parse(CivilDate.string(day)) == day) }
        #expect(CivilDate.string(0) == "1970-01-01")
        #expect(CivilDate.weekday(CivilDate.parse("2018-03-25")!) == 0)
    }

    @Test(arguments: ["2018-02-29", "2018-13-01", "2018-1-01", "2018-01-32", "20180101", "2018-01-01x", ""])
    func rejectsInvalidDates(text: String) {
        #expect(CivilDate.parse(text) == nil)
    }

    @Test(arguments: [
        ("2018-01-01T00:30:00Z", "2018-01-01T00:30:00Z"),
        ("2018-01-01T00:30:00+00:00", "2018-01-01T00:30:00Z"),
        ("2018-01-01T00:30:00.000+00:00", "2018-01-01T00:30:00Z"),
        ("2022-06-25T12:00:00.0000000+00:00", "2022-06-25T12:00:00Z"),
        ("2018-03-25T02:00:00+01:00", "2018-03-25T01:00:00Z"),
        ("2018-01-01 00:30:00.25Z", "2018-01-01T00:30:00.250000Z"),
        ("2018-01-01T00:30:00-0130", "2018-01-01T02:00:00Z"),
    ])
    func parsesTimestampsInEveryZoneForm(text: String, iso: String) throws {
        let micros = try #require(Timestamp.parse(text))
        #expect(Timestamp.isoString(micros) == iso)
    }

    @Test(arguments: ["2018-01-01T00:30:00", "2018-01-01T24:00:00Z", "2018-01-01T00:30:00.Z", "2018-01-01", "x"])
    func rejectsTimestampsWithoutZoneOrMalformed(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func formatsTimestampsSoTextOrderIsTimeOrder() {
        let a = Timestamp.sqlString(1_000_000)
        let b = Timestamp.sqlString(1_500_000)
        let c = Timestamp.sqlString(2_000_000)
        #expect(a == "1970-01-01 00:00:01")
        #expect(b == "1970-01-01 00:00:01.500000")
        #expect(a < b && b < c)
    }
}
