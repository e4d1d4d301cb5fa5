import BigQueryRuntime
import Testing

private func date(_ text: String) throws -> CivilDate { try CivilDate.parse(canonical: text) }
private func datetime(_ text: String) throws -> CivilDateTime { try CivilDateTime.parse(canonical: text) }

@Suite struct ConversionTests {
    @Test func formatsDatesAndTimes() throws {
        // BigQuery docs, FORMAT_DATE / FORMAT_DATETIME / FORMAT_TIME / FORMAT_TIMESTAMP examples.
        #expect(try DateTimeFormatter.format("%x", date: date("2008-12-25")) == "12/25/08")
        #expect(try DateTimeFormatter.format("%b-%d-%Y", date: date("2008-12-25")) == "Dec-25-2008")
        #expect(try DateTimeFormatter.format("%b %Y", date: date("2008-12-25")) == "Dec 2008")
        #expect(
            try DateTimeFormatter.format("%c", datetime("2008-12-25 15:30:00"), .datetime) == "Thu Dec 25 15:30:00 2008"
        )
        #expect(try DateTimeFormatter.format("%R", time: CivilTime.parse(canonical: "15:30:00")) == "15:30")
        let ts = try Timestamp.parse(canonical: "2050-12-25 15:30:55")
        #expect(try DateTimeFormatter.format("%c", timestamp: ts, zone: .utc) == "Sun Dec 25 15:30:55 2050")
        #expect(try DateTimeFormatter.format("%Y-%m-%dT%H:%M:%SZ", timestamp: ts, zone: .utc) == "2050-12-25T15:30:55Z")
        #expect(try DateTimeFormatter.format("%Z %z", timestamp: ts, zone: .utc) == "UTC +0000")
        #expect(try DateTimeFormatter.format("%Z", timestamp: ts, zone: TimeZoneRules.named("+01:00")) == "+01")
        let london = try TimeZoneRules.named("Europe/London")
        let summer = try Timestamp.parse(canonical: "2018-06-21 12:30:00.250000")
        #expect(
            try DateTimeFormatter.format("%F %T%Ez %Z", timestamp: summer, zone: london)
                == "2018-06-21 13:30:00+01:00 BST")
        #expect(try DateTimeFormatter.format("%E3S|%E*S|%z", timestamp: summer, zone: london) == "00.250|00.25|+0100")
        #expect(
            try DateTimeFormatter.format("%A %a %B %j %u %w %U %V %G %e %%", date: date("2018-01-07"))
                == "Sunday Sun January 007 7 0 01 01 2018  7 %")
    }

    @Test func rejectsElementsThatDoNotApply() {
        #expect(throws: BigQueryError.self) { try DateTimeFormatter.format("%H", date: date("2018-01-07")) }
        #expect(throws: BigQueryError.self) { try DateTimeFormatter.format("%q", date: date("2018-01-07")) }
        #expect(throws: BigQueryError.self) {
            try DateTimeFormatter.format("%Z", datetime("2018-01-07 00:00:00"), .datetime)
        }
    }

    @Test func parsesDatesAndTimes() throws {
        // BigQuery docs, PARSE_DATE / PARSE_DATETIME / PARSE_TIME / PARSE_TIMESTAMP examples.
        #expect(try DateTimeParser.date("%A %b %e %Y", "Thursday Dec 25 2008").canonical == "2008-12-25")
        #expect(try DateTimeParser.date("%Y%m%d", "20081225").canonical == "2008-12-25")
        #expect(try DateTimeParser.date("%F", "2000-12-30").canonical == "2000-12-30")
        #expect(
            try DateTimeParser.datetime("%a %b %e %I:%M:%S %Y", "Thu Dec 25 07:30:00 2008").canonical
                == "2008-12-25 07:30:00")
        #expect(try DateTimeParser.datetime("%c", "Thu Dec 25 07:30:00 2008").canonical == "2008-12-25 07:30:00")
        #expect(try DateTimeParser.time("%H", "15").canonical == "15:00:00")
        #expect(try DateTimeParser.time("%I:%M:%S %p", "2:23:38 pm").canonical == "14:23:38")
        #expect(
            try DateTimeParser.timestamp("%c", "Thu Dec 25 07:30:00 2008", zone: .utc).canonical
                == "2008-12-25 07:30:00")
        let london = try TimeZoneRules.named("Europe/London")
        #expect(
            try DateTimeParser.timestamp("%F %T", "2018-06-21 13:30:00", zone: london).canonical
                == "2018-06-21 12:30:00")
        #expect(
            try DateTimeParser.timestamp("%F %T%Ez", "2018-06-21 13:30:00+02:00", zone: london).canonical
                == "2018-06-21 11:30:00")
        #expect(
            try DateTimeParser.datetime("%F %H:%M:%E*S", "2018-06-21 13:30:00.5").canonical
                == "2018-06-21 13:30:00.500000")
        #expect(throws: BigQueryError.self) { try DateTimeParser.date("%Y-%m-%d", "2018-02-30") }
        #expect(throws: BigQueryError.self) { try DateTimeParser.date("%Y-%m-%d", "2018-02-03 extra") }
        #expect(throws: BigQueryError.self) { try DateTimeParser.date("%Q", "1") }
    }

    @Test func castsBetweenScalarTypes() throws {
        // BigQuery docs, CAST: FLOAT64 to INT64 rounds half away from zero; hex strings are INT64; "0x87a" = 2170.
        #expect(try Cast.convert(.real(1.5), from: .float64, to: .int64) == .integer(2))
        #expect(try Cast.convert(.real(-1.5), from: .float64, to: .int64) == .integer(-2))
        #expect(try Cast.convert(.text("0x87a"), from: .string, to: .int64) == .integer(2170))
        #expect(try Cast.convert(.text("-0x87A"), from: .string, to: .int64) == .integer(-2170))
        #expect(try Cast.convert(.text("0123"), from: .string, to: .int64) == .integer(123))
        #expect(try Cast.convert(.text("0123"), from: .string, to: .string) == .text("0123"))
        #expect(try Cast.convert(.real(1.0), from: .float64, to: .string) == .text("1"))
        #expect(try Cast.convert(.integer(1), from: .bool, to: .string) == .text("true"))
        #expect(try Cast.convert(.text("TRUE"), from: .string, to: .bool) == .integer(1))
        #expect(try Cast.convert(.text("nan"), from: .string, to: .float64) == .text("NaN"))
        #expect(
            try Cast.convert(.text("2018-06-21 12:30:00"), from: .timestamp, to: .string)
                == .text("2018-06-21 12:30:00+00"))
        #expect(try Cast.convert(.text("2018-6-1"), from: .string, to: .date) == .text("2018-06-01"))
        #expect(try Cast.convert(.text("1.50"), from: .string, to: .numeric) == .text("1.5"))
        #expect(throws: BigQueryError("Invalid date: 'xxx'")) {
            try Cast.convert(.text("xxx"), from: .string, to: .date)
        }
        #expect(throws: BigQueryError.self) { try Cast.convert(.real(2.5e20), from: .float64, to: .int64) }
        #expect(throws: BigQueryError.self) { try Cast.convert(.blob([0xff]), from: .bytes, to: .string) }
        #expect(try Cast.safeConvert(.text("apple"), from: .string, to: .int64) == .null)
        #expect(
            try Cast.convert(.text("[1,null,3]"), from: .array(.int64), to: .array(.string))
                == .text(#"["1",null,"3"]"#))
        #expect(try Cast.safeConvert(.text(#"["1","x"]"#), from: .array(.string), to: .array(.int64)) == .null)
        #expect(throws: BigQueryError.self) { try Cast.safeConvert(.integer(1), from: .int64, to: .date) }
        #expect(try BigQueryType("ARRAY<STRUCT<a INT64, b STRING>>").description == "ARRAY<STRUCT<a INT64, b STRING>>")
    }

    @Test func formatsLikeBigQueryFormat() throws {
        // BigQuery docs, FORMAT examples.
        func format(_ f: String, _ args: [(BigQueryType, StoredValue)]) throws -> String? {
            try FormatFunction.format(f, args.map { (type: $0.0, value: $0.1) })
        }
        #expect(try format("%d", [(.int64, .integer(10))]) == "10")
        #expect(try format("|%10d|", [(.int64, .integer(11))]) == "|        11|")
        #expect(try format("+%010d+", [(.int64, .integer(12))]) == "+0000000012+")
        #expect(try format("%'d", [(.int64, .integer(123_456_789))]) == "123,456,789")
        #expect(try format("-%s-", [(.string, .text("abcd efg"))]) == "-abcd efg-")
        #expect(try format("%f %E", [(.float64, .real(1.1)), (.float64, .real(2.2))]) == "1.100000 2.200000E+00")
        #expect(try format("%T", [(.date, .text("2015-09-01"))]) == "DATE \"2015-09-01\"")
        #expect(try format("%T", [(.string, .text("abc"))]) == "\"abc\"")
        #expect(try format("%t", [(.array(.int64), .text("[1,2,3]"))]) == "[1, 2, 3]")
        #expect(
            try format("%x %X %o", [(.int64, .integer(255)), (.int64, .integer(255)), (.int64, .integer(8))])
                == "ff FF 10")
        #expect(try format("%.2f%%", [(.float64, .real(12.345))]) == "12.35%")
        #expect(try format("%d", [(.int64, .null)]) == nil)
        #expect(try format("%t", [(.int64, .null)]) == "NULL")
        #expect(throws: BigQueryError.self) { try format("%d", [(.string, .text("x"))]) }
        #expect(throws: BigQueryError.self) { try format("%d %d", [(.int64, .integer(1))]) }
    }

    @Test func writesIntervalsCanonically() throws {
        // BigQuery docs, MAKE_INTERVAL(1, 6, 15) = 1-6 15 0:0:0; JUSTIFY_DAYS(INTERVAL 30 DAY) = 0-1 0 0:0:0.
        #expect(try IntervalValue(months: 18, days: 15, micros: 0).canonical == "1-6 15 0:0:0")
        #expect(try IntervalValue(30, .day).justifiedDays.canonical == "0-1 0 0:0:0")
        #expect(try IntervalValue(24, .hour).justifiedHours.canonical == "0-0 1 0:0:0")
        #expect(try IntervalValue(parsing: "-1-2 3 -4:05:06.5").canonical == "-1-2 3 -4:5:6.500")
        #expect(try IntervalValue(parsing: "0-0 0 10:20:30.520").micros == 37_230_520_000)
        let start = try datetime("2016-01-31 10:00:00")
        #expect(try IntervalValue(1, .month).added(to: start).canonical == "2016-02-29 10:00:00")
    }
}
