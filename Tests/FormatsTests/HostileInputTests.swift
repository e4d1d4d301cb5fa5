import Formats
import Foundation
import Rows
import Store
import TestSupport
import Testing
import Zstd

/// Input built to crash the parsers: deep nesting, timestamps cut short, days at the ends of `Int64`. Each must
/// be a one-line error, never a trap or a segfault.
@Suite struct HostileInputTests {
    static let fuelhh = ResponseParser(
        dataset: Dataset.named("FUELHH")!, schema: try! Migration.schema(of: "bmrs_fuelhh"))

    /// The parse error of `body`, parsed on a thread with a 1 MiB stack (ingest's fetch workers).
    static func errorOnWorkerStack(_ body: String) -> String {
        onThread {
            do {
                _ = try fuelhh.parse(body: Array(body.utf8), source: "deep.json", ingestedAt: 0)
                return "parsed"
            } catch {
                return "\(error)"
            }
        }
    }

    @Test func refusesJSONNestedFourHundredDeepInsideARow() {
        let deep = String(repeating: "[", count: 400) + String(repeating: "]", count: 400)
        let row = ParserTests.row.replacingOccurrences(of: #""fuelType""#, with: #""extra":\#(deep),"fuelType""#)
        let error = Self.errorOnWorkerStack(#"{"data":[\#(row)]}"#)
        #expect(error.contains("deep.json, row 1: the JSON is nested deeper than 64 levels"), "\(error)")
        #expect(!error.contains("\n"))
    }

    @Test func refusesJSONNestedFiveThousandDeepInTheEnvelope() {
        let deep = String(repeating: #"{"a":"#, count: 5000) + "1" + String(repeating: "}", count: 5000)
        let error = Self.errorOnWorkerStack(#"{"metadata":\#(deep),"data":[]}"#)
        #expect(error.contains("nested deeper than 64 levels"), "\(error)")
        let stream = Self.errorOnWorkerStack("[" + String(repeating: "[", count: 5000))
        #expect(stream.contains("deep.json"), "\(stream)")
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let deep = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        let row = ParserTests.row.replacingOccurrences(of: #""fuelType""#, with: #""extra":\#(deep),"fuelType""#)
        #expect(Self.errorOnWorkerStack(#"{"data":[\#(row)]}"#) == "parsed")
    }

    @Test(arguments: [
        "2018-01-01T00:00:00+", "2018-01-01T00:00:00-", "2018-01-01T00:00:00+0", "2018-01-01T00:00:00+01:",
        "2018-01-01T00:00:00+01:3", "2018-01-01T00:00:00.", "2018-01-01T00:00:00.5",
    ])
    func rejectsATimestampCutShortWithoutReadingPastIt(text: String) {
        // An exact-size buffer: one byte past it is outside the allocation.
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { Timestamp.parse(bytes: $0) } == nil)
    }

    @Test func civilDateArithmeticIsTotal() throws {
        #expect(CivilDate.string(Int64.max) == "9999-12-31")
        #expect(CivilDate.string(Int64.min) == "0001-01-01")
        #expect(CivilDate.supportedDays.lowerBound == CivilDate.dayNumber(year: 1, month: 1, day: 1))
        #expect(CivilDate.supportedDays.upperBound == CivilDate.dayNumber(year: 9999, month: 12, day: 31))
        #expect(SettlementCalendar.periods(onDay: .max) == 48)
        _ = SettlementCalendar.startOfDay(.min)
        #expect(Timestamp.sqlString(.min).hasPrefix("0001-01-01"))
        #expect(Timestamp.sqlString(.max).hasPrefix("9999-12-31"))
        #expect(throws: InputError.self) { try CivilDate.validDay(year: 0, month: 1, day: 1) }
        #expect(throws: InputError.self) { try CivilDate.validDay(year: Int.max, month: 1, day: 1) }
        #expect(try CivilDate.validDay(year: 2018, month: 3, day: 25) == CivilDate.parse("2018-03-25"))
        #expect(CivilDate.parse("0000-01-01") == nil)
        #expect(Timestamp.parse("0000-01-01T00:00:00Z") == nil)
    }
}
