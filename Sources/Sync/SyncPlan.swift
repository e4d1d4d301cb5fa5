import Hashing

/// How changed days reach the target table.
public enum SyncMethod: String, Sendable, CaseIterable {
    /// Per batch: a load into an expiring staging table, then one `MERGE … ON FALSE` replacing the batch's days.
    case merge
    /// One `WRITE_TRUNCATE` load per day into `table$YYYYMMDD` (`CREATE_NEVER`): free, no DML.
    case partitionLoad = "partition-load"
}

/// Where and how to sync.
public struct SyncOptions: Sendable {
    /// The BigQuery project.
    public var project: String
    /// The dataset (migrations name `uk_energy_insights`; this maps it).
    public var dataset: String = "uk_energy_insights"
    /// The dataset's location, sent with every job.
    public var location: String? = nil
    /// The tables to sync (nil: all the catalog's tables).
    public var tables: [String]? = nil
    /// The method.
    public var method: SyncMethod = .merge
    /// Days per batch (merge method).
    public var batchPartitions: Int = SyncPlanner.defaultBatchPartitions
    /// Run pending migrations remotely when the remote schema differs.
    public var applyMigrations = false

    /// Options for `project`.
    public init(project: String) {
        self.project = project
    }

    /// `project.dataset.table`, the identity sync state is kept under.
    public func target(_ table: String) -> String { "\(project).\(dataset).\(table)" }
}

/// A set of days of one table pushed together: one load (+ one MERGE) per batch.
public struct SyncBatch: Sendable, Equatable {
    /// The table.
    public let table: String
    /// The days, oldest first.
    public let partitions: [SyncPartition]
    /// A hash of the target, method and every day's date and content hash: equal batches, equal ids.
    public let key: String

    /// Rows in the batch.
    public var rowCount: Int { partitions.reduce(0) { $0 + $1.rowCount } }
    /// First and last day, `YYYY-MM-DD..YYYY-MM-DD`.
    public var range: String {
        guard let first = partitions.first?.date, let last = partitions.last?.date else { return "" }
        return first == last ? first : "\(first)..\(last)"
    }

    /// The deterministic job id of step `kind` (`load`, `merge`) at `attempt` (0, 1, ... after failures).
    public func jobID(_ kind: String, attempt: Int) -> String {
        "bmrs_\(table)_\(kind)_\(key.prefix(32))_\(attempt)"
    }

    /// The staging table of a merge batch.
    public var stagingTable: String { "_bmrs_stage_\(table)_\(key.prefix(16))" }
}

/// What a sync would do for one table.
public struct TablePlan: Sendable {
    /// The table.
    public let table: String
    /// `project.dataset.table`.
    public let target: String
    /// The batches, oldest first.
    public let batches: [SyncBatch]
    /// Days whose content equals what BigQuery confirmed.
    public let inSync: Int
    /// Days synced before whose content changed since.
    public let changed: Int
    /// Days never synced.
    public let neverSynced: Int
    /// Days held back for a later run to stay within daily quotas.
    public let deferred: Int
}

/// Chooses the days to push and groups them into batches within BigQuery's quotas.
public enum SyncPlanner {
    /// Days per merge batch: a year of one table in 6 load jobs and 6 query jobs.
    public static let defaultBatchPartitions = 64
    /// BigQuery's limit on partitions one job may modify.
    public static let partitionsPerJob = 4_000
    /// BigQuery's load jobs per table per day (failed jobs count too).
    public static let loadJobsPerTablePerDay = 1_500

    /// The plan for `table`: changed or never-synced days, oldest first, in batches.
    public static func plan(
        table: String, partitions: [SyncPartition], records: [String: SyncRecord], options: SyncOptions
    ) -> TablePlan {
        let target = options.target(table)
        var pending: [SyncPartition] = []
        var inSync = 0
        var changed = 0
        var never = 0
        for partition in partitions.sorted(by: { $0.date < $1.date }) {
            if let record = records[partition.date] {
                if record.contentHash == partition.contentHash {
                    inSync += 1
                    continue
                }
                changed += 1
            } else {
                never += 1
            }
            pending.append(partition)
        }
        let size: Int
        var deferred = 0
        switch options.method {
        case .merge:
            size = max(1, min(options.batchPartitions, partitionsPerJob))
        case .partitionLoad:
            size = 1
            if pending.count > loadJobsPerTablePerDay {
                deferred = pending.count - loadJobsPerTablePerDay
                pending = Array(pending.prefix(loadJobsPerTablePerDay))
            }
        }
        var batches: [SyncBatch] = []
        var start = 0
        while start < pending.count {
            let slice = Array(pending[start..<min(start + size, pending.count)])
            batches.append(SyncBatch(table: table, partitions: slice, key: batchKey(target, options.method, slice)))
            start += size
        }
        return TablePlan(
            table: table, target: target, batches: batches, inSync: inSync, changed: changed, neverSynced: never,
            deferred: deferred)
    }

    static func batchKey(_ target: String, _ method: SyncMethod, _ partitions: [SyncPartition]) -> String {
        let hasher = SHA256()
        hasher.update(Array("\(target)\n\(method.rawValue)\n".utf8))
        for partition in partitions { hasher.update(Array("\(partition.date):\(partition.contentHash)\n".utf8)) }
        return SHA256.hexString(hasher.finalize())
    }
}
