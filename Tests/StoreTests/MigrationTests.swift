import BigQueryDDL
import Foundation
import Rows
import SQLite
import TestSupport
import Testing

@testable import Store

@Suite struct MigrationTests {
    let directory = TemporaryDirectory()
    var storePath: String { directory.file("store.sqlite") }
    let base = Migration.embedded

    static let addColumn = Migration(
        name: "0002_add_unit.sql",
        sql: """
            ALTER TABLE `uk_energy_insights.bmrs_fuelhh` ADD COLUMN IF NOT EXISTS unit STRING OPTIONS(description = "Unit");
            """)

    /// Opening a store reads the catalog a writer cached for the applied migrations instead of parsing their DDL:
    /// a cached catalog that differs is what a reader sees (so it is read), one cached for other migrations or
    /// damaged is passed over, and a store without the cache (older, or dropped) opens as before, read-only without
    /// writing it.
    @Test func opensWithTheCatalogCachedForItsMigrations() throws {
        let written = try Warehouse(path: storePath, access: .write).catalog
        let raw = try Database(path: storePath)
        func cached() throws -> [SQLiteValue] {
            try raw.rows(sql: "SELECT fingerprint, catalog FROM _bmrs_catalog").first ?? []
        }
        guard case .blob(let bytes) = try cached().last else { throw TestFailure("no cached catalog") }
        #expect(Catalog(encoded: bytes) == written)
        func readCatalog() throws -> Catalog { try Warehouse(path: storePath, access: .read).catalog }

        var marked = Catalog()
        let sql = try #require(Migration.embedded.first?.sql).replacing(
            "FUELHH: ", with: "FUELHH (from the cache): ")
        try marked.apply(sql: sql, source: "marked.sql")
        #expect(marked != written)
        let replace = try raw.prepare(sql: "UPDATE _bmrs_catalog SET catalog = ?")
        try replace.bind([.blob(marked.encoded)])
        _ = try replace.step()
        #expect(try readCatalog() == marked)

        try raw.execute(sql: "UPDATE _bmrs_catalog SET fingerprint = 'other migrations'")
        #expect(try readCatalog() == written)
        try raw.execute(
            sql:
                "UPDATE _bmrs_catalog SET catalog = x'00ff', fingerprint = (SELECT group_concat(id || ' ' || checksum, char(10)) FROM _bmrs_migrations)"
        )
        #expect(try readCatalog() == written)

        try raw.execute(sql: "DROP TABLE _bmrs_catalog")
        #expect(try readCatalog() == written)
        #expect(try raw.scalar(sql: "SELECT count(*) FROM sqlite_master WHERE name = '_bmrs_catalog'") == .integer(0))
        _ = try Warehouse(path: storePath, access: .write)
        guard case .blob(let rewritten) = try cached().last else { throw TestFailure("the writer did not cache") }
        #expect(Catalog(encoded: rewritten) == written)
    }

    /// A write open refused for a pending migration leaves the store as it was: it does not write the catalog cache
    /// it would otherwise keep. The open that applies the migration writes the cache of the new catalog.
    @Test func aRefusedWriteOpenWritesNoCatalogCache() throws {
        _ = try Warehouse(path: storePath, access: .write)
        let raw = try Database(path: storePath)
        try raw.execute(sql: "DROP TABLE _bmrs_catalog")
        func cacheTables() throws -> SQLiteValue? {
            try raw.scalar(sql: "SELECT count(*) FROM sqlite_master WHERE name = '_bmrs_catalog'")
        }
        #expect(throws: StoreError.self) {
            _ = try Warehouse(path: storePath, access: .write, migrations: base + [Self.addColumn])
        }
        #expect(try cacheTables() == .integer(0))
        let migrated = try Warehouse(path: storePath, access: .migrate, migrations: base + [Self.addColumn])
        _ = try migrated.migrator.migrate()
        guard case .blob(let bytes) = try raw.scalar(sql: "SELECT catalog FROM _bmrs_catalog") else {
            throw TestFailure("the migration did not cache the catalog")
        }
        #expect(Catalog(encoded: bytes) == migrated.catalog)
        #expect(migrated.catalog.table(named: "bmrs_fuelhh")?.column(named: "unit") != nil)
    }

    @Test func createsAndMigratesAMissingStoreOnFirstWrite() throws {
        let store = try Warehouse(path: storePath, access: .write)
        #expect(store.wasCreated)
        let status = try store.migrator.status()
        #expect(status.map(\.id) == ["0001_create_fuel_tables"])
        #expect(status.allSatisfy { $0.appliedAt != nil })
        #expect(store.tables.map(\.name) == ["bmrs_fuelinst", "bmrs_fuelhh"])
        #expect(try store.database.scalar(sql: "PRAGMA journal_mode") == .text("wal"))
    }

    @Test func aReadOnlyCommandOnAMissingStoreSaysSoAndCreatesNothing() throws {
        #expect {
            _ = try Warehouse(path: storePath, access: .read)
        } throws: { error in
            (error as? StoreError)?.description.contains("there is no store at") == true
        }
        #expect(!FileManager.default.fileExists(atPath: storePath))
    }

    @Test func appliesAPendingMigrationAndOldPartitionsReadTheNewColumnAsNull() throws {
        do {
            let store = try Warehouse(path: storePath, access: .write, migrations: base)
            _ = try store.load(
                body: try TestSupport.fixtureBytes("FUELHH_2018-01-01.json"), source: "day",
                dataset: Dataset.named("FUELHH")!)
        }
        #expect {
            _ = try Warehouse(path: storePath, access: .write, migrations: base + [Self.addColumn])
        } throws: { error in
            (error as? StoreError)?.message.contains("pending migration") == true
        }
        let store = try Warehouse(path: storePath, access: .migrate, migrations: base + [Self.addColumn])
        #expect(try store.migrator.migrate() == ["0002_add_unit"])
        #expect(try store.schema(named: "bmrs_fuelhh").columns.last?.name == "unit")
        var values: [ResultValue] = []
        try store.query(
            sql: "SELECT count(*), count(unit) FROM bmrs_fuelhh", columns: { _ in }, row: { values = $0.values })
        #expect(values == [.integer(720), .integer(0)])
        #expect(try store.migrator.migrate().isEmpty)
        #expect(try store.verify().problems.isEmpty)
    }

    func expectRefusal(_ migration: Migration, containing text: String) throws {
        do { _ = try Warehouse(path: storePath, access: .write, migrations: base) }
        let before = try contentDigest(of: storePath)
        let store = try Warehouse(path: storePath, access: .migrate, migrations: base + [migration])
        #expect {
            try store.migrator.migrate()
        } throws: { error in
            "\(error)".contains(text)
        }
        #expect(try contentDigest(of: storePath) == before)
    }

    @Test func refusesAnUnknownConstructAndChangesNothing() throws {
        try expectRefusal(
            Migration(name: "0002_drop.sql", sql: "ALTER TABLE uk_energy_insights.bmrs_fuelhh DROP COLUMN generation;"),
            containing: "DROP COLUMN")
    }

    @Test func refusesAChangeBigQueryWouldRefuse() throws {
        try expectRefusal(
            Migration(
                name: "0002_required.sql",
                sql: "ALTER TABLE uk_energy_insights.bmrs_fuelhh ADD COLUMN unit STRING NOT NULL;"),
            containing: "REQUIRED")
    }

    @Test func refusesAColumnTypeTheStoreCannotKeep() throws {
        try expectRefusal(
            Migration(
                name: "0002_numeric.sql", sql: "ALTER TABLE uk_energy_insights.bmrs_fuelhh ADD COLUMN price NUMERIC;"),
            containing: "NUMERIC")
    }

    @Test func aFailingMigrationRollsBackItsEarlierStatements() throws {
        // The first statement is fine, the second is refused: neither may land.
        try expectRefusal(
            Migration(
                name: "0002_two.sql",
                sql: """
                    ALTER TABLE uk_energy_insights.bmrs_fuelhh ADD COLUMN unit STRING;
                    ALTER TABLE uk_energy_insights.bmrs_nothing ADD COLUMN x STRING;
                    """), containing: "bmrs_nothing")
    }

    @Test func refusesAnEditedAppliedMigration() throws {
        do { _ = try Warehouse(path: storePath, access: .write, migrations: base) }
        let before = try contentDigest(of: storePath)
        let edited = [Migration(name: base[0].name, sql: base[0].sql + "\n-- edited\n")]
        #expect {
            _ = try Warehouse(path: storePath, access: .write, migrations: edited)
        } throws: { error in
            (error as? StoreError)?.message.contains("was edited after it was applied") == true
        }
        #expect(try contentDigest(of: storePath) == before)
    }

    @Test func refusesAStoreNewerThanTheBinary() throws {
        do { _ = try Warehouse(path: storePath, access: .migrate, migrations: base + [Self.addColumn]) }
        for access in [Warehouse.Access.write, .migrate] {
            #expect {
                _ = try Warehouse(path: storePath, access: access, migrations: base)
            } throws: { error in
                (error as? StoreError)?.code == .storeTooNew
            }
        }
        #expect {
            _ = try Warehouse(path: storePath, access: .read, migrations: base).migrator.status()
        } throws: { error in
            (error as? StoreError)?.code == .storeTooNew
        }
    }

    @Test func refusesAFileThatIsNotAStore() throws {
        let db = try Database(path: storePath)
        try db.execute(sql: "CREATE TABLE other(x)")
        #expect {
            _ = try Warehouse(path: storePath, access: .write)
        } throws: { error in
            (error as? StoreError)?.code == .badStore
        }
    }

    @Test func theEmbeddedMigrationsAreTheFilesInMigrations() throws {
        let folder = TestSupport.root + "/Migrations"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(names == Migration.embedded.map(\.name), "run `make migrations`")
        for migration in Migration.embedded {
            let text = try String(contentsOfFile: folder + "/" + migration.name, encoding: .utf8)
            #expect(
                text.trimmingCharacters(in: .newlines) == migration.sql.trimmingCharacters(in: .newlines),
                "\(migration.name) differs from the embedded copy: run `make migrations`")
            // The checksum is computed at build time; it must be the one the text gives.
            #expect(
                migration.checksum == Migration(name: migration.name, sql: migration.sql).checksum,
                "\(migration.name)'s embedded checksum is stale: run `make migrations`")
        }
    }

    @Test func theSchemaFilesAgreeWithTheMigrations() throws {
        let catalog = try Migration.catalog()
        #expect(catalog.tables.count == 2)
        for table in catalog.tables {
            let path = TestSupport.root + "/Schema/\(table.reference.table).json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(
                text == table.tableResourceJSON(), "Schema/\(table.reference.table).json is stale: run `make schema`")
            #expect(try TableDefinition(tableResourceJSON: text) == table)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: TestSupport.root + "/Schema").sorted()
        #expect(files == catalog.tables.map { "\($0.reference.table).json" }.sorted())
    }

    @Test func theTablesAreExactlyAsTheDesignGivesThem() throws {
        for name in ["bmrs_fuelinst", "bmrs_fuelhh"] {
            let schema = try Migration.schema(of: name)
            #expect(
                schema.columns.map(\.name) == [
                    "settlementDate", "settlementPeriod", "fuelType", "generation",
                    "publishTime", "startTime", "_ingested_utc",
                ])
            #expect(schema.columns.map(\.type) == [.date, .int64, .string, .int64, .timestamp, .timestamp, .timestamp])
            #expect(schema.definition.primaryKey == ["settlementDate", "settlementPeriod", "fuelType"])
            #expect(schema.definition.partitionColumn == "settlementDate")
            #expect(schema.definition.clusterColumns == ["fuelType"])
            #expect(schema.definition.reference.dataset == "uk_energy_insights")
        }
    }

    @Test func upgradesTheBookkeepingLayoutOfAnOlderStoreAndRefusesANewerOne() throws {
        do { _ = try Warehouse(path: storePath, access: .write) }
        // Make it look like a layout-1 store (before ingest bookkeeping existed).
        let raw = try Database(path: storePath)
        try raw.execute(
            sql: """
                DROP TABLE _bmrs_chunks; DROP TABLE _bmrs_responses; DROP TABLE _bmrs_bodies;
                DROP TABLE _bmrs_revisions_hot; DROP TABLE _bmrs_revision_days;
                CREATE TABLE _bmrs_revisions(
                  revision_id INTEGER PRIMARY KEY, table_name TEXT NOT NULL, partition_date TEXT NOT NULL,
                  key_json TEXT NOT NULL, old_json TEXT NOT NULL, new_json TEXT NOT NULL,
                  old_publish_time TEXT, new_publish_time TEXT, seen_utc TEXT NOT NULL, run_id INTEGER);
                ALTER TABLE _bmrs_runs DROP COLUMN requests; ALTER TABLE _bmrs_runs DROP COLUMN retries;
                ALTER TABLE _bmrs_runs DROP COLUMN chunks_failed; PRAGMA user_version = 1;
                """)
        #expect {
            _ = try Warehouse(path: storePath, access: .write)
        } throws: { error in
            "\(error)".contains("run `bmrs migrate`")
        }
        let upgraded = try Warehouse(path: storePath, access: .migrate)
        #expect(try upgraded.database.scalar(sql: "PRAGMA user_version") == .integer(3))
        #expect(try upgraded.database.scalar(sql: "SELECT count(*) FROM _bmrs_chunks") == .integer(0))
        _ = try upgraded.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-01-01.json"), source: "day",
            dataset: Dataset.named("FUELHH")!)
        try raw.execute(sql: "PRAGMA user_version = 99")
        #expect {
            _ = try Warehouse(path: storePath, access: .read)
        } throws: { error in
            (error as? StoreError)?.code == .storeTooNew
        }
    }
}
