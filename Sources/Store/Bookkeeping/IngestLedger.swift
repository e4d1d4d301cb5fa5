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

extension Warehouse {
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
