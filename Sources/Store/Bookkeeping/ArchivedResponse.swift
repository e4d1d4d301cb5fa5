import Hashing
import Zstd

/// One HTTP response as the archive keeps it.
public struct ArchivedResponse: Sendable {
    /// The URL requested.
    public let url: String
    /// The HTTP status.
    public let status: Int
    /// "1.1", "2", ...
    public let httpVersion: String
    /// Seconds the request took.
    public let seconds: Double
    /// When it was fetched (microseconds since the epoch).
    public let fetchedAt: Int64
    /// Size of the body as received (after any Content-Encoding was undone).
    public let bytes: Int
    /// SHA-256 of the body as received.
    public let sha256: String
    /// The body, zstd-compressed.
    public let compressedBody: [UInt8]

    /// Prepares a response for the archive: hashes and compresses its body (call off the writer's thread).
    public init(url: String, status: Int, httpVersion: String, seconds: Double, fetchedAt: Int64, body: [UInt8])
        throws
    {
        self.url = url
        self.status = status
        self.httpVersion = httpVersion
        self.seconds = seconds
        self.fetchedAt = fetchedAt
        bytes = body.count
        sha256 = SHA256.hex(body)
        compressedBody = try Zstd.compress(body, level: 3)
    }

    init(
        url: String, status: Int, httpVersion: String, seconds: Double, fetchedAt: Int64, bytes: Int, sha256: String,
        compressedBody: [UInt8]
    ) {
        self.url = url
        self.status = status
        self.httpVersion = httpVersion
        self.seconds = seconds
        self.fetchedAt = fetchedAt
        self.bytes = bytes
        self.sha256 = sha256
        self.compressedBody = compressedBody
    }

    /// The body, decompressed and checked against its hash.
    public func body() throws -> [UInt8] {
        let body = try Zstd.decompress(compressedBody)
        guard body.count == bytes, SHA256.hex(body) == sha256 else {
            throw StoreError(.badStore, "the archived response from \(url) does not match its hash")
        }
        return body
    }
}
