import Rows
import SQLite

/// The ingest bookkeeping of a store: runs (`_bmrs_runs`), chunks (`_bmrs_chunks`) and archived responses
/// (`_bmrs_responses`, `_bmrs_bodies`). Reads are public; writes go through a `WriteTransaction`.
public struct IngestLedger {
    let connection: StoreConnection

    var database: Database { connection.database }
    func cached(_ sql: String) throws -> Statement { try connection.cached(sql) }
    func now() -> Int64 { connection.now() }

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
    func recordChunk(
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

    /// Records the start of a load or ingest run, as `running`; returns its id.
    func beginRun(_ kind: RunKind, dataset: String?, table: String?, source: String?) throws -> Int64 {
        let run = try cached(
            """
            INSERT INTO _bmrs_runs(kind, dataset, table_name, source, started_utc, status) VALUES (?, ?, ?, ?, ?, ?)
            """)
        try run.bind([
            .text(kind.rawValue), dataset.map { .text($0) } ?? .null, table.map { .text($0) } ?? .null,
            source.map { .text($0) } ?? .null, .text(Timestamp.isoString(now())), .text(RunState.running.rawValue),
        ])
        try run.step()
        return try connection.lastInsertID()
    }

    /// Records the end of a run with its counts.
    func finishRun(
        _ run: Int64, summary: LoadSummary, status: RunState, error: String? = nil, requests: Int = 0,
        retries: Int = 0, chunksFailed: Int = 0
    ) throws {
        let finish = try cached(
            """
            UPDATE _bmrs_runs SET finished_utc = ?, status = ?, error = ?, rows_read = ?, inserted = ?, revised = ?,
              superseded = ?, duplicates = ?, stale = ?, rejected = ?, requests = ?, retries = ?, chunks_failed = ?
            WHERE run_id = ?
            """)
        try finish.bind([
            .text(Timestamp.isoString(now())), .text(status.rawValue), error.map { .text($0) } ?? .null,
            .integer(Int64(summary.rowsRead)), .integer(Int64(summary.inserted)),
            .integer(Int64(summary.revised)), .integer(Int64(summary.superseded)),
            .integer(Int64(summary.duplicates)), .integer(Int64(summary.stale)),
            .integer(Int64(summary.rejected)), .integer(Int64(requests)), .integer(Int64(retries)),
            .integer(Int64(chunksFailed)), .integer(run),
        ])
        try finish.step()
    }
}
