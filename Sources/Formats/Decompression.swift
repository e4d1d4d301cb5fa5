import Rows
import Zstd

/// Undoes the compression of a response body or load file: zstd or gzip, recognised by magic number, not by
/// file name; anything else is returned as it is.
public enum Decompression {
    /// The most one input may expand to: far above any Insights response or year file (a year of FUELHH is
    /// 48 MB of JSON), far below what would exhaust memory. A gzip member expands up to ~1,000 times and a
    /// zstd frame without bound, so a small hostile file could otherwise ask for gigabytes.
    public static let limit = 1 << 30

    /// `body` with zstd or gzip compression undone; throws naming `source` when the data is damaged or
    /// expands past `limit` bytes.
    public static func decompressIfNeeded(_ body: [UInt8], source: String, limit: Int = limit) throws(InputError)
        -> [UInt8]
    {
        do {
            return try body.withUnsafeBytes { bytes in
                if Zstd.isCompressed(bytes) { return try Zstd.decompress(bytes, limit: limit) }
                if Gzip.isCompressed(bytes) { return try Gzip.decompress(bytes, limit: limit) }
                return body
            }
        } catch {
            throw InputError("\(error)", file: source)
        }
    }
}
