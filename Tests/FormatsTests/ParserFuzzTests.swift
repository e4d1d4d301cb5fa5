import Formats
import Foundation
import Rows
import Store
import TestSupport
import Testing
import Zstd

/// Seeded fuzzing of every reader of outside bytes in Formats: the JSON scanner, the CSV reader, the timestamp
/// parser. Any input gives rows or an error, never a trap. Each test prints its seed (`BMRS_FUZZ_SEED=<n>`
/// replays it).
@Suite struct ParserFuzzTests {
    static let fuelinst = ResponseParser(
        dataset: Dataset.named("FUELINST")!, schema: try! Migration.schema(of: "bmrs_fuelinst"))
    static let fuelhh = ResponseParser(
        dataset: Dataset.named("FUELHH")!, schema: try! Migration.schema(of: "bmrs_fuelhh"))

    /// Parses `body`: rows or an invalid-input error naming `source`.
    static func parseOrReject(_ parser: ResponseParser, _ body: [UInt8], source: String) -> Bool {
        do {
            let batch = try parser.parse(body: body, source: source, ingestedAt: 0)
            #expect(batch.count <= 100)
            return true
        } catch let error as InputError {
            #expect(error.file == source)
            #expect(!error.description.contains("\n") && !error.description.contains("\r"), "\(error)")
            return false
        } catch {
            Issue.record("not an InputError: \(error)")
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
                let body = Mangler.mangle(source, alphabet: alphabet, using: &generator)
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
                Self.fuelhh, Mangler.mangle(envelope, alphabet: Array("{}[],:\"\\u0".utf8), using: &generator),
                source: "e"
            )
            _ = Self.parseOrReject(
                Self.fuelhh, Mangler.mangle(zst, alphabet: [0, 0xFF, 0x28, 0xB5], using: &generator), source: "z")
            _ = try? ResponseParser.detectDataset(
                body: Mangler.mangle(envelope, alphabet: Array("{}[]\"\\".utf8), using: &generator), source: "d")
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
                : Mangler.mangle(valid, alphabet: alphabet, using: &generator)
            // An exact-size buffer: reading one byte past it is outside the allocation.
            guard let micros = text.withUnsafeBytes({ Timestamp.parse(bytes: $0) }) else { continue }
            accepted += 1
            let again = Timestamp.parse(Timestamp.isoString(micros))
            #expect(again == micros, "\(String(decoding: text, as: UTF8.self))")
        }
        #expect(accepted > 0)
    }
}
