import BigQueryDDL

/// One local daily partition as sync sees it.
public struct SyncPartition: Sendable, Equatable {
    /// The table name, e.g. `bmrs_fuelhh`.
    public let table: String
    /// The day, `YYYY-MM-DD`.
    public let date: String
    /// Rows in the partition.
    public let rowCount: Int
    /// The partition's content hash (equal content, equal hash).
    public let contentHash: String

    /// Creates a partition description.
    public init(table: String, date: String, rowCount: Int, contentHash: String) {
        self.table = table
        self.date = date
        self.rowCount = rowCount
        self.contentHash = contentHash
    }

    /// `YYYYMMDD`, the partition id in a decorator.
    public var partitionID: String { date.filter { $0 != "-" } }
}

/// What BigQuery confirmed for one partition of one remote table.
public struct SyncRecord: Sendable, Equatable {
    /// The remote table, `project.dataset.table`.
    public let target: String
    /// The day, `YYYY-MM-DD`.
    public let date: String
    /// The content hash that BigQuery now holds.
    public let contentHash: String
    /// The job that wrote it.
    public let jobID: String
    /// When BigQuery confirmed it, microseconds since the epoch.
    public let syncedAt: Int64

    /// Creates a record.
    public init(target: String, date: String, contentHash: String, jobID: String, syncedAt: Int64) {
        self.target = target
        self.date = date
        self.contentHash = contentHash
        self.jobID = jobID
        self.syncedAt = syncedAt
    }
}

/// A migration's DDL as the store knows it, for `--apply-migrations`.
public struct MigrationScript: Sendable, Equatable {
    /// The migration id, e.g. `0001_create_fuel_tables`.
    public let id: String
    /// Its BigQuery DDL, naming the dataset `uk_energy_insights`.
    public let sql: String

    /// Creates a script.
    public init(id: String, sql: String) {
        self.id = id
        self.sql = sql
    }
}

/// Everything sync needs from the local store, and nothing more: implemented once, outside this module, over
/// whatever the store exposes (so a change of the store's API touches one file).
public protocol SyncSource: AnyObject {
    /// The tables the store declares, as the catalog compiled into the binary (and its migrations) define them.
    var catalog: Catalog { get }
    /// The migrations the store applied, oldest first.
    func migrations() throws -> [MigrationScript]
    /// The non-empty partitions of `table`, oldest first.
    func partitions(of table: String) throws -> [SyncPartition]
    /// Writes the rows of `table` on `date` as NDJSON (one object per line, columns named as in the catalog,
    /// DATE as `YYYY-MM-DD`, TIMESTAMP as `YYYY-MM-DD HH:MM:SS[.ffffff]` UTC) into `sink`; returns the row count.
    func writeRows(of table: String, date: String, into sink: inout [UInt8]) throws -> Int
    /// What was last confirmed for `target` (`project.dataset.table`), by day.
    func syncRecords(target: String) throws -> [String: SyncRecord]
    /// Stores records after BigQuery confirmed them (replacing earlier records for the same target and day).
    func recordSynced(_ records: [SyncRecord]) throws
}
