import Rows
import SQLite

/// The bookkeeping layout (`PRAGMA user_version`) and its upgrades.
///
/// 1: migrations, tables, partitions, blobs, revisions, runs. 2: ingest chunks and archived responses.
/// 3: revisions kept compact (hot rows, then one zstd record per sealed day) behind the `_bmrs_revisions`
/// virtual table; each distinct archived body kept once by SHA-256; `auto_vacuum = INCREMENTAL`.
///
/// A new store is created at the current layout. An older store is upgraded in place by `bmrs migrate` only:
/// the step to 3 rewrites the file once (VACUUM), which no other command should do unasked, so they stop
/// with an error that says to run `bmrs migrate`.
extension Migrator {
    /// The layout version of the bookkeeping tables this binary writes (`PRAGMA user_version`).
    static let layoutVersion: Int64 = 3

    /// Refuses a file that is not a bmrs store, or whose layout is newer than this binary's.
    static func checkIsStore(_ connection: StoreConnection) throws {
        let database = connection.database
        let path = connection.path
        let isStore = try database.scalar(
            sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_bmrs_migrations'")
        guard isStore?.integerValue == 1 else {
            throw StoreError(.badStore, "\(path) is an SQLite file but not a bmrs store (no _bmrs_migrations table)")
        }
        let layout = try database.scalar(sql: "PRAGMA user_version")?.integerValue ?? 0
        if layout > Self.layoutVersion {
            throw StoreError(
                .storeTooNew,
                "the store \(path) has layout version \(layout) but this bmrs knows "
                    + "version \(Self.layoutVersion); upgrade bmrs")
        }
    }

    /// Lays out the bookkeeping tables of a new store at layout 1 (the steps after it follow in `upgradeLayout`).
    static func create(_ connection: StoreConnection) throws {
        try connection.database.execute(
            sql: """
                PRAGMA page_size = 4096;
                PRAGMA auto_vacuum = INCREMENTAL;
                PRAGMA journal_mode = WAL;
                BEGIN IMMEDIATE;
                CREATE TABLE _bmrs_migrations(
                  id TEXT PRIMARY KEY, checksum TEXT NOT NULL, sql TEXT NOT NULL, applied_utc TEXT NOT NULL);
                CREATE TABLE _bmrs_tables(
                  table_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, hot_table TEXT NOT NULL);
                CREATE TABLE _bmrs_partitions(
                  table_id INTEGER NOT NULL, day INTEGER NOT NULL,
                  tier TEXT NOT NULL CHECK (tier IN ('hot', 'sealed')),
                  row_count INTEGER NOT NULL, raw_bytes INTEGER NOT NULL, stored_bytes INTEGER,
                  content_hash TEXT NOT NULL, blob_id INTEGER, updated_utc INTEGER NOT NULL,
                  logical_bytes BLOB,
                  PRIMARY KEY (table_id, day)) WITHOUT ROWID;
                CREATE TABLE _bmrs_blobs(blob_id INTEGER PRIMARY KEY, data BLOB NOT NULL);
                CREATE TABLE _bmrs_revisions(
                  revision_id INTEGER PRIMARY KEY, table_name TEXT NOT NULL, partition_date TEXT NOT NULL,
                  key_json TEXT NOT NULL, old_json TEXT NOT NULL, new_json TEXT NOT NULL,
                  old_publish_time TEXT, new_publish_time TEXT, seen_utc TEXT NOT NULL, run_id INTEGER);
                CREATE INDEX _bmrs_revisions_by_table ON _bmrs_revisions(table_name, partition_date);
                CREATE TABLE _bmrs_runs(
                  run_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, dataset TEXT, table_name TEXT, source TEXT,
                  started_utc TEXT NOT NULL, finished_utc TEXT, status TEXT NOT NULL,
                  rows_read INTEGER NOT NULL DEFAULT 0, inserted INTEGER NOT NULL DEFAULT 0,
                  revised INTEGER NOT NULL DEFAULT 0, superseded INTEGER NOT NULL DEFAULT 0,
                  duplicates INTEGER NOT NULL DEFAULT 0, stale INTEGER NOT NULL DEFAULT 0,
                  rejected INTEGER NOT NULL DEFAULT 0, error TEXT);
                PRAGMA user_version = 1;
                COMMIT;
                """)
    }

    /// Brings the bookkeeping tables of an older layout up to this binary's, one step per version, when
    /// `allowed`; otherwise an older layout is an error that says to run `bmrs migrate`.
    func upgradeLayout(allowed: Bool) throws {
        let layout = try database.scalar(sql: "PRAGMA user_version")?.integerValue ?? 0
        defer { connection.forgetStatements() }
        if layout < Self.layoutVersion { try upgradeSteps(from: layout, allowed: allowed) }
        // Layout 3 wants incremental auto-vacuum; switching an existing file takes one VACUUM (retried by the
        // next `bmrs migrate` if it could not finish, e.g. on a full disk).
        if allowed, try database.scalar(sql: "PRAGMA auto_vacuum")?.integerValue != 2 {
            try database.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
            try database.execute(sql: "VACUUM")
        }
    }

    private func upgradeSteps(from layout: Int64, allowed: Bool) throws {
        guard allowed else {
            throw StoreError(
                .migration,
                "the store \(path) has bookkeeping layout \(layout) and this bmrs writes layout "
                    + "\(Self.layoutVersion); run `bmrs migrate` to upgrade it in place (it rewrites the file once)")
        }
        if layout < 2 {
            // 2: ingest chunks and archived responses; run-level request counts.
            try database.execute(
                sql: """
                    BEGIN IMMEDIATE;
                    CREATE TABLE _bmrs_chunks(
                      dataset TEXT NOT NULL, window_start INTEGER NOT NULL, window_end INTEGER NOT NULL,
                      state TEXT NOT NULL CHECK (state IN ('done', 'recent', 'failed')),
                      attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, rows INTEGER, run_id INTEGER,
                      updated_utc TEXT NOT NULL,
                      PRIMARY KEY (dataset, window_start, window_end)) WITHOUT ROWID;
                    CREATE TABLE _bmrs_responses(
                      response_id INTEGER PRIMARY KEY, run_id INTEGER, dataset TEXT NOT NULL, window_start INTEGER,
                      window_end INTEGER, url TEXT NOT NULL, status INTEGER NOT NULL, http_version TEXT,
                      fetched_utc TEXT NOT NULL, seconds REAL, bytes INTEGER NOT NULL, sha256 TEXT NOT NULL,
                      body BLOB NOT NULL);
                    CREATE INDEX _bmrs_responses_by_window ON _bmrs_responses(dataset, window_start, window_end);
                    ALTER TABLE _bmrs_runs ADD COLUMN requests INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE _bmrs_runs ADD COLUMN retries INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE _bmrs_runs ADD COLUMN chunks_failed INTEGER NOT NULL DEFAULT 0;
                    PRAGMA user_version = 2;
                    COMMIT;
                    """)
        }
        if layout < 3 {
            try upgradeToLayout3()
        }
    }

    /// 3: compact revisions, archived bodies by hash (the switch to incremental auto-vacuum follows).
    private func upgradeToLayout3() throws {
        try database.transaction {
            try database.execute(
                sql: """
                    CREATE TABLE _bmrs_revisions_hot(
                      revision_id INTEGER PRIMARY KEY, table_id INTEGER NOT NULL, day INTEGER NOT NULL,
                      data BLOB NOT NULL);
                    CREATE INDEX _bmrs_revisions_hot_by_day ON _bmrs_revisions_hot(table_id, day);
                    CREATE TABLE _bmrs_revision_days(
                      table_id INTEGER NOT NULL, day INTEGER NOT NULL, revision_count INTEGER NOT NULL,
                      raw_bytes INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (table_id, day));
                    CREATE TABLE _bmrs_bodies(sha256 TEXT PRIMARY KEY, bytes INTEGER NOT NULL, body BLOB NOT NULL);
                    INSERT OR IGNORE INTO _bmrs_bodies(sha256, bytes, body)
                      SELECT sha256, bytes, body FROM _bmrs_responses ORDER BY response_id;
                    ALTER TABLE _bmrs_responses DROP COLUMN body;
                    """)
            try LegacyRevisions(connection: connection).convert()
            try database.execute(
                sql: """
                    DROP TABLE _bmrs_revisions;
                    PRAGMA user_version = 3;
                    """)
        }
    }
}
