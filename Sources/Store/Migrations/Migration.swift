import BigQueryDDL
import Hashing
import Rows

/// One migration: a file of BigQuery DDL with an id taken from its name (`0001_create_fuel_tables`).
public struct Migration: Sendable, Equatable {
    /// The file name, e.g. `0001_create_fuel_tables.sql`.
    public let name: String
    /// The SQL text.
    public let sql: String

    /// SHA-256 of the text (lowercase hex): an applied migration whose text changes is refused.
    public let checksum: String

    /// A migration from its file name and text.
    public init(name: String, sql: String) {
        self.init(name: name, sql: sql, checksum: SHA256.hex(Array(sql.utf8)))
    }

    /// A migration whose checksum was computed when it was embedded (Tools/embed_migrations.py).
    init(name: String, sql: String, checksum: String) {
        self.name = name
        self.sql = sql
        self.checksum = checksum
    }

    /// The id recorded in the store: the file name without `.sql`.
    public var id: String { name.hasSuffix(".sql") ? String(name.dropLast(4)) : name }

    /// The migrations compiled into this binary.
    public static var embedded: [Migration] {
        EmbeddedMigrations.all.map { Migration(name: $0.name, sql: $0.sql, checksum: $0.checksum) }
    }
}

/// A migration's state in a store, for `bmrs migrate --status`.
public struct MigrationStatus: Sendable, Equatable {
    /// The migration id.
    public let id: String
    /// When it was applied (UTC, ISO-8601), or nil when pending.
    public let appliedAt: String?
    /// Its checksum.
    public let checksum: String
}

extension Migration {
    /// The catalog that applying `migrations` in order gives (no store involved).
    public static func catalog(_ migrations: [Migration] = embedded) throws -> Catalog {
        var catalog = Catalog()
        for migration in migrations {
            do {
                try catalog.apply(sql: migration.sql, source: migration.name)
            } catch {
                throw StoreError(.migration, "\(error)", file: migration.name)
            }
        }
        return catalog
    }

    /// The store layout of `table` as the embedded migrations declare it.
    public static func schema(of table: String) throws -> TableSchema {
        guard let definition = try catalog().table(named: table) else {
            throw StoreError(.usage, "no table named \(table) in the migrations")
        }
        return try TableSchema(definition)
    }
}
