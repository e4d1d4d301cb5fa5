import BigQueryDDL
import Foundation
import Rows
import Store
import Sync
import TestSupport
import Testing

@testable import CLI

/// The remote schema check against local-bigquery: a column-by-column diff, and `--apply-migrations` running
/// the pending DDL remotely and recording it in the dataset's `_bmrs_migrations`.
@Suite(.serialized, .enabled(if: LocalBigQuery.isAvailable, LocalBigQuery.skipReason))
struct SyncSchemaTests {
    let directory = TemporaryDirectory()

    func runner(_ source: any SyncSource, dataset: String, apply: Bool = false) throws -> SyncRunner {
        let emulator = try LocalBigQuery.shared.get()
        var options = SyncOptions(project: "test-project")
        options.dataset = dataset
        options.tables = ["bmrs_fuelhh"]
        options.applyMigrations = apply
        let client = BigQueryClient(
            endpoint: BigQueryEndpoint.fromEnvironment(["BIGQUERY_EMULATOR_HOST": emulator.host]),
            project: "test-project", location: nil, credentials: .anonymous)
        client.firstPoll = 0.05
        return SyncRunner(client: client, source: source, options: options)
    }

    @Test func aNewLocalColumnStopsWithADiffUntilTheMigrationIsAppliedRemotely() throws {
        let dataset = try LocalBigQuery.shared.get().makeDataset("sync_schema")
        let warehouse = try Warehouse(path: directory.file("store.sqlite"), access: .write)
        _ = try warehouse.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-01-01.json"), source: "day",
            dataset: Dataset.named("FUELHH")!)
        let base = StoreSyncSource(warehouse)
        let first = try runner(base, dataset: dataset)
        #expect(try first.run(try first.plan()).partitions == 1)

        let migrated = try MigratedSource(base)
        let blocked = try runner(migrated, dataset: dataset)
        let error = try #require(throws: SyncError.self) { try blocked.run(try blocked.plan()) }
        #expect(error.code == .schemaMismatch)
        #expect("\(error)".contains("column region STRING NULLABLE is missing remotely"))
        #expect("\(error)".contains("--apply-migrations"))

        let applying = try runner(migrated, dataset: dataset, apply: true)
        var notes: [String] = []
        applying.onEvent = { if case .schema(_, let note) = $0 { notes.append(note) } }
        _ = try applying.run(try applying.plan())
        #expect(notes == ["applied migrations 0001_create_fuel_tables, 0002_add_region to \(dataset)"])
        // The migrations are recorded in the dataset itself: a later sync (from any machine) has nothing to apply.
        let again = try runner(migrated, dataset: dataset, apply: true)
        var more: [String] = []
        again.onEvent = { if case .schema(_, let note) = $0 { more.append(note) } }
        _ = try again.run(try again.plan())
        #expect(more.isEmpty)
    }
}

/// The real store with one more migration: `bmrs_fuelhh` gains a `region` column.
final class MigratedSource: SyncSource {
    let base: StoreSyncSource
    let catalog: Catalog
    static let added = MigrationScript(
        id: "0002_add_region",
        sql: "ALTER TABLE `uk_energy_insights.bmrs_fuelhh` ADD COLUMN IF NOT EXISTS region STRING;\n")

    init(_ base: StoreSyncSource) throws {
        self.base = base
        var catalog = Catalog()
        for script in try base.migrations() + [Self.added] { try catalog.apply(sql: script.sql, source: script.id) }
        self.catalog = catalog
    }

    func migrations() throws -> [MigrationScript] { try base.migrations() + [Self.added] }
    func partitions(of table: String) throws -> [SyncPartition] { try base.partitions(of: table) }
    func writeRows(of table: String, date: String, into sink: inout [UInt8]) throws -> Int {
        try base.writeRows(of: table, date: date, into: &sink)
    }
    func syncRecords(target: String) throws -> [String: SyncRecord] { try base.syncRecords(target: target) }
    func recordSynced(_ records: [SyncRecord]) throws { try base.recordSynced(records) }
}
