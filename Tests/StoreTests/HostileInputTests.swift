import Foundation
import Store
import TestSupport
import Testing
import Zstd

/// Input built to crash the process: deep nesting, timestamps cut short, days at the ends of `Int64`,
/// damaged sealed blobs. Each must be a one-line error, never a trap or a segfault.
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
        #expect(throws: StoreError.self) { try CivilDate.validDay(year: 0, month: 1, day: 1) }
        #expect(throws: StoreError.self) { try CivilDate.validDay(year: Int.max, month: 1, day: 1) }
        #expect(try CivilDate.validDay(year: 2018, month: 3, day: 25) == CivilDate.parse("2018-03-25"))
        #expect(CivilDate.parse("0000-01-01") == nil)
        #expect(Timestamp.parse("0000-01-01T00:00:00Z") == nil)
    }

    /// A hand-made encoding of `rows` rows holding one STRING column, `fuelType`, with `runs` (index, length).
    static func encoding(rows: Int, dictionary: [String], runs: [(Int, Int)]) -> [UInt8] {
        var column: [UInt8] = [0, UInt8(dictionary.count)]
        for s in dictionary { column += [UInt8(s.utf8.count)] + Array(s.utf8) }
        column.append(UInt8(runs.count))
        for (index, length) in runs { column += [UInt8(index), UInt8(length)] }
        let name = Array("fuelType".utf8)
        return Array("BMRS".utf8) + [1, 0, UInt8(rows), 1, UInt8(name.count)] + name + [3, UInt8(column.count)]
            + column
    }

    @Test func aSealedBlobWhoseTextRunsDoNotCoverEveryRowIsAnError() throws {
        let schema = try Migration.schema(of: "bmrs_fuelhh")
        let sound = Self.encoding(rows: 2, dictionary: ["CCGT"], runs: [(0, 2)])
        let decoded = try PartitionCodec.decode(raw: sound, schema: schema, source: "sound")
        #expect(decoded.cell(row: 1, column: 2) == .text("CCGT"))
        for damaged in [
            Self.encoding(rows: 2, dictionary: ["CCGT"], runs: [(0, 1)]),  // row 2 has no value
            Self.encoding(rows: 2, dictionary: [], runs: [(0, 2)]),  // a run into an empty dictionary
            Self.encoding(rows: 2, dictionary: ["CCGT"], runs: [(1, 2)]),  // past the dictionary
        ] {
            let blob = try PartitionCodec.compress(damaged)
            let error = #expect(throws: StoreError.self) {
                let day = try blob.withUnsafeBytes {
                    try PartitionCodec.decode(blob: $0, schema: schema, source: "bmrs_fuelhh 2018-01-01")
                }
                for row in 0..<day.rowCount { _ = day.cell(row: row, column: 2) }
            }
            #expect(
                error?.description
                    == "sealed partition bmrs_fuelhh 2018-01-01 is corrupt (its encoding does not decode)")
        }
    }

    @Test func everyZstdFrameCarriesAContentChecksumAndOldFramesStillDecode() throws {
        let text = Array(String(repeating: "FUELHH,2018-01-01,CCGT,5361\n", count: 50).utf8)
        let frame = try Zstd.compress(text, level: 3)
        // Frame header descriptor (byte 4): bit 2 is the content checksum flag.
        #expect(frame[4] & 0b100 != 0)
        #expect(try Zstd.decompress(frame) == text)
        var damaged = frame
        damaged[damaged.count - 1] ^= 0xFF
        #expect(throws: CompressionError.self) { try Zstd.decompress(damaged) }
        #expect(throws: CompressionError.self) {
            try damaged.withUnsafeBytes { try Zstd.decompress($0, using: DecompressionContext()) }
        }
        // `echo -n hello | zstd --no-check`: a frame as bmrs wrote them before checksums.
        let old: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x58, 0x29, 0x00, 0x00, 0x68, 0x65, 0x6C, 0x6C, 0x6F]
        #expect(try Zstd.decompress(old) == Array("hello".utf8))
    }

    @Test func aFrameHeaderClaimingGigabytesAllocatesNothingUpFront() {
        // Single-segment frame declaring 8 GiB of content, holding a raw block of 5 bytes.
        let frame: [UInt8] =
            [0x28, 0xB5, 0x2F, 0xFD, 0xE0, 0, 0, 0, 0, 2, 0, 0, 0, 0x29, 0, 0] + Array("hello".utf8)
        #expect(throws: CompressionError.self) { try Zstd.decompress(frame) }
        #expect(throws: CompressionError.self) {
            try frame.withUnsafeBytes { try Zstd.decompress($0, using: DecompressionContext(), limit: 1 << 34) }
        }
    }
}
