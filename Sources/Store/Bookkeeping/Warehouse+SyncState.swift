import SQLite

/// What BigQuery confirmed for one partition of one remote table (kept in `_bmrs_sync`).
public struct PartitionSyncState: Sendable, Equatable {
    /// The remote table, `project.dataset.table`.
    public let target: String
    /// The day, `YYYY-MM-DD`.
    public let date: String
    /// The content hash BigQuery holds.
    public let contentHash: String
    /// The job that wrote it.
    public let jobID: String
    /// When BigQuery confirmed it, microseconds since the epoch.
    public let syncedAt: Int64

    /// Creates a state.
    public init(target: String, date: String, contentHash: String, jobID: String, syncedAt: Int64) {
        self.target = target
        self.date = date
        self.contentHash = contentHash
        self.jobID = jobID
        self.syncedAt = syncedAt
    }
}

extension Warehouse {
    /// The sync bookkeeping table: created on first write, so stores that never sync do not have it and the
    /// layout version is unchanged.
    static let syncStateTable = """
        CREATE TABLE IF NOT EXISTS _bmrs_sync (
            target TEXT NOT NULL, day TEXT NOT NULL, content_hash TEXT NOT NULL, job_id TEXT NOT NULL,
            synced_at INTEGER NOT NULL, PRIMARY KEY (target, day)) WITHOUT ROWID
        """

    /// The recorded sync state of `target`, by day (empty when nothing was ever synced).
    public func syncStates(target: String) throws -> [PartitionSyncState] {
        let exists = try database.scalar(
            sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_bmrs_sync'")
        guard exists?.integerValue == 1 else { return [] }
        return try database.rows(
            sql: "SELECT day, content_hash, job_id, synced_at FROM _bmrs_sync WHERE target = ? ORDER BY day",
            [.text(target)]
        ).map { row in
            PartitionSyncState(
                target: target, date: row[0].textValue ?? "", contentHash: row[1].textValue ?? "",
                jobID: row[2].textValue ?? "", syncedAt: row[3].integerValue ?? 0)
        }
    }

    /// Records states (replacing earlier ones for the same target and day) in one transaction.
    public func recordSyncStates(_ states: [PartitionSyncState]) throws {
        try database.execute(sql: Self.syncStateTable)
        let insert = try database.prepare(
            sql:
                "INSERT OR REPLACE INTO _bmrs_sync (target, day, content_hash, job_id, synced_at) VALUES (?, ?, ?, ?, ?)"
        )
        try database.transaction {
            for state in states {
                insert.reset()
                try insert.bind([
                    .text(state.target), .text(state.date), .text(state.contentHash), .text(state.jobID),
                    .integer(state.syncedAt),
                ])
                _ = try insert.step()
            }
        }
    }
}
