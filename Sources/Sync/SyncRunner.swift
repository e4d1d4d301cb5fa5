/// What a sync reports as it goes (the CLI shows progress; a throwing handler stops the sync there).
public enum SyncEvent: Sendable {
    /// The remote table was created or migrated.
    case schema(table: String, note: String)
    /// A batch's data is in BigQuery: loaded into staging (merge) or into the partition (partition-load).
    case loaded(SyncBatch, jobID: String, reused: Bool)
    /// A batch's days were replaced in the target by a MERGE.
    case merged(SyncBatch, jobID: String, reused: Bool)
    /// A batch's sync state was recorded.
    case recorded(SyncBatch)
    /// A batch failed; the sync goes on with the next one.
    case failed(SyncBatch, SyncError)
}

/// Runs the plan: per batch, the load (and MERGE), then the sync state, written only after BigQuery confirms.
///
/// Job ids are deterministic (batch content and attempt): a rerun after a crash finds the jobs that ran and
/// continues after them; a job that failed is retried on the next run under the next attempt number.
public final class SyncRunner {
    /// The client jobs go through.
    public let client: BigQueryClient
    let source: any SyncSource
    /// Where and how.
    public let options: SyncOptions
    /// Called after each step; throwing stops the sync (nothing after that step is done or recorded).
    public var onEvent: (SyncEvent) throws -> Void = { _ in }
    /// The clock for sync records, microseconds since the epoch.
    public var now: () -> Int64 = { LocalFile.now() * 1_000_000 }
    /// The staging tables' lifetime: long enough to resume after a crash, short enough to clean up after itself.
    public var stagingLifetimeMs: Int64 = 24 * 3_600_000
    /// Attempt numbers tried per step before giving up.
    static let maximumAttempts = 1_000

    /// Creates a runner.
    public init(client: BigQueryClient, source: any SyncSource, options: SyncOptions) {
        self.client = client
        self.source = source
        self.options = options
    }

    /// The plan for every selected table.
    public func plan() throws(SyncError) -> [TablePlan] {
        let names = options.tables ?? source.catalog.tables.map(\.reference.table)
        var plans: [TablePlan] = []
        for name in names {
            guard source.catalog.table(named: name) != nil else {
                throw SyncError(.usage, "the store has no table named \(name)")
            }
            do {
                plans.append(
                    SyncPlanner.plan(
                        table: name, partitions: try source.partitions(of: name),
                        records: try source.syncRecords(target: options.target(name)), options: options))
            } catch let error as SyncError {
                throw error
            } catch {
                throw SyncError(.store, "cannot read the store: \(error)", context: name)
            }
        }
        return plans
    }

    /// Runs `plans`: checks or creates each remote table, then pushes its batches.
    public func run(_ plans: [TablePlan]) throws(SyncError) -> SyncSummary {
        var summary = SyncSummary()
        let schema = RemoteSchema(client: client, options: options, source: source)
        for plan in plans {
            // Checked even with nothing to push, so a schema change shows up at once.
            if let note = try schema.ensure(plan.table) { try emit(.schema(table: plan.table, note: note)) }
            for batch in plan.batches {
                do {
                    switch options.method {
                    case .merge: try push(merge: batch)
                    case .partitionLoad: try push(partitionLoad: batch)
                    }
                    summary.partitions += batch.partitions.count
                    summary.rows += batch.rowCount
                } catch let error where error.code == .jobFailed || error.code == .api {
                    summary.failures.append(SyncFailure(batch: batch, error: error))
                    try emit(.failed(batch, error))
                }
            }
            summary.deferred += plan.deferred
        }
        summary.counters = client.counters
        return summary
    }

    func emit(_ event: SyncEvent) throws(SyncError) {
        do { try onEvent(event) } catch let error as SyncError { throw error } catch {
            throw SyncError(.usage, "stopped: \(error)")
        }
    }

    /// The merge method for one batch.
    func push(merge batch: SyncBatch) throws(SyncError) {
        let stage = batch.stagingTable
        let merge = try findJob(batch, kind: "merge")
        var mergeID = merge.id
        var mergeReused = merge.done
        if !merge.done {
            var load = try findJob(batch, kind: "load")
            if load.done, try client.getTable(dataset: options.dataset, table: stage) == nil {
                load = (load.attempt + 1, "", false)  // the staging table expired: load again
            }
            if !load.done {
                try createStaging(batch)
                let data = try ndjson(batch)
                let id = batch.jobID("load", attempt: load.attempt)
                try runJob(id: id, configurationJSON: loadConfiguration(table: stage, truncate: true), data: data)
                load = (load.attempt, id, true)
                try emit(.loaded(batch, jobID: id, reused: false))
            } else {
                try emit(.loaded(batch, jobID: load.id, reused: true))
            }
            mergeID = batch.jobID("merge", attempt: merge.attempt)
            let sql = try mergeSQL(batch)
            try runJob(
                id: mergeID, configurationJSON: "{\"query\":{\"query\":\(jsonString(sql)),\"useLegacySql\":false}}")
            mergeReused = false
        }
        try emit(.merged(batch, jobID: mergeID, reused: mergeReused))
        try record(batch, jobID: mergeID)
        try client.deleteTable(dataset: options.dataset, table: stage)
    }

    /// The partition-load method for one batch (one day).
    func push(partitionLoad batch: SyncBatch) throws(SyncError) {
        guard let partition = batch.partitions.first else { return }
        let found = try findJob(batch, kind: "load")
        var id = found.id
        if !found.done {
            id = batch.jobID("load", attempt: found.attempt)
            let destination = "\(batch.table)$\(partition.partitionID)"
            try runJob(
                id: id, configurationJSON: loadConfiguration(table: destination, truncate: true),
                data: try ndjson(batch))
        }
        try emit(.loaded(batch, jobID: id, reused: found.done))
        try record(batch, jobID: id)
    }

    /// The first attempt of `kind` for `batch` that did not fail: done (an earlier run's success) or not yet
    /// created. An attempt that an earlier run saw fail moves on to the next number.
    func findJob(_ batch: SyncBatch, kind: String) throws(SyncError) -> (attempt: Int, id: String, done: Bool) {
        for attempt in 0..<Self.maximumAttempts {
            let id = batch.jobID(kind, attempt: attempt)
            guard let job = try client.findJob(id: id) else { return (attempt, "", false) }
            let finished = try client.waitForJob(job, id: id)
            if finished.failure == nil { return (attempt, id, true) }
        }
        throw SyncError(.jobFailed, "\(Self.maximumAttempts) attempts of this batch failed", context: batch.range)
    }

    /// Inserts a job (a 409 finds the existing one), waits for it, and throws BigQuery's message if it failed.
    func runJob(id: String, configurationJSON: String, data: [UInt8]? = nil) throws(SyncError) {
        let submission = try client.insertJob(id: id, configurationJSON: configurationJSON, data: data)
        let job = try client.waitForJob(submission.job, id: id)
        if let failure = job.failure { throw BigQueryClient.jobError(failure, jobID: id) }
    }

    func record(_ batch: SyncBatch, jobID: String) throws(SyncError) {
        let time = now()
        let records = batch.partitions.map {
            SyncRecord(
                target: options.target(batch.table), date: $0.date, contentHash: $0.contentHash, jobID: jobID,
                syncedAt: time)
        }
        do { try source.recordSynced(records) } catch {
            throw SyncError(
                .store, "BigQuery has the days but the sync state cannot be written: \(error)", context: batch.range)
        }
        try emit(.recorded(batch))
    }

    /// The batch's rows as NDJSON, read day by day from the store.
    func ndjson(_ batch: SyncBatch) throws(SyncError) -> [UInt8] {
        var data: [UInt8] = []
        for partition in batch.partitions {
            let rows: Int
            do { rows = try source.writeRows(of: batch.table, date: partition.date, into: &data) } catch {
                throw SyncError(.store, "cannot read the rows: \(error)", context: "\(batch.table) \(partition.date)")
            }
            guard rows == partition.rowCount else {
                throw SyncError(
                    .store,
                    "the day changed while syncing (\(rows) rows, \(partition.rowCount) planned); run sync again",
                    context: "\(batch.table) \(partition.date)")
            }
        }
        return data
    }
}
