import Formats
import Foundation
import Rows
import Store
import TestSupport
import Testing
import Zstd

/// `bmrs load` without `--dataset`: the dataset is read from the decoded rows, so a damaged file reports what
/// is wrong with it, and every form the API writes (CSV with CRLF, a BOM or any column order, escapes) is known.
@Suite struct DetectionTests {
    static let header = "Dataset,PublishTime,StartTime,SettlementDate,SettlementPeriod,FuelType,Generation"
    static let line = "FUELHH,2018-01-01T00:30:00Z,2018-01-01T00:00:00Z,2018-01-01,1,CCGT,5361"

    func detect(_ body: [UInt8]) throws -> Dataset? {
        try ResponseParser.detectDataset(body: body, source: "file")
    }

    func failure(_ body: [UInt8]) -> String {
        do {
            return "detected \(String(describing: try detect(body)))"
        } catch {
            return "\(error)"
        }
    }

    @Test func reportsTheDecodingErrorOfADamagedFile() throws {
        let json = Array(#"{"data":[\#(ParserTests.row)]}"#.utf8)
        let zst = try Zstd.compress(json)
        #expect(failure(Array(zst.dropLast(9))).contains("zstd data is"), "\(failure(Array(zst.dropLast(9))))")
        #expect(failure(Array("<!DOCTYPE html><html>502</html>".utf8)).contains("HTML"))
        #expect(failure([]) == "file: the body is empty")
        #expect(failure(Array(" \n".utf8)) == "file: the body is empty")
        #expect(failure(Array(#"{"data":[{"data"#.utf8)).contains("truncated"))
        #expect(failure(Array(#"{"data":[{"dataset":"NOPE"}]}"#.utf8)).contains("unknown dataset \"NOPE\""))
        #expect(failure(Array(#"{"data":[{"fuelType":"CCGT"}]}"#.utf8)).contains("no dataset field"))
    }

    @Test func readsTheDatasetOfEveryFormTheAPIWrites() throws {
        let fuelhh = Dataset.named("FUELHH")
        let forms: [(String, [UInt8])] = [
            ("CRLF", Array("\(Self.header)\r\n\(Self.line)\r\n".utf8)),
            ("BOM", [0xEF, 0xBB, 0xBF] + Array("\(Self.header)\n\(Self.line)\n".utf8)),
            (
                "reordered",
                Array(
                    ("FuelType,Generation,Dataset,PublishTime,StartTime,SettlementDate,SettlementPeriod\n"
                        + "CCGT,5361,FUELHH,2018-01-01T00:30:00Z,2018-01-01T00:00:00Z,2018-01-01,1\n").utf8)
            ),
            ("escaped", Array(#"{"data":[{"fuelType":"CCGT","dataset":"FUEL\u0048H"}]}"#.utf8)),
            ("BOM JSON", [0xEF, 0xBB, 0xBF] + Array("[\(ParserTests.row)]".utf8)),
            ("gzip fixture", try TestSupport.fixtureBytes("FUELHH_2018-03-25.stream.json.gz")),
            ("zstd fixture", try TestSupport.fixtureBytes("FUELHH_2018.json.zst")),
        ]
        for (name, body) in forms { #expect(try detect(body) == fuelhh, "\(name)") }
        #expect(
            try detect(try TestSupport.fixtureBytes("FUELINST_20230507-20230514.json.zst")) == Dataset.named("FUELINST")
        )
    }

    @Test func anEmptyResponseHoldsNoDataset() throws {
        #expect(try detect(Array(#"{"data":[]}"#.utf8)) == nil)
        #expect(try detect(Array(" [ ] ".utf8)) == nil)
        #expect(try detect(Array("\(Self.header)\r\n".utf8)) == nil)
    }

    @Test func theDetectedFormsLoad() throws {
        let parser = ResponseParser(dataset: Dataset.named("FUELHH")!, schema: try Migration.schema(of: "bmrs_fuelhh"))
        for body in [
            "\(Self.header)\r\n\(Self.line)\r\n", "\u{FEFF}\(Self.header)\n\(Self.line)\n",
            #"[{"dataset":"FUEL\u0048H","publishTime":"2018-01-01T00:30:00Z","startTime":"2018-01-01T00:00:00Z","settlementDate":"2018-01-01","settlementPeriod":1,"fuelType":"CCGT","generation":5361}]"#,
        ] {
            #expect(try parser.parse(body: Array(body.utf8), source: "f", ingestedAt: 0).count == 1, "\(body)")
        }
    }
}
