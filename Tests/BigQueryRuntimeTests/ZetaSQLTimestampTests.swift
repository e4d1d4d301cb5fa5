import BigQueryRuntime
import Testing

/// Facts carried over from zetasql/compliance/testdata/timestamp.test (test names in brackets).
@Suite struct ZetaSQLTimestampTests {
    let losAngeles: TimeZoneRules

    init() throws { losAngeles = try TimeZoneRules.named("America/Los_Angeles") }

    @Test func skippedAndRepeatedLocalTimesUseTheOffsetBeforeTheChange() throws {
        // [timestamp_literal_with_nonexistent_dst_time]: 2016-03-13 02:30 America/Los_Angeles = 10:30 UTC (as -08).
        #expect(
            try LiteralParser.timestamp("2016-03-13 02:30:00 America/Los_Angeles").canonical == "2016-03-13 10:30:00")
        #expect(
            try LiteralParser.timestamp("2016-03-13 01:30:00 America/Los_Angeles").canonical == "2016-03-13 09:30:00")
        #expect(try LiteralParser.timestamp("2016-03-13 02:30:00-07").canonical == "2016-03-13 09:30:00")
        // [timestamp_literal_with_duplicate_dst_time]: 2016-11-06 01:30 America/Los_Angeles = 08:30 UTC (as -07).
        #expect(
            try LiteralParser.timestamp("2016-11-06 01:30:00 America/Los_Angeles").canonical == "2016-11-06 08:30:00")
        #expect(try LiteralParser.timestamp("2016-11-06 01:30:00-08").canonical == "2016-11-06 09:30:00")
    }

    @Test func readsLiteralForms() throws {
        // [literal_string_with_timezone_to_timestamp_1], [literal_timestamp_with_utc_offset_timezone2],
        // [timestamp_with_t_separator_and_z_timezone], [timestamp_conversion_constant_timezone].
        #expect(try LiteralParser.timestamp("2014-12-01 12:34:56+07:30").canonical == "2014-12-01 05:04:56")
        #expect(try LiteralParser.timestamp("2014-12-01 12:34:56 UTC+0730").canonical == "2014-12-01 05:04:56")
        #expect(try LiteralParser.timestamp("2016-11-06t00:30:41.123456z").canonical == "2016-11-06 00:30:41.123456")
        #expect(try LiteralParser.timestamp("2016-11-06T00:30:41.123456+08").canonical == "2016-11-05 16:30:41.123456")
        #expect(
            try LiteralParser.timestamp("1999-11-01 03:00:28", zone: TimeZoneRules.named("+04")).canonical
                == "1999-10-31 23:00:28")
        // [timestamp_cast_with_trailing_t]; [timestamp_conversion_string_timezone_conflict].
        #expect(throws: BigQueryError("Invalid timestamp: '2016-11-06T'")) {
            try LiteralParser.timestamp("2016-11-06T")
        }
        #expect(throws: BigQueryError("Timezone is not allowed in \"2003-05-06 09:55:12+06\"")) {
            try LiteralParser.timestamp("2003-05-06 09:55:12+06", zone: .utc, zoneGiven: true)
        }
        // [format_timestamp_with_invalid_empty_time_zone], [timestamp_conversion_bad_timezone].
        #expect(throws: BigQueryError("Invalid empty time zone")) { try TimeZoneRules.named("") }
        #expect(throws: BigQueryError("Invalid time zone: Redmond, WA")) { try TimeZoneRules.named("Redmond, WA") }
    }

    @Test func castsTimestampsToStringWithMillisecondsWhereExact() throws {
        // [timestamp_to_string_2] (in +00): .1 -> ".100", .0001 -> ".000100"; [string_from_timestamp_simple_micros].
        func text(_ canonical: String) throws -> StoredValue {
            try Cast.convert(.text(canonical), from: .timestamp, to: .string)
        }
        #expect(try text("2015-01-28 00:00:00") == .text("2015-01-28 00:00:00+00"))
        #expect(try text("2015-01-28 00:00:00.100000") == .text("2015-01-28 00:00:00.100+00"))
        #expect(try text("2015-01-28 00:00:00.001000") == .text("2015-01-28 00:00:00.001+00"))
        #expect(try text("2015-01-28 00:00:00.000100") == .text("2015-01-28 00:00:00.000100+00"))
        #expect(try text("2010-02-03 12:05:06.123456") == .text("2010-02-03 12:05:06.123456+00"))
    }

    @Test func truncatesInTheZone() throws {
        // [timestamp_trunc]: '2000-02-03 04:05:06.789' in America/Los_Angeles.
        let t = try LiteralParser.timestamp("2000-02-03 04:05:06.789", zone: losAngeles)
        #expect(try DateTimeMath.trunc(t, .second, losAngeles).canonical == "2000-02-03 12:05:06")
        #expect(try DateTimeMath.trunc(t, .hour, losAngeles).canonical == "2000-02-03 12:00:00")
        #expect(try DateTimeMath.trunc(t, .day, losAngeles).canonical == "2000-02-03 08:00:00")
        #expect(try DateTimeMath.trunc(t, .month, losAngeles).canonical == "2000-02-01 08:00:00")
        #expect(try DateTimeMath.trunc(t, .year, losAngeles).canonical == "2000-01-01 08:00:00")
    }

    @Test func findsLastDaysAndWeeks() throws {
        // [last_day_date] and [last_day_date_error].
        func d(_ s: String) throws -> CivilDate { try CivilDate.parse(canonical: s) }
        #expect(try DateMath.lastDay(d("2020-07-10"), .quarter).canonical == "2020-09-30")
        #expect(try DateMath.lastDay(d("2020-07-24"), .week(0)).canonical == "2020-07-25")
        #expect(try DateMath.lastDay(d("2020-07-24"), .week(1)).canonical == "2020-07-26")
        #expect(try DateMath.lastDay(d("0001-01-01"), .isoYear).canonical == "0001-12-30")
        #expect(throws: BigQueryError("LAST_DAY does not support the SECOND date part")) {
            try DateMath.lastDay(d("2020-07-10"), .second)
        }
        // [timestamp_extract_isoyear_isoweek_week]: 2000-01-01 is WEEK 0, ISOYEAR 1999, ISOWEEK 52; 2017-06-03 WEEK 22.
        #expect(try DateMath.extract(.week(0), d("2000-01-01")) == 0)
        #expect(try DateMath.isoYearWeek(d("2000-01-01")) == (1999, 52))
        #expect(try DateMath.extract(.week(0), d("2017-06-03")) == 22)
        #expect(try DateTimeFormatter.format("%Y-W%U|%G-W%V", date: d("0001-01-02")) == "1-W00|1-W01")
    }
}
