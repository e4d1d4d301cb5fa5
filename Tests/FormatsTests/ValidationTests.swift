import Formats
import Foundation
import Rows
import Store
import TestSupport
import Testing

/// Values a row cannot hold: a startTime away from its settlement period, year 0000, a blank fuelType,
/// generation beyond any grid. Each is refused naming the row and field; absent and null generation agree.
@Suite struct ValidationTests {
    let fuelhh = ResponseParser(dataset: Dataset.named("FUELHH")!, schema: try! Migration.schema(of: "bmrs_fuelhh"))
    let fuelinst = ResponseParser(
        dataset: Dataset.named("FUELINST")!, schema: try! Migration.schema(of: "bmrs_fuelinst"))

    /// 2018-06-01 (British Summer Time) period 5 starts at 01:00 UTC.
    static func row(dataset: String = "FUELHH", start: String = "2018-06-01T01:00:00Z", extra: String = "") -> String {
        #"{"dataset":"\#(dataset)","publishTime":"2018-06-01T01:30:00Z","startTime":"\#(start)","#
            + #""settlementDate":"2018-06-01","settlementPeriod":5,"fuelType":"CCGT""# + extra + "}"
    }

    func error(_ parser: ResponseParser, _ body: String) -> InputError? {
        do {
            _ = try parser.parse(body: Array(body.utf8), source: "input.json", ingestedAt: 0)
            return nil
        } catch {
            return error as? InputError
        }
    }

    @Test func rejectsAFuelhhStartTimeThatIsNotItsPeriodsStart() throws {
        #expect(error(fuelhh, "[\(Self.row(extra: #","generation":1"#))]") == nil)
        for start in ["2081-06-01T01:00:00Z", "2018-06-01T01:05:00Z", "2018-06-01T00:00:00Z"] {
            let e = try #require(error(fuelhh, "[\(Self.row(extra: ""))," + Self.row(start: start) + "]"))
            #expect(e.file == "input.json" && e.row == 2 && e.field == "startTime", "\(e)")
            #expect(e.message.contains("2018-06-01 period 5"), "\(e)")
        }
    }

    @Test func acceptsAFuelinstStartTimeInsideItsPeriodOnly() throws {
        for start in ["2018-06-01T01:00:00Z", "2018-06-01T01:25:00Z", "2018-06-01T02:29:59+01:00"] {
            #expect(error(fuelinst, "[\(Self.row(dataset: "FUELINST", start: start))]") == nil, "\(start)")
        }
        for start in ["2018-06-01T01:30:00Z", "2018-06-01T00:55:00Z", "2081-06-01T01:10:00Z"] {
            let e = try #require(error(fuelinst, "[\(Self.row(dataset: "FUELINST", start: start))]"), "\(start)")
            #expect(e.row == 1 && e.field == "startTime", "\(e)")
        }
    }

    @Test func checksStartTimesOnClockChangeDays() throws {
        // 2018-03-25 has 46 periods: period 46 starts 22:30 UTC; 2018-10-28 has 50: period 50 starts 23:30 UTC.
        for (date, period, start) in [
            ("2018-03-25", 1, "2018-03-25T00:00:00Z"), ("2018-03-25", 46, "2018-03-25T22:30:00Z"),
            ("2018-10-28", 1, "2018-10-27T23:00:00Z"), ("2018-10-28", 50, "2018-10-28T23:30:00Z"),
        ] {
            let row = Self.row(start: start).replacingOccurrences(
                of: #""settlementDate":"2018-06-01","settlementPeriod":5"#,
                with: #""settlementDate":"\#(date)","settlementPeriod":\#(period)"#)
            #expect(error(fuelhh, "[\(row)]") == nil, "\(date) \(period)")
        }
    }

    @Test func rejectsYearZero() throws {
        let date = Self.row().replacingOccurrences(
            of: #""settlementDate":"2018-06-01""#, with: #""settlementDate":"0000-06-01""#)
        let e = try #require(error(fuelhh, "[\(date)]"))
        #expect(e.row == 1 && e.field == "settlementDate", "\(e)")
        let publish = Self.row().replacingOccurrences(of: "2018-06-01T01:30:00Z", with: "0000-06-01T01:30:00Z")
        #expect(try #require(error(fuelhh, "[\(publish)]")).field == "publishTime")
    }

    @Test(arguments: [#""fuelType":"""#, #""fuelType":"  ""#])
    func rejectsABlankFuelType(fuelType: String) throws {
        let row = Self.row().replacingOccurrences(of: #""fuelType":"CCGT""#, with: fuelType)
        let e = try #require(error(fuelhh, "[\(row)]"))
        #expect(e.row == 1 && e.field == "fuelType", "\(e)")
    }

    @Test func rejectsGenerationBeyondAMillionMegawatts() throws {
        for value in ["9223372036854775807", "1000001", "-1000001"] {
            let e = try #require(error(fuelhh, "[\(Self.row(extra: #","generation":"# + value))]"), "\(value)")
            #expect(e.row == 1 && e.field == "generation", "\(e)")
        }
        for value in ["1000000", "-1000000", "0"] {
            #expect(error(fuelhh, "[\(Self.row(extra: #","generation":"# + value))]") == nil)
        }
    }

    @Test func treatsAMissingGenerationAsNullInJSONAndCSV() throws {
        let missing = try fuelhh.parse(body: Array("[\(Self.row())]".utf8), source: "a", ingestedAt: 0)
        let null = try fuelhh.parse(
            body: Array("[\(Self.row(extra: #","generation":null"#))]".utf8), source: "b", ingestedAt: 0)
        let header = "Dataset,PublishTime,StartTime,SettlementDate,SettlementPeriod,FuelType"
        let line = "FUELHH,2018-06-01T01:30:00Z,2018-06-01T01:00:00Z,2018-06-01,5,CCGT"
        let csvMissing = try fuelhh.parse(body: Array("\(header)\n\(line)\n".utf8), source: "c", ingestedAt: 0)
        let csvEmpty = try fuelhh.parse(
            body: Array("\(header),Generation\n\(line),\n".utf8), source: "d", ingestedAt: 0)
        #expect(missing[0, 3] == .null)
        for batch in [null, csvMissing, csvEmpty] { #expect(batch.cells == missing.cells) }
        // A NOT NULL field may not be absent.
        let noType = Self.row().replacingOccurrences(of: #","fuelType":"CCGT""#, with: "")
        #expect(try #require(error(fuelhh, "[\(noType)]")).field == "fuelType")
    }
}
