import BigQueryDDL
import BigQueryFunctions
import Rows
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

    /// The open connection and the state its parts share.
    let connection: StoreConnection
    let lock: WriteLock?
    /// The migrations this binary knows.
    public let knownMigrations: [Migration]
    /// True when this open created the file.
    public private(set) var wasCreated = false

    /// The store file.
    public var path: String { connection.path }
    /// The SQLite connection, for the whole-store operations in this module; never handed out.
    var database: Database { connection.database }
    /// The tables, as the applied migrations declare them.
    public var catalog: Catalog { connection.catalog }
    /// Counts partitions the virtual tables read, for tests and `bmrs query --stats`.
    public var scanStatistics: ScanStatistics { connection.scanStatistics }
    /// The clock, in microseconds since the epoch (tests may set it).
    public var now: () -> Int64 {
        get { connection.now }
        set { connection.now = newValue }
    }
    /// Days within this many days of today (UTC) are kept hot (Elexon may restate them); older new days are
    /// sealed as they are written, and `compact` seals hot days once they are older.
    public var restatementWindowDays: Int {
        get { connection.restatementWindowDays }
        set { connection.restatementWindowDays = newValue }
    }
    /// Archived responses fetched more than this many days ago are pruned by `compact` (the newest good
    /// response of each window is always kept).
    public var archiveRetentionDays: Int {
        get { connection.archiveRetentionDays }
        set { connection.archiveRetentionDays = newValue }
    }
    /// The zstd level for sealed partitions (level 19 saves ~2% over 3 on FUELHH days at 2x the time).
    public var sealLevel: Int32 {
        get { connection.sealLevel }
        set { connection.sealLevel = newValue }
    }

    /// The migrations: which are applied, and applying the pending ones.
    public var migrator: Migrator { Migrator(connection: connection, known: knownMigrations) }
    /// The ingest bookkeeping: runs, chunks and archived responses (writes go through `write`).
    public var ledger: IngestLedger { IngestLedger(connection: connection) }
    /// The partitions of every table, in both tiers.
    var partitionStore: PartitionStore { PartitionStore(connection: connection) }
    /// The revisions, hot and sealed.
    var revisionStore: RevisionStore { RevisionStore(connection: connection) }

    /// Opens the store at `path` for `access`.
    public init(path: String, access: Access, migrations: [Migration] = Migration.embedded) throws {
        knownMigrations = migrations
        let database: Database
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
            connection = StoreConnection(path: path, database: database)
            try Migrator.checkIsStore(connection)
        } else {
            lock = try WriteLock(storePath: path)
            database = try Database(path: path, mode: .create)
            connection = StoreConnection(path: path, database: database)
            let isEmpty = try database.scalar(sql: "SELECT count(*) FROM sqlite_master")?.integerValue == 0
            if !exists || isEmpty {
                try Migrator.create(connection)
                wasCreated = true
            } else {
                try Migrator.checkIsStore(connection)
            }
            try database.execute(sql: "PRAGMA synchronous = FULL")
        }
        try BigQueryFunctions.register(on: database)
        try connection.loadCatalog()
        let migrator = self.migrator
        try migrator.upgradeLayout(allowed: access == .migrate || wasCreated)
        // After the layout steps, which may create the bookkeeping tables this puts right.
        if access != .read { try ledger.recover() }
        try migrator.checkApplied(allowingEdits: access == .read)
        if access != .read {
            if wasCreated {
                _ = try migrator.migrate()
            } else if access == .write {
                let pending = try migrator.status().filter { $0.appliedAt == nil }
                if !pending.isEmpty {
                    throw StoreError(
                        .migration,
                        "the store \(path) has \(pending.count) pending migration(s) ("
                            + pending.map(\.id).joined(separator: ", ") + "); run `bmrs migrate` first")
                }
            }
            connection.cacheCatalogIfNeeded()
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

    /// The layout of table `name` (case-insensitive, with or without dataset), or a usage error.
    public func schema(named name: String) throws -> TableSchema {
        try connection.schema(named: name)
    }

    /// Every table's layout, in creation order.
    public var tables: [TableSchema] { connection.tables }

    /// The id `_bmrs_tables` gives `schema`'s table.
    func tableID(_ schema: TableSchema) throws -> Int64 { try connection.tableID(schema) }

    /// Reads a whole partition, from whichever tier holds it (see `PartitionStore.readPartition`).
    func readPartition(_ info: PartitionInfo, schema: TableSchema, columns: UInt64 = .max) throws -> ColumnarDay {
        try partitionStore.readPartition(info, schema: schema, columns: columns)
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE … COMMIT`): everything it writes through the
    /// transaction is committed together, or, when it throws, rolled back and the error rethrown. A full disk
    /// is reported as an error that names `source` and says nothing of it was written.
    ///
    /// The transaction is only valid inside `body`; transactions do not nest.
    public func write<T>(source: String? = nil, _ body: (WriteTransaction) throws -> T) throws -> T {
        try connection.transaction(source: source) {
            let transaction = WriteTransaction(connection: connection)
            defer { transaction.close() }
            return try body(transaction)
        }
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
