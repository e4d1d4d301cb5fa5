import BigQueryDDL
import Rows
import SQLite

/// The migrations of a store: which are applied, applying the pending ones in order (each in one
/// transaction), refusing a store this binary cannot safely use; and the bookkeeping layout's version steps
/// (`Migrator+Layout.swift`).
public struct Migrator {
    let connection: StoreConnection
    /// The migrations this binary knows.
    public let known: [Migration]

    var database: Database { connection.database }
    var path: String { connection.path }

    /// Every known or applied migration with its state, in id order.
    public func status() throws -> [MigrationStatus] {
        var applied: [String: (checksum: String, at: String)] = [:]
        for row in try database.rows(sql: "SELECT id, checksum, applied_utc FROM _bmrs_migrations") {
            if case .text(let id) = row[0], case .text(let checksum) = row[1], case .text(let at) = row[2] {
                applied[id] = (checksum, at)
            }
        }
        try checkApplied(applied.mapValues(\.checksum), allowingEdits: false)
        return known.map { m in
            MigrationStatus(id: m.id, appliedAt: applied[m.id]?.at, checksum: m.checksum)
        }
    }

    /// Refuses a store with migrations this binary does not know (newer) or whose text changed (edited).
    /// Refuses a store this binary cannot safely use; `allowingEdits` lets a reader past an edited migration.
    func checkApplied(allowingEdits: Bool) throws {
        var applied: [String: String] = [:]
        for row in try database.rows(sql: "SELECT id, checksum FROM _bmrs_migrations") {
            if case .text(let id) = row[0], case .text(let checksum) = row[1] { applied[id] = checksum }
        }
        try checkApplied(applied, allowingEdits: allowingEdits)
    }

    private func checkApplied(_ applied: [String: String], allowingEdits: Bool) throws {
        let byID = Dictionary(known.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (id, checksum) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = byID[id] else {
                throw StoreError(
                    .storeTooNew,
                    "the store \(path) has migration \(id) applied, which this bmrs does not "
                        + "know: it was written by a newer bmrs; upgrade bmrs")
            }
            if migration.checksum != checksum && !allowingEdits {
                throw StoreError(
                    .migration,
                    "migration \(migration.name) was edited after it was applied (checksum "
                        + "\(checksum.prefix(12))… in the store, \(migration.checksum.prefix(12))… now); restore it and "
                        + "put the change in a new migration", file: migration.name)
            }
        }
        // Applied migrations must be a prefix of the known ones: a gap means the order changed.
        for (index, migration) in known.enumerated() where applied[migration.id] == nil {
            if let later = known[(index + 1)...].first(where: { applied[$0.id] != nil }) {
                throw StoreError(
                    .migration,
                    "migration \(migration.id) is not applied but the later \(later.id) is; "
                        + "migrations must be added in order", file: migration.name)
            }
        }
    }

    /// Applies every pending migration, each in its own transaction; returns the ids applied.
    @discardableResult
    public func migrate() throws -> [String] {
        let pending = try status().filter { $0.appliedAt == nil }.map(\.id)
        var applied: [String] = []
        for id in pending {
            guard let migration = known.first(where: { $0.id == id }) else { continue }
            try apply(migration)
            applied.append(id)
        }
        return applied
    }

    private func apply(_ migration: Migration) throws {
        let catalog = connection.catalog
        var updated = catalog
        do {
            try updated.apply(sql: migration.sql, source: migration.name)
        } catch {
            throw StoreError(.migration, "\(error)", file: migration.name)
        }
        // Check the store can lay out every table before touching the file.
        var layouts: [String: TableSchema] = [:]
        for table in updated.tables {
            do {
                layouts[table.reference.table.lowercased()] = try TableSchema(table)
            } catch {
                throw StoreError(.migration, error.message, file: migration.name)
            }
        }
        try database.transaction {
            for table in updated.tables {
                let layout = layouts[table.reference.table.lowercased()]!
                if let old = catalog.table(table.reference) {
                    for column in layout.columns where old.column(named: column.name) == nil {
                        try database.execute(
                            sql: "ALTER TABLE \(quoted(layout.hotTableName)) ADD COLUMN "
                                + "\(quoted(column.name)) \(column.hotType)")
                    }
                } else {
                    try Self.createHotTable(layout, database)
                }
            }
            let record = try database.prepare(
                sql: "INSERT INTO _bmrs_migrations(id, checksum, sql, applied_utc) VALUES (?, ?, ?, ?)")
            try record.bind([
                .text(migration.id), .text(migration.checksum), .text(migration.sql),
                .text(Timestamp.isoString(connection.now() / 1_000_000 * 1_000_000)),
            ])
            try record.step()
        }
        try connection.loadCatalog()
        connection.cacheCatalogIfNeeded()
    }

    private static func createHotTable(_ layout: TableSchema, _ database: Database) throws {
        let columns = layout.columns.map { column in
            "\(quoted(column.name)) \(column.hotType)\(column.isRequired ? " NOT NULL" : "")"
        }
        // Key order: partition, then the sort order, so rows arrive in key order and scans come out sorted.
        let key = ([layout.partitionIndex] + layout.sortIndices.filter { layout.keyIndices.contains($0) })
            .map { quoted(layout.columns[$0].name) }
        try database.execute(
            sql: "CREATE TABLE \(quoted(layout.hotTableName)) (\(columns.joined(separator: ", ")), "
                + "PRIMARY KEY (\(key.joined(separator: ", ")))) WITHOUT ROWID")
        let insert = try database.prepare(sql: "INSERT INTO _bmrs_tables(name, hot_table) VALUES (?, ?)")
        try insert.bind([.text(layout.name), .text(layout.hotTableName)])
        try insert.step()
    }
}
