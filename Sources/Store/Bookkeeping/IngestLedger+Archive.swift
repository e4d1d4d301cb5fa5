import Rows
import SQLite

extension IngestLedger {
    /// Stores a response in the archive (inside the caller's transaction); returns its id.
    ///
    /// Each distinct body is kept once, by its SHA-256, in `_bmrs_bodies`; `_bmrs_responses` records every
    /// response (URL, status, timing) and names its body by hash.
    @discardableResult
    func archive(_ response: ArchivedResponse, dataset: String, window: ChunkWindow, runID: Int64) throws
        -> Int64
    {
        let body = try cached("INSERT OR IGNORE INTO _bmrs_bodies(sha256, bytes, body) VALUES (?, ?, ?)")
        try body.bind([.text(response.sha256), .integer(Int64(response.bytes)), .blob(response.compressedBody)])
        try body.step()
        let insert = try cached(
            """
            INSERT INTO _bmrs_responses(run_id, dataset, window_start, window_end, url, status, http_version, fetched_utc,
              seconds, bytes, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.bind([
            .integer(runID), .text(dataset), .integer(window.start), .integer(window.end), .text(response.url),
            .integer(Int64(response.status)), .text(response.httpVersion),
            .text(Timestamp.isoString(response.fetchedAt)), .real(response.seconds),
            .integer(Int64(response.bytes)), .text(response.sha256),
        ])
        try insert.step()
        return try connection.lastInsertID()
    }

    /// The newest successful archived response for each window of `dataset` that meets `days`, in window order.
    public func archivedResponses(dataset: String, days: ClosedRange<Int64>) throws
        -> [(window: ChunkWindow, response: ArchivedResponse)]
    {
        let statement = try database.prepare(
            sql: """
                SELECT window_start, window_end, url, status, http_version, seconds, fetched_utc, r.bytes, r.sha256,
                  b.body
                FROM _bmrs_responses r JOIN _bmrs_bodies b ON b.sha256 = r.sha256
                WHERE dataset = ? AND status = 200 AND window_end >= ? AND window_start <= ?
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

    /// Applies the archive's retention policy: responses fetched more than `keepingDays` days ago are deleted,
    /// except the newest successful response of each window; then bodies no response names are deleted.
    /// Call inside a transaction or alone.
    @discardableResult
    func pruneArchive(keepingDays: Int) throws -> ArchivePruneSummary {
        let cutoff = Timestamp.isoString(now() - Int64(max(keepingDays, 0)) * Timestamp.microsPerDay)
        var summary = ArchivePruneSummary()
        try database.execute(sql: "SAVEPOINT prune_archive")
        do {
            let responses = try database.prepare(
                sql: """
                    DELETE FROM _bmrs_responses WHERE fetched_utc < ? AND response_id NOT IN (
                      SELECT max(response_id) FROM _bmrs_responses WHERE status = 200
                      GROUP BY dataset, window_start, window_end)
                    """)
            try responses.bind([.text(cutoff)])
            try responses.step()
            summary.responses = database.changes
            if summary.responses > 0 {
                try database.execute(
                    sql: "DELETE FROM _bmrs_bodies WHERE sha256 NOT IN (SELECT sha256 FROM _bmrs_responses)")
                summary.bodies = database.changes
            }
            try database.execute(sql: "RELEASE prune_archive")
        } catch {
            try? database.execute(sql: "ROLLBACK TO prune_archive; RELEASE prune_archive")
            throw error
        }
        return summary
    }
}
