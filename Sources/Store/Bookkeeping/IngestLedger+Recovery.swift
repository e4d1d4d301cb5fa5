import Rows
import SQLite

extension IngestLedger {
    /// Puts the bookkeeping right when a writer opens the store (the write lock is held): runs left `running`
    /// by a process that died are marked `interrupted`, and the chunk table accepts every `ChunkState`.
    func recover() throws {
        try allowEveryChunkState()
        try markInterruptedRuns()
    }

    /// Marks every `running` run `interrupted`. Only a writer records runs and only one writer holds the lock,
    /// so a run still `running` when the lock is taken belongs to a process that is gone.
    func markInterruptedRuns() throws {
        let update = try database.prepare(
            sql: """
                UPDATE _bmrs_runs SET status = ?, finished_utc = ?,
                  error = coalesce(error, 'the process ended before the run finished (killed or crashed)')
                WHERE status = ?
                """)
        try update.bind([
            .text(RunState.interrupted.rawValue), .text(Timestamp.isoString(now())),
            .text(RunState.running.rawValue),
        ])
        try update.step()
    }

    /// Rebuilds `_bmrs_chunks` when its CHECK constraint predates a `ChunkState` (layout 2 allowed only done,
    /// recent and failed). The rows and the layout version are kept; the table is small.
    func allowEveryChunkState() throws {
        guard
            case .text(let sql) = try database.scalar(
                sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '_bmrs_chunks'")
        else { return }
        let states = ChunkState.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        guard !ChunkState.allCases.allSatisfy({ sql.contains("'\($0.rawValue)'") }) else { return }
        try database.transaction {
            try database.execute(
                sql: """
                    CREATE TABLE _bmrs_chunks_new(
                      dataset TEXT NOT NULL, window_start INTEGER NOT NULL, window_end INTEGER NOT NULL,
                      state TEXT NOT NULL CHECK (state IN (\(states))),
                      attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, rows INTEGER, run_id INTEGER,
                      updated_utc TEXT NOT NULL,
                      PRIMARY KEY (dataset, window_start, window_end)) WITHOUT ROWID;
                    INSERT INTO _bmrs_chunks_new(dataset, window_start, window_end, state, attempts, last_error, rows,
                      run_id, updated_utc)
                    SELECT dataset, window_start, window_end, state, attempts, last_error, rows, run_id, updated_utc
                    FROM _bmrs_chunks;
                    DROP TABLE _bmrs_chunks;
                    ALTER TABLE _bmrs_chunks_new RENAME TO _bmrs_chunks;
                    """)
        }
        connection.forgetStatements()
    }
}
