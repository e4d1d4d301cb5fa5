import BigQueryDDL
import BigQueryFunctions
import SQLite
import Zstd

/// The bmrs store: one SQLite file holding the tables the migrations declare, partitioned by day into a hot
/// tier (plain rows) and a sealed tier (one zstd blob per day), plus bookkeeping tables prefixed `_bmrs_`.
///
/// Not `Sendable`: one connection, used by one thread at a time.
public final class Warehouse {
    /// How a command uses the store.
    public enum Access: Sendable {
        /// Read only; the store must exist.
        case read
        /// Write: takes the write lock; creates and migrates a missing store; refuses pending migrations.
        case write
        /// Like `.write`, but pending migrations are allowed (for `bmrs migrate`).
        case migrate
    }

    /// The layout version of the bookkeeping tables this binary writes (`PRAGMA user_version`).
    static let layoutVersion: Int64 = 3

    /// The store file.
    public let path: String
    /// The open connection.
    public let database: Database
    let lock: WriteLock?
    /// The migrations this binary knows.
    public let knownMigrations: [Migration]
    /// The tables, as the applied migrations declare them.
    public private(set) var catalog = Catalog()
    /// The physical layout of each table, by lower-cased name.
    private(set) var schemas: [String: TableSchema] = [:]
    private(set) var tableIDs: [String: Int64] = [:]
    /// Counts partitions the virtual tables read, for tests and `bmrs query --stats`.
    public let scanStatistics = ScanStatistics()
    /// The clock, in microseconds since the epoch (tests may set it).
    public var now: () -> Int64 = currentMicros
    var statementCache: [String: Statement] = [:]
    /// Revisions recorded by a merge whose day is not written yet (see `pend`).
    var pendingRevisions: [RevisionDay: [Revision]] = [:]
    let decompressionContext = DecompressionContext()
    /// Days within this many days of today (UTC) are kept hot (Elexon may restate them); older new days are
    /// sealed as they are written, and `compact` seals hot days once they are older.
    public var restatementWindowDays = 7
    /// Archived responses fetched more than this many days ago are pruned by `compact` (the newest good
    /// response of each window is always kept).
    public var archiveRetentionDays = 30
    /// The zstd level for sealed partitions (level 19 saves ~2% over 3 on FUELHH days at 2x the time).
    public var sealLevel: Int32 = 9
    /// True when this open created the file.
    public private(set) var wasCreated = false

    /// Opens the store at `path` for `access`.
    public init(path: String, access: Access, migrations: [Migration] = Migration.embedded) throws {
        self.path = path
        knownMigrations = migrations
        let exists = fileExists(path)
        if access == .read {
            guard exists else {
                throw StoreError(
                    .badStore,
                    "there is no store at \(path); create one with `bmrs migrate` or "
                        + "`bmrs load` (or pass --store)")
            }
            lock = nil
            database = try Self.openForReading(path)
            try checkIsStore()
        } else {
            lock = try WriteLock(storePath: path)
            database = try Database(path: path, mode: .create)
            let isEmpty = try database.scalar(sql: "SELECT count(*) FROM sqlite_master")?.integerValue == 0
            if !exists || isEmpty {
                try create()
                wasCreated = true
            } else {
                try checkIsStore()
            }
            try database.execute(sql: "PRAGMA synchronous = FULL")
        }
        try BigQueryFunctions.register(on: database)
        try loadCatalog()
        try upgradeLayout(allowed: access == .migrate || wasCreated)
        // After the layout steps, which may create the bookkeeping tables this puts right.
        if access != .read { try recoverBookkeeping() }
        try checkApplied(allowingEdits: access == .read)
        if access != .read {
            if wasCreated {
                _ = try migrate()
            } else if access == .write {
                let pending = try status().filter { $0.appliedAt == nil }
                if !pending.isEmpty {
                    throw StoreError(
                        .migration,
                        "the store \(path) has \(pending.count) pending migration(s) ("
                            + pending.map(\.id).joined(separator: ", ") + "); run `bmrs migrate` first")
                }
            }
        }
    }

    /// A read-only connection (SQLITE_OPEN_READONLY: nothing on it can write the store).
    ///
    /// A WAL store closed cleanly has no -wal or -shm file; SQLite (3.22+) creates them for a read-only connection
    /// (and leaves them, as only a read-write connection removes them), so such a store still opens. In a directory
    /// this user cannot write it cannot create them, and the first read fails (SQLITE_READONLY_DIRECTORY, or
    /// SQLITE_CANTOPEN when a -wal is there). Then no connection has the store open (a connection keeps the -shm),
    /// so the file is opened immutable: read as it is, without WAL files. A -wal left holding data no writer has
    /// checkpointed cannot be read that way: an error says so.
    private static func openForReading(_ path: String) throws -> Database {
        let database = try Database(path: path, mode: .readOnly)
        do {
            _ = try database.scalar(sql: "PRAGMA schema_version")
            return database
        } catch {
            guard error.isReadOnlyDirectory || error.isCannotOpen, !fileExists(path + "-shm") else { throw error }
            guard fileSize(path + "-wal") == 0 else {
                throw StoreError(
                    .badStore,
                    "\(path)-wal holds changes not yet written into the store and there is no \(path)-shm, which "
                        + "this user cannot create (the directory is not writable); open the store once as a user "
                        + "who can write to its directory")
            }
            return try Database(path: path, mode: .immutable)
        }
    }

    private func checkIsStore() throws {
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

    /// Rebuilds the catalog by replaying the applied migrations recorded in the store.
    func loadCatalog() throws {
        var catalog = Catalog()
        for row in try database.rows(sql: "SELECT id, sql FROM _bmrs_migrations ORDER BY id") {
            guard case .text(let id) = row[0], case .text(let sql) = row[1] else { continue }
            do {
                try catalog.apply(sql: sql, source: id + ".sql")
            } catch {
                throw StoreError(.badStore, "the store's applied migration \(id) no longer parses: \(error)")
            }
        }
        self.catalog = catalog
        var schemas: [String: TableSchema] = [:]
        for table in catalog.tables {
            schemas[table.reference.table.lowercased()] = try TableSchema(table)
        }
        self.schemas = schemas
        tableIDs = [:]
        for row in try database.rows(sql: "SELECT name, table_id FROM _bmrs_tables") {
            if case .text(let name) = row[0], case .integer(let id) = row[1] { tableIDs[name.lowercased()] = id }
        }
        try registerTables()
    }

    /// The layout of table `name` (case-insensitive, with or without dataset), or a usage error.
    public func schema(named name: String) throws -> TableSchema {
        let bare = name.split(separator: ".").last.map(String.init)?.replacingBackticks ?? name
        guard let schema = schemas[bare.lowercased()] else {
            let known = catalog.tables.map(\.reference.table).joined(separator: ", ")
            throw StoreError(.usage, "no table named \(name) in the store (tables: \(known.isEmpty ? "none" : known))")
        }
        return schema
    }

    /// Every table's layout, in creation order.
    public var tables: [TableSchema] {
        catalog.tables.compactMap { schemas[$0.reference.table.lowercased()] }
    }

    func tableID(_ schema: TableSchema) throws -> Int64 {
        guard let id = tableIDs[schema.name.lowercased()] else {
            throw StoreError(.badStore, "table \(schema.name) has no entry in _bmrs_tables")
        }
        return id
    }
}

/// Counts what the virtual tables read.
public final class ScanStatistics: @unchecked Sendable {
    // Safe: a Warehouse and its virtual tables are used by one thread at a time.
    /// Partitions decoded or read since the last reset.
    public var partitionsRead = 0
    /// Rows produced since the last reset.
    public var rowsRead = 0

    /// Sets the counters to zero.
    public func reset() {
        partitionsRead = 0
        rowsRead = 0
    }
}

extension String {
    var replacingBackticks: String { filter { $0 != "`" } }
}
