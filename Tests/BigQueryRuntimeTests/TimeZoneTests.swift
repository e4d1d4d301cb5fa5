import BigQueryRuntime
import Testing

private func ts(_ text: String) throws -> Timestamp { try Timestamp.parse(canonical: text) }

@Suite struct TimeZoneTests {
    let london: TimeZoneRules

    init() throws { london = try TimeZoneRules.named("Europe/London") }

    @Test func rejectsZonesThatDoNotExist() {
        // zetasql/compliance/testdata/date.test [name=current_date_with_invalid_timezone]: "Invalid time zone: foo".
        for name in ["Mars/Olympus", "foo", "../../etc/passwd", "/etc/localtime", "Europe/London/x", "zone.tab"] {
            #expect(throws: BigQueryError("Invalid time zone: \(name)")) { try TimeZoneRules.named(name) }
        }
    }

    @Test func followsLondonClockChangesIn2018() throws {
        // Clocks went forward at 01:00 UTC on 2018-03-25 and back at 01:00 UTC on 2018-10-28.
        #expect(try ts("2018-03-25 00:59:59").civil(in: london).canonical == "2018-03-25 00:59:59")
        #expect(try ts("2018-03-25 01:00:00").civil(in: london).canonical == "2018-03-25 02:00:00")
        #expect(try ts("2018-10-28 00:59:59").civil(in: london).canonical == "2018-10-28 01:59:59")
        #expect(try ts("2018-10-28 01:00:00").civil(in: london).canonical == "2018-10-28 01:00:00")
        #expect(london.abbreviation(atUTC: try ts("2018-06-21 12:00:00").micros / 1_000_000) == "BST")
        #expect(london.abbreviation(atUTC: try ts("2018-12-21 12:00:00").micros / 1_000_000) == "GMT")
    }

    @Test func settlementDaysHave46And50PeriodsOnClockChangeDays() throws {
        for (day, next, periods) in [
            ("2018-03-25", "2018-03-26", 46), ("2018-10-28", "2018-10-29", 50), ("2018-06-21", "2018-06-22", 48),
        ] {
            let start = try Timestamp(civil: CivilDateTime.parse(canonical: day + " 00:00:00"), in: london)
            let end = try Timestamp(civil: CivilDateTime.parse(canonical: next + " 00:00:00"), in: london)
            #expect(try DateTimeMath.diff(end, start, .minute) / 30 == Int64(periods), "\(day)")
            // TIMESTAMP_DIFF counts DAY as 24 hours: the 23-hour day is 0 days, the 25-hour day 1.
            #expect(try DateTimeMath.diff(end, start, .day) == (periods == 46 ? 0 : 1), "\(day)")
        }
    }

    @Test func resolvesSkippedAndRepeatedLocalTimesWithTheEarlierOffset() throws {
        // 01:30 on 2018-03-25 does not exist in London: the pre-transition offset (GMT) gives 01:30 UTC.
        let skipped = try Timestamp(civil: CivilDateTime.parse(canonical: "2018-03-25 01:30:00"), in: london)
        #expect(skipped.canonical == "2018-03-25 01:30:00")
        // 01:30 on 2018-10-28 happens twice: the first (BST) is 00:30 UTC.
        let repeated = try Timestamp(civil: CivilDateTime.parse(canonical: "2018-10-28 01:30:00"), in: london)
        #expect(repeated.canonical == "2018-10-28 00:30:00")
    }

    @Test func appliesTheFooterRuleBeyondTheTable() throws {
        // 2090: BST from the last Sunday of March (26th) to the last Sunday of October (29th).
        #expect(try ts("2090-03-26 00:59:59").civil(in: london).canonical == "2090-03-26 00:59:59")
        #expect(try ts("2090-03-26 01:00:00").civil(in: london).canonical == "2090-03-26 02:00:00")
        #expect(try ts("2090-10-29 00:59:59").civil(in: london).canonical == "2090-10-29 01:59:59")
        #expect(try ts("2090-10-29 01:00:00").civil(in: london).canonical == "2090-10-29 01:00:00")
        // Southern hemisphere: Sydney is on daylight time (+11) in January 2090, standard (+10) in July.
        let sydney = try TimeZoneRules.named("Australia/Sydney")
        #expect(try ts("2090-01-15 00:00:00").civil(in: sydney).canonical == "2090-01-15 11:00:00")
        #expect(try ts("2090-07-15 00:00:00").civil(in: sydney).canonical == "2090-07-15 10:00:00")
    }

    @Test func acceptsFixedOffsets() throws {
        let plusOne = try TimeZoneRules.named("+01:00")
        #expect(try ts("2018-06-21 12:00:00").civil(in: plusOne).canonical == "2018-06-21 13:00:00")
        let minus = try TimeZoneRules.named("UTC-05:30")
        #expect(try ts("2018-06-21 12:00:00").civil(in: minus).canonical == "2018-06-21 06:30:00")
        #expect(throws: BigQueryError.self) { try TimeZoneRules.named("+25:00") }
    }

    @Test func truncatesTimestampsToLocalDays() throws {
        let t = try ts("2018-03-25 12:00:00")
        #expect(try DateTimeMath.trunc(t, .day, london).canonical == "2018-03-25 00:00:00")
        #expect(
            try DateTimeMath.trunc(ts("2018-06-21 12:34:56.789000"), .day, london).canonical == "2018-06-20 23:00:00")
        #expect(
            try DateTimeMath.trunc(ts("2018-06-21 12:34:56.789000"), .hour, london).canonical == "2018-06-21 12:00:00")
        #expect(
            try DateTimeMath.trunc(ts("2018-06-21 12:34:56.789000"), .week(0), london).canonical
                == "2018-06-16 23:00:00")
        #expect(try DateTimeMath.extract(.hour, ts("2018-06-21 12:00:00"), london) == 13)
    }

    @Test func parsesTimestampLiteralsWithZones() throws {
        // zetasql/compliance/testdata/date.test [name=date_from_string_literal]: '2020-09-01 12:34:56.789-08'.
        #expect(try LiteralParser.timestamp("2020-09-01 12:34:56.789-08").canonical == "2020-09-01 20:34:56.789000")
        #expect(try LiteralParser.timestamp("2018-06-21T12:30:00Z").canonical == "2018-06-21 12:30:00")
        #expect(try LiteralParser.timestamp("2018-06-21 12:30:00 Europe/London").canonical == "2018-06-21 11:30:00")
        #expect(try LiteralParser.timestamp("2018-06-21", zone: london).canonical == "2018-06-20 23:00:00")
        #expect(throws: BigQueryError("Invalid timestamp: '2018-06-21 12:30:00 Mars/Olympus'")) {
            try LiteralParser.timestamp("2018-06-21 12:30:00 Mars/Olympus")
        }
    }
}
