import BigQueryDDL
import Rows
import Store
import Sync

/// The one place where sync meets the store: `SyncSource` over what `Warehouse` exposes. When the store's API
/// changes, this file is the one to port.
final class StoreSyncSource: SyncSource {
    let warehouse: Warehouse

    init(_ warehouse: Warehouse) {
        self.warehouse = warehouse
    }

    var catalog: Catalog { warehouse.catalog }

    func migrations() throws -> [MigrationScript] {
        warehouse.knownMigrations.map { MigrationScript(id: $0.id, sql: $0.sql) }
    }

    func partitions(of table: String) throws -> [SyncPartition] {
        try warehouse.partitions(of: try warehouse.schema(named: table)).filter { $0.rowCount > 0 }.map {
            SyncPartition(table: table, date: $0.date, rowCount: $0.rowCount, contentHash: $0.contentHash)
        }
    }

    func writeRows(of table: String, date: String, into sink: inout [UInt8]) throws -> Int {
        guard let day = CivilDate.parse(date) else { throw StoreError(.usage, "not a date: \(date)") }
        let (bytes, rows) = try warehouse.exportText(table: table, format: .ndjson, range: day...day)
        sink += bytes
        return rows
    }

    func syncRecords(target: String) throws -> [String: SyncRecord] {
        var records: [String: SyncRecord] = [:]
        for state in try warehouse.syncStates(target: target) {
            records[state.date] = SyncRecord(
                target: state.target, date: state.date, contentHash: state.contentHash, jobID: state.jobID,
                syncedAt: state.syncedAt)
        }
        return records
    }

    func recordSynced(_ records: [SyncRecord]) throws {
        try warehouse.recordSyncStates(
            records.map {
                PartitionSyncState(
                    target: $0.target, date: $0.date, contentHash: $0.contentHash, jobID: $0.jobID,
                    syncedAt: $0.syncedAt)
            })
    }
}
