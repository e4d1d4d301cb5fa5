import Foundation
import TestSupport
import Testing
import Zstd

@testable import Store

/// Seeded fuzzing of every reader of outside bytes: the JSON scanner, the CSV reader, the timestamp parser and
/// the partition decoder. Any input gives a value or an error, never a trap. Each test prints its seed
/// (`BMRS_FUZZ_SEED=<n>` replays it).
@Suite struct FuzzTests {
    static let fuelinst = ResponseParser(
        dataset: Dataset.named("FUELINST")!, schema: try! Migration.schema(of: "bmrs_fuelinst"))
    static let fuelhh = ResponseParser(
        dataset: Dataset.named("FUELHH")!, schema: try! Migration.schema(of: "bmrs_fuelhh"))

    /// `body` with one to four random edits: a random byte, a deletion, an inserted byte from `alphabet`,
    /// a repeated slice (deep nesting, long runs) or a cut.
    static func mangle(_ body: [UInt8], alphabet: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var body = body
        for _ in 0..<Int.random(in: 1...4, using: &generator) where !body.isEmpty {
            let position = Int.random(in: 0..<body.count, using: &generator)
            switch Int.random(in: 0..<10, using: &generator) {
            case 0...2: body[position] = UInt8.random(in: 0...255, using: &generator)
            case 3...4: body.remove(at: position)
            case 5...7: body.insert(alphabet.randomElement(using: &generator)!, at: position)
            case 8:
                let end = min(body.count, position + Int.random(in: 1...8, using: &generator))
                let slice = body[position..<end]
                body.insert(
                    contentsOf: Array(repeating: slice, count: Int.random(in: 2...300, using: &generator)).joined(),
                    at: position)
            default: body.removeSubrange(position...)
            }
        }
        return body
    }

    /// Parses `body`: rows or an invalid-input error naming `source`.
    static func parseOrReject(_ parser: ResponseParser, _ body: [UInt8], source: String) -> Bool {
        do {
            let batch = try parser.parse(body: body, source: source, ingestedAt: 0)
            #expect(batch.count <= 100)
            return true
        } catch let error as StoreError {
            #expect(error.code == .invalidInput)
            #expect(error.file == source)
            #expect(!error.description.contains("\n") && !error.description.contains("\r"), "\(error)")
            return false
        } catch {
            Issue.record("not a StoreError: \(error)")
            return false
        }
    }

    @Test func survivesThousandsOfMangledBodies() throws {
        var generator = SeededGenerator.fromEnvironment(test: "survivesThousandsOfMangledBodies")
        let json = try TestSupport.fixtureBytes("FUELINST_stream_2024-02-12T1750Z.json")
        let csv = try TestSupport.fixtureBytes("FUELINST_csv_fragment_2022-06-26_SP2.csv")
        var parsed = 0
        for (source, alphabet) in [(json, Array("{}[],:\"\\0-.eEu+nt ".utf8)), (csv, Array(",\"\r\n-.:TZ+0 ".utf8))] {
            for cut in 0..<source.count where cut % 7 == 0 {
                if Self.parseOrReject(Self.fuelinst, Array(source[0..<cut]), source: "cut") { parsed += 1 }
            }
            for _ in 0..<1500 {
                let body = Self.mangle(source, alphabet: alphabet, using: &generator)
                if Self.parseOrReject(Self.fuelinst, body, source: "mangled") { parsed += 1 }
            }
        }
        #expect(parsed > 0, "some mutations (inside values) still parse")
    }

    @Test func survivesMangledEnvelopesAndCompressedBodies() throws {
        var generator = SeededGenerator.fromEnvironment(test: "survivesMangledEnvelopesAndCompressedBodies")
        let envelope = Array(
            #"{"metadata":{"datasets":["FUELHH"],"x":[[1,{"y":null}]]},"data":[\#(ParserTests.row),\#(ParserTests.row)]}"#
                .utf8)
        let zst = try Zstd.compress(envelope, level: 3)
        for _ in 0..<1500 {
            _ = Self.parseOrReject(
                Self.fuelhh, Self.mangle(envelope, alphabet: Array("{}[],:\"\\u0".utf8), using: &generator), source: "e"
            )
            _ = Self.parseOrReject(
                Self.fuelhh, Self.mangle(zst, alphabet: [0, 0xFF, 0x28, 0xB5], using: &generator), source: "z")
            _ = try? ResponseParser.detectDataset(
                body: Self.mangle(envelope, alphabet: Array("{}[]\"\\".utf8), using: &generator), source: "d")
        }
    }

    @Test func theTimestampParserAcceptsOnlyWhatItCanPrintBack() {
        var generator = SeededGenerator.fromEnvironment(test: "theTimestampParserAcceptsOnlyWhatItCanPrintBack")
        let alphabet = Array("0123456789-:T Z+.tz".utf8)
        let valid = Array("2018-03-25T01:00:00.123456+01:00".utf8)
        var accepted = 0
        for i in 0..<20_000 {
            let text: [UInt8] =
                i % 2 == 0
                ? (0..<Int.random(in: 0...34, using: &generator)).map { _ in alphabet.randomElement(using: &generator)!
                }
                : Self.mangle(valid, alphabet: alphabet, using: &generator)
            // An exact-size buffer: reading one byte past it is outside the allocation.
            guard let micros = text.withUnsafeBytes({ Timestamp.parse(bytes: $0) }) else { continue }
            accepted += 1
            let again = Timestamp.parse(Timestamp.isoString(micros))
            #expect(again == micros, "\(String(decoding: text, as: UTF8.self))")
        }
        #expect(accepted > 0)
    }

    /// A real day (FUELHH 2018-01-01, 720 rows) in the sealed tier's encoding.
    static func sealedDay() throws -> [UInt8] {
        let schema = try Migration.schema(of: "bmrs_fuelhh")
        var batch = try fuelhh.parse(
            body: try TestSupport.fixtureBytes("FUELHH_2018-01-01.json"), source: "f", ingestedAt: 0)
        // Some nulls, so that the null bitmaps are exercised too.
        for row in stride(from: 0, to: batch.count, by: 17) { batch[row, 3] = .null }
        let (day, rows) = try #require(SortKeys(batch: batch, schema: schema).rowsByDay().first)
        return PartitionCodec.encode(ColumnarDay(day: day, batch: batch, rows: rows, schema: schema), schema: schema)
    }

    /// Decodes and reads every cell; true when it decoded.
    static func decodeEverything(_ decode: () throws -> ColumnarDay) -> Bool {
        do {
            let day = try decode()
            for row in 0..<day.rowCount {
                for column in day.columns.indices { _ = day.cell(row: row, column: column) }
            }
            _ = day.batch()
            _ = day.logicalBytes(schema: try Migration.schema(of: "bmrs_fuelhh"))
            return true
        } catch let error as StoreError {
            #expect(error.code == .badStore)
            return false
        } catch {
            Issue.record("not a StoreError: \(error)")
            return false
        }
    }

    @Test func mutatedSealedPartitionsGiveAnErrorNeverATrap() throws {
        var generator = SeededGenerator.fromEnvironment(test: "mutatedSealedPartitionsGiveAnErrorNeverATrap")
        let schema = try Migration.schema(of: "bmrs_fuelhh")
        let raw = try Self.sealedDay()
        #expect(Self.decodeEverything { try PartitionCodec.decode(raw: raw, schema: schema, source: "sound") })
        let blob = try PartitionCodec.compress(raw, level: 3)
        var decoded = 0
        for _ in 0..<3000 {
            let mangled = Self.mangle(raw, alphabet: [0, 1, 2, 3, 0x7F, 0x80, 0xFF], using: &generator)
            if Self.decodeEverything({ try PartitionCodec.decode(raw: mangled, schema: schema, source: "raw") }) {
                decoded += 1
            }
        }
        for _ in 0..<300 {
            let mangled = Self.mangle(blob, alphabet: [0, 0xFF], using: &generator)
            let decodedBlob = Self.decodeEverything {
                try mangled.withUnsafeBytes {
                    try PartitionCodec.decode(blob: $0, schema: schema, source: "blob", context: DecompressionContext())
                }
            }
            // The content checksum catches damage to the compressed bytes.
            if decodedBlob { #expect(try Zstd.decompress(mangled) == raw) }
        }
        #expect(decoded > 0, "some mutations (inside values) still decode")
    }
}
