import Formats
import Foundation
import Rows
import Store
import TestSupport
import Testing

@Suite struct ParserTests {
    let fuelhh = ResponseParser(dataset: Dataset.named("FUELHH")!, schema: try! Migration.schema(of: "bmrs_fuelhh"))
    let fuelinst = ResponseParser(
        dataset: Dataset.named("FUELINST")!, schema: try! Migration.schema(of: "bmrs_fuelinst"))

    func parse(_ parser: ResponseParser, _ text: String, source: String = "input.json") throws -> RowBatch {
        try parser.parse(body: Array(text.utf8), source: source, ingestedAt: 7)
    }

    func error(_ parser: ResponseParser, _ text: String) -> InputError? {
        do {
            _ = try parse(parser, text)
            return nil
        } catch {
            return error as? InputError
        }
    }

    static let row =
        #"{"dataset":"FUELHH","publishTime":"2018-01-01T00:30:00Z","startTime":"2018-01-01T00:00:00Z","settlementDate":"2018-01-01","settlementPeriod":1,"fuelType":"CCGT","generation":5361}"#

    @Test func readsTheEnvelopeTheStreamArrayAndCSVAlike() throws {
        let envelope = try parse(fuelhh, #"{"metadata":{"datasets":["FUELHH"]},"data":[\#(Self.row)]}"#)
        let stream = try parse(fuelhh, "[\(Self.row)]")
        let csv = try parse(
            fuelhh,
            """
            Dataset,PublishTime,StartTime,SettlementDate,SettlementPeriod,FuelType,Generation
            FUELHH,2018-01-01T00:30:00Z,2018-01-01T00:00:00Z,2018-01-01,1,CCGT,5361

            """)
        #expect(envelope.count == 1)
        #expect(envelope.cells == stream.cells)
        #expect(envelope.cells == csv.cells)
        #expect(envelope[0, 2] == .text("CCGT"))
        #expect(envelope[0, 3] == .int(5361))
        #expect(envelope[0, 6] == .int(7))  // _ingested_utc stamped
    }

    @Test func readsEveryFixtureFormat() throws {
        let day = try fuelhh.parse(
            body: try TestSupport.fixtureBytes("FUELHH_2018-03-25.stream.json.gz"),
            source: "gz", ingestedAt: 0)
        #expect(day.count == 690)
        let csv = try fuelhh.parse(
            body: try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv"), source: "csv", ingestedAt: 0)
        #expect(csv.count == 750)
        let plusZero = try fuelhh.parse(
            body: try TestSupport.fixtureBytes("FUELHH_2018-01-01.json"), source: "json",
            ingestedAt: 0)
        #expect(plusZero.count == 720)
        #expect(plusZero[0, 4] == .int(Timestamp.parse("2018-01-01T00:30:00Z")!))
        let stream = try fuelinst.parse(
            body: try TestSupport.fixtureBytes("FUELINST_stream_2024-02-12T1750Z.json"),
            source: "stream", ingestedAt: 0)
        #expect(stream.count == 19)
        let fragment = try fuelinst.parse(
            body: try TestSupport.fixtureBytes("FUELINST_csv_fragment_2022-06-26_SP2.csv"),
            source: "csv", ingestedAt: 0)
        #expect(fragment.count == 53)
        #expect(fragment.cells.contains(.int(-9)))
    }

    @Test func namesFileRowAndFieldOfAWrongType() throws {
        let bad = Self.row.replacingOccurrences(of: #""generation":5361"#, with: #""generation":"lots""#)
        let e = try #require(error(fuelhh, "[\(Self.row),\(bad)]"))
        #expect(e.file == "input.json")
        #expect(e.row == 2)
        #expect(e.field == "generation")
        #expect(e.description.contains("expected an integer"))
    }

    @Test func namesAMissingField() throws {
        let bad = Self.row.replacingOccurrences(of: #","fuelType":"CCGT""#, with: "")
        let e = try #require(error(fuelhh, #"{"data":[\#(bad)]}"#))
        #expect(e.row == 1)
        #expect(e.field == "fuelType")
        #expect(e.message.contains("missing"))
    }

    @Test(arguments: [("2018-03-25", 47), ("2018-01-01", 49), ("2018-10-28", 51), ("2018-01-01", 0)])
    func rejectsASettlementPeriodOutsideTheDaysRange(date: String, period: Int) throws {
        let bad = Self.row.replacingOccurrences(
            of: #""settlementDate":"2018-01-01","settlementPeriod":1"#,
            with: #""settlementDate":"\#(date)","settlementPeriod":\#(period)"#)
        let e = try #require(error(fuelhh, "[\(bad)]"))
        #expect(e.field == "settlementPeriod")
        #expect(e.message.contains("outside"))
    }

    @Test func acceptsPeriodFiftyOnTheAutumnChangeDay() throws {
        let ok = Self.row.replacingOccurrences(
            of: #""settlementDate":"2018-01-01","settlementPeriod":1"#,
            with: #""settlementDate":"2018-10-28","settlementPeriod":50"#
        ).replacingOccurrences(of: "2018-01-01T00:00:00Z", with: "2018-10-28T23:30:00Z")
        #expect(try parse(fuelhh, "[\(ok)]").count == 1)
    }

    @Test(arguments: [
        ("<html><body>502 Bad Gateway</body></html>", "HTML"),
        (#"{"data":[{"dataset":"FUELHH","#, "truncated"),
        (#"{"data":[\#(row)"#, "truncated"),
        (#"{"data":[\#(row)]} trailing"#, "unexpected content"),
        (#"{"items":[]}"#, "no \"data\" array"),
        ("", "empty"),
        (#"{"data":[{"dataset":"FUELHH","publishTime":tru}]}"#, "invalid JSON"),
    ])
    func rejectsMalformedBodiesWithTheReason(body: String, reason: String) throws {
        let e = try #require(error(fuelhh, body))
        #expect(e.description.contains(reason), "\(e)")
        #expect(e.file == "input.json")
    }

    @Test func rejectsRowsOfAnotherDataset() throws {
        let e = try #require(error(fuelinst, "[\(Self.row)]"))
        #expect(e.field == "dataset")
    }

    @Test func rejectsAnInvalidDateAndATimestampWithoutZone() throws {
        let badDate = Self.row.replacingOccurrences(
            of: #""settlementDate":"2018-01-01""#, with: #""settlementDate":"2018-02-30""#)
        #expect(try #require(error(fuelhh, "[\(badDate)]")).field == "settlementDate")
        let noZone = Self.row.replacingOccurrences(
            of: #""startTime":"2018-01-01T00:00:00Z""#, with: #""startTime":"2018-01-01T00:00:00""#)
        #expect(try #require(error(fuelhh, "[\(noZone)]")).field == "startTime")
    }

    @Test func decodesEscapesAndSkipsUnknownFields() throws {
        let row = Self.row.replacingOccurrences(
            of: #""fuelType":"CCGT""#, with: #""fuelType":"C\u0043GT","extra":{"a":[1,2,{"b":null}]}"#)
        let batch = try parse(fuelhh, "[\(row)]")
        #expect(batch[0, 2] == .text("CCGT"))
    }

    @Test func rejectsNullInANotNullColumnButAcceptsNullGeneration() throws {
        let nullType = Self.row.replacingOccurrences(of: #""fuelType":"CCGT""#, with: #""fuelType":null"#)
        #expect(try #require(error(fuelhh, "[\(nullType)]")).field == "fuelType")
        let nullGeneration = Self.row.replacingOccurrences(of: #""generation":5361"#, with: #""generation":null"#)
        #expect(try parse(fuelhh, "[\(nullGeneration)]")[0, 3] == .null)
    }

    @Test func namesTheCSVFieldAndTheMissingHeader() throws {
        let badValue =
            "Dataset,PublishTime,StartTime,SettlementDate,SettlementPeriod,FuelType,Generation\n"
            + "FUELHH,2018-01-01T00:30:00Z,2018-01-01T00:00:00Z,2018-01-01,1,CCGT,12x\n"
        let e = try #require(error(fuelhh, badValue))
        #expect(e.row == 1 && e.field == "generation")
        let noColumn = "Dataset,PublishTime,StartTime,SettlementDate,SettlementPeriod,Generation\nFUELHH,a,b,c,1,5\n"
        #expect(try #require(error(fuelhh, noColumn)).field == "fuelType")
    }
}
