import CZlib
import Formats
import Rows
import Store
import TestSupport
import Testing
import Zstd

/// Compressed input is recognised by its magic number, and no input expands past `Decompression.limit`: a small
/// hostile file cannot make `bmrs load` or ingest allocate gigabytes.
@Suite struct DecompressionTests {
    static let fuelhh = ResponseParser(
        dataset: Dataset.named("FUELHH")!, schema: try! Migration.schema(of: "bmrs_fuelhh"))

    /// One gzip member holding `count` zero bytes (about a thousandth of that).
    static func gzipOfZeros(_ count: Int) throws -> [UInt8] {
        var stream = z_stream()
        let size = Int32(MemoryLayout<z_stream>.size)
        try #require(deflateInit2_(&stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, size) == Z_OK)
        defer { deflateEnd(&stream) }
        var input = [UInt8](repeating: 0, count: count)
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(count))) + 64)
        let status = input.withUnsafeMutableBytes { inBytes in
            output.withUnsafeMutableBytes { outBytes in
                stream.next_in = inBytes.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(inBytes.count)
                stream.next_out = outBytes.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(outBytes.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        try #require(status == Z_STREAM_END)
        return Array(output[..<Int(stream.total_out)])
    }

    /// The error parsing `body` gives, or "parsed".
    static func failure(_ body: [UInt8], source: String) -> String {
        do {
            _ = try fuelhh.parse(body: body, source: source, ingestedAt: 0)
            return "parsed"
        } catch {
            return "\(error)"
        }
    }

    /// 1 GiB and 1 MiB of zeros in 1,025 concatenated gzip members, about 1 MB: before the limit, all of it was
    /// inflated (the old bound was 16 GiB) and then read as CSV.
    @Test func aGzipBombStopsAtTheLimitWithAnErrorNamingTheSource() throws {
        let member = try Self.gzipOfZeros(1 << 20)
        let bomb = Array(Array(repeating: member, count: Decompression.limit >> 20 + 1).joined())
        #expect(bomb.count < 2 << 20)
        let message = "bomb.csv.gz: gzip data expands past 1 GiB, the most bmrs decompresses from one input"
        #expect(Self.failure(bomb, source: "bomb.csv.gz") == message)
    }

    @Test func zstdAndGzipDecodeUpToTheLimitAndNoFurther() throws {
        let frame = try Zstd.compress([UInt8](repeating: 0, count: 1 << 20), level: 3)
        let zst = Array(Array(repeating: frame, count: 4).joined())
        #expect(try Decompression.decompressIfNeeded(zst, source: "z", limit: 4 << 20).count == 4 << 20)
        #expect(throws: InputError.self) { try Decompression.decompressIfNeeded(zst, source: "z", limit: 4 << 20 - 1) }
        do {
            _ = try Decompression.decompressIfNeeded(zst, source: "day.json.zst", limit: 3 << 20)
            Issue.record("decoded past the limit")
        } catch {
            #expect(
                "\(error)" == "day.json.zst: zstd data expands past 3 MiB, the most bmrs decompresses from one input")
        }
        let gz = try Self.gzipOfZeros(3 << 20)
        #expect(try Decompression.decompressIfNeeded(gz, source: "g", limit: 3 << 20).count == 3 << 20)
        #expect(throws: InputError.self) { try Decompression.decompressIfNeeded(gz, source: "g", limit: 2 << 20) }
    }

    @Test func plainInputIsReturnedAsItIs() throws {
        let body = Array(#"{"data":[]}"#.utf8)
        #expect(try Decompression.decompressIfNeeded(body, source: "p", limit: 1) == body)
    }
}
