import Formats
import Foundation
import Rows
import TestSupport
import Testing
import Zstd

@testable import Store

/// Seeded fuzzing of the partition decoder (the parsers are fuzzed in FormatsTests): any sealed blob gives a
/// day or an error, never a trap. Each test prints its seed (`BMRS_FUZZ_SEED=<n>` replays it).
@Suite struct FuzzTests {
    static let fuelhh = ResponseParser(
        dataset: Dataset.named("FUELHH")!, schema: try! Migration.schema(of: "bmrs_fuelhh"))

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
            let mangled = Mangler.mangle(raw, alphabet: [0, 1, 2, 3, 0x7F, 0x80, 0xFF], using: &generator)
            if Self.decodeEverything({ try PartitionCodec.decode(raw: mangled, schema: schema, source: "raw") }) {
                decoded += 1
            }
        }
        for _ in 0..<300 {
            let mangled = Mangler.mangle(blob, alphabet: [0, 0xFF], using: &generator)
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
