import BigQueryDDL
import Rows
import SQLite
import Zstd

/// The open connection and what every part of one store shares: the tables the applied migrations declare,
/// prepared statements, the clock and the settings.
///
/// `Warehouse` owns it; the parts (`Migrator`, `PartitionStore`, `RevisionStore`, `IngestLedger`) are small
/// values over it. The connection owns the virtual tables registered on it, so they hold this object weakly:
/// a statement that outlives its `Warehouse` keeps the `Database` open, and its virtual table then finds no
/// store and fails with an error instead of reading freed memory.
///
/// Not `Sendable`: one connection, used by one thread at a time.
final class StoreConnection {
    /// The store file.
    let path: String
    /// The SQLite connection; never handed out of the module.
    let database: Database
    /// The clock, in microseconds since the epoch (tests may set it).
    var now: () -> Int64 = currentMicros
    /// Days within this many days of today (UTC) are kept hot.
    var restatementWindowDays = 7
    /// Archived responses fetched more than this many days ago are pruned.
    var archiveRetentionDays = 30
    /// The zstd level for sealed partitions and revision records.
    var sealLevel: Int32 = 9
    /// The tables, as the applied migrations declare them.
    private(set) var catalog = Catalog()
    /// The applied migrations' fingerprint when the catalog was parsed rather than read from the cache.
    private var uncachedFingerprint: String?
    /// The physical layout of each table, by lower-cased name.
    private(set) var schemas: [String: TableSchema] = [:]
    private var tableIDs: [String: Int64] = [:]
    private var statementCache: [String: Statement] = [:]
    /// Revisions recorded by a merge whose day is not written yet (see `RevisionStore.pend`).
    var pendingRevisions: [RevisionDay: [Revision]] = [:]
    /// Reused by every decompression of a sealed partition.
    let decompressionContext = DecompressionContext()
    /// Counts partitions the virtual tables read.
    let scanStatistics = ScanStatistics()

    init(path: String, database: Database) {
        self.path = path
        self.database = database
    }

    /// A prepared statement for `sql`, compiled once per connection and reset before reuse.
    func cached(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            statement.clear()
            return statement
        }
        let statement = try database.prepare(sql: sql)
        statementCache[sql] = statement
        return statement
    }

    /// Drops the prepared statements (after the schema they were compiled against changed).
    func forgetStatements() {
        statementCache = [:]
    }

    /// The rowid of the last row inserted on this connection.
    func lastInsertID() throws -> Int64 {
        try database.scalar(sql: "SELECT last_insert_rowid()")?.integerValue ?? 0
    }

    /// Runs `body` inside one `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws; SQLite's "database or disk
    /// is full" becomes an error that says nothing of `source` was written.
    func transaction<T>(source: String?, _ body: () throws -> T) throws -> T {
        do {
            return try database.transaction(body)
        } catch let error as SQLiteError where error.isDiskFull {
            throw StoreError(
                .io,
                "the disk holding \(path) is full; nothing of this input was written and the store "
                    + "is as it was", file: source)
        }
    }

    /// Builds the catalog of the applied migrations recorded in the store, and registers every table as a virtual
    /// table (again after a migration: "the new registration replaces the old").
    ///
    /// The catalog comes from the cache in `_bmrs_catalog` when it was built from the same applied migrations (the
    /// same ids and checksums); otherwise the migrations' DDL is parsed again, and a writer keeps it for the next
    /// open with `cacheCatalogIfNeeded`. A store without the cache (older, or only ever opened read-only) simply
    /// parses.
    func loadCatalog() throws {
        var applied: [String] = []
        for row in try database.rows(sql: "SELECT id, checksum FROM _bmrs_migrations ORDER BY id") {
            guard case .text(let id) = row[0], case .text(let checksum) = row[1] else { continue }
            applied.append(id + " " + checksum)
        }
        let fingerprint = applied.joined(separator: "\n")
        let catalog: Catalog
        if let cached = cachedCatalog(fingerprint: fingerprint) {
            catalog = cached
            uncachedFingerprint = nil
        } else {
            catalog = try replayedCatalog()
            uncachedFingerprint = fingerprint
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
        for schema in tables {
            try database.registerEponymousTable(named: schema.name, PartitionedTable(schema: schema, connection: self))
        }
        try database.registerEponymousTable(named: "_bmrs_revisions", RevisionsTable(connection: self))
    }

    /// The catalog the applied migrations make, from their DDL.
    private func replayedCatalog() throws -> Catalog {
        var catalog = Catalog()
        for row in try database.rows(sql: "SELECT id, sql FROM _bmrs_migrations ORDER BY id") {
            guard case .text(let id) = row[0], case .text(let sql) = row[1] else { continue }
            do {
                try catalog.apply(sql: sql, source: id + ".sql")
            } catch {
                throw StoreError(.badStore, "the store's applied migration \(id) no longer parses: \(error)")
            }
        }
        return catalog
    }

    /// The cached catalog built from the migrations `fingerprint` names; nil when there is none, it was built from
    /// others, or it does not decode.
    private func cachedCatalog(fingerprint: String) -> Catalog? {
        // No such table in a store no writer of this version has opened: not an error, just no cache.
        guard let statement = try? database.prepare(sql: "SELECT catalog FROM _bmrs_catalog WHERE fingerprint = ?"),
            (try? statement.bind([.text(fingerprint)])) != nil, (try? statement.step()) == true
        else { return nil }
        return Catalog(encoded: statement.blob(at: 0))
    }

    /// Keeps the catalog as the cache for the migrations it was built from, replacing any other, when it was not
    /// read from the cache: for a writer, once its open has passed every check (a refused open writes nothing).
    /// All or nothing, and only a cache: when it cannot be written (a full disk), the next open parses again.
    func cacheCatalogIfNeeded() {
        guard let fingerprint = uncachedFingerprint else { return }
        let encoded = catalog.encoded
        let written: Void? = try? database.transaction {
            try database.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS _bmrs_catalog(fingerprint TEXT PRIMARY KEY, catalog BLOB NOT NULL)
                      WITHOUT ROWID;
                    DELETE FROM _bmrs_catalog;
                    """)
            let insert = try database.prepare(sql: "INSERT INTO _bmrs_catalog VALUES (?, ?)")
            try insert.bind([.text(fingerprint), .blob(encoded)])
            _ = try insert.step()
        }
        if written != nil { uncachedFingerprint = nil }
    }

    /// The layout of table `name` (case-insensitive, with or without dataset), or a usage error.
    func schema(named name: String) throws -> TableSchema {
        let bare = name.split(separator: ".").last.map(String.init)?.replacingBackticks ?? name
        guard let schema = schemas[bare.lowercased()] else {
            let known = catalog.tables.map(\.reference.table).joined(separator: ", ")
            throw StoreError(.usage, "no table named \(name) in the store (tables: \(known.isEmpty ? "none" : known))")
        }
        return schema
    }

    /// Every table's layout, in creation order.
    var tables: [TableSchema] {
        catalog.tables.compactMap { schemas[$0.reference.table.lowercased()] }
    }

    /// The id `_bmrs_tables` gives `schema`'s table.
    func tableID(_ schema: TableSchema) throws -> Int64 {
        guard let id = tableIDs[schema.name.lowercased()] else {
            throw StoreError(.badStore, "table \(schema.name) has no entry in _bmrs_tables")
        }
        return id
    }
}

extension String {
    var replacingBackticks: String { filter { $0 != "`" } }
}
