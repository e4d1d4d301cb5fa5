import Hashing
import SQLite
import Zstd

/// A chunk of an ingest: a window of settlement dates fetched in one request.
public struct ChunkWindow: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// First settlement date (day number).
    public let start: Int64
    /// Last settlement date, inclusive.
    public let end: Int64

    /// A window from `start` to `end` inclusive.
    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    /// The days as a range.
    public var days: ClosedRange<Int64> { start...end }

    public static func < (a: ChunkWindow, b: ChunkWindow) -> Bool { (a.start, a.end) < (b.start, b.end) }

    public var description: String {
        start == end ? CivilDate.string(start) : "\(CivilDate.string(start))..\(CivilDate.string(end))"
    }
}

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

extension Warehouse {
    /// Stores a response in the archive, in its own transaction; returns its id.
    @discardableResult
    public func archive(_ response: ArchivedResponse, dataset: String, window: ChunkWindow, runID: Int64) throws
        -> Int64
    {
        let insert = try cached(
            """
            INSERT INTO _bmrs_responses(run_id, dataset, window_start, window_end, url, status, http_version, fetched_utc,
              seconds, bytes, sha256, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.bind([
            .integer(runID), .text(dataset), .integer(window.start), .integer(window.end), .text(response.url),
            .integer(Int64(response.status)), .text(response.httpVersion),
            .text(Timestamp.isoString(response.fetchedAt)), .real(response.seconds),
            .integer(Int64(response.bytes)), .text(response.sha256), .blob(response.compressedBody),
        ])
        try insert.step()
        return try database.scalar(sql: "SELECT last_insert_rowid()")?.integerValue ?? 0
    }

    /// The newest successful archived response for each window of `dataset` that meets `days`, in window order.
    public func archivedResponses(dataset: String, days: ClosedRange<Int64>) throws
        -> [(window: ChunkWindow, response: ArchivedResponse)]
    {
        let statement = try database.prepare(
            sql: """
                SELECT window_start, window_end, url, status, http_version, seconds, fetched_utc, bytes, sha256, body
                FROM _bmrs_responses r WHERE dataset = ? AND status = 200 AND window_end >= ? AND window_start <= ?
                  AND response_id = (SELECT max(response_id) FROM _bmrs_responses s WHERE s.dataset = r.dataset AND
                    s.window_start = r.window_start AND s.window_end = r.window_end AND s.status = 200)
                ORDER BY window_start, window_end
                """)
        try statement.bind([.text(dataset), .integer(days.lowerBound), .integer(days.upperBound)])
        var result: [(ChunkWindow, ArchivedResponse)] = []
        while try statement.step() {
            let window = ChunkWindow(start: statement.int64(at: 0), end: statement.int64(at: 1))
            let response = ArchivedResponse(
                url: statement.text(at: 2), status: Int(statement.int64(at: 3)), httpVersion: statement.text(at: 4),
                seconds: statement.double(at: 5), fetchedAt: Timestamp.parse(statement.text(at: 6)) ?? 0,
                bytes: Int(statement.int64(at: 7)), sha256: statement.text(at: 8), compressedBody: statement.blob(at: 9)
            )
            result.append((window, response))
        }
        return result
    }

    /// Days of `dataset` covered by chunks recorded as `done` (not `recent`, `empty` or `failed` ones, which are
    /// fetched again).
    public func doneDays(dataset: String) throws -> Set<Int64> {
        var days = Set<Int64>()
        for row in try database.rows(
            sql: "SELECT window_start, window_end FROM _bmrs_chunks WHERE dataset = ? AND state = ?",
            [.text(dataset), .text(ChunkState.done.rawValue)])
        {
            if case .integer(let a) = row[0], case .integer(let b) = row[1], a <= b { days.formUnion(a...b) }
        }
        return days
    }

    /// The first day of the oldest window of `dataset` recorded as `recent` that ends on or after `notBefore`;
    /// nil when there is none.
    public func oldestRecentDay(dataset: String, notBefore: Int64) throws -> Int64? {
        let value = try database.scalar(
            sql: "SELECT min(window_start) FROM _bmrs_chunks WHERE dataset = ? AND state = ? AND window_end >= ?",
            .text(dataset), .text(ChunkState.recent.rawValue), .integer(notBefore))
        return value?.integerValue
    }

    /// Records a chunk's state (call inside the transaction that writes its rows, for `done` and `recent`).
    public func recordChunk(
        dataset: String, window: ChunkWindow, state: ChunkState, attempts: Int, error: String?,
        rows: Int?, runID: Int64
    ) throws {
        let statement = try cached(
            """
            INSERT INTO _bmrs_chunks(dataset, window_start, window_end, state, attempts, last_error, rows, run_id, updated_utc)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(dataset, window_start, window_end) DO UPDATE SET state = excluded.state,
              attempts = _bmrs_chunks.attempts + excluded.attempts, last_error = excluded.last_error,
              rows = excluded.rows, run_id = excluded.run_id, updated_utc = excluded.updated_utc
            """)
        try statement.bind([
            .text(dataset), .integer(window.start), .integer(window.end), .text(state.rawValue),
            .integer(Int64(attempts)), error.map { .text($0) } ?? .null,
            rows.map { .integer(Int64($0)) } ?? .null, .integer(runID),
            .text(Timestamp.isoString(now())),
        ])
        try statement.step()
    }
}
