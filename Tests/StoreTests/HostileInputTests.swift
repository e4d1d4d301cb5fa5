import Foundation
import Store
import TestSupport
import Testing
import Zstd

/// Input built to crash the store: damaged sealed blobs and zstd frames. Each must be a one-line error, never a
/// trap or a segfault (hostile API input is tested in FormatsTests).
@Suite struct HostileInputTests {
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
