/// A batch that failed, with BigQuery's reason.
public struct SyncFailure: Sendable {
    /// The batch.
    public let batch: SyncBatch
    /// Why.
    public let error: SyncError
}

/// What a sync did.
public struct SyncSummary: Sendable {
    /// Partitions pushed.
    public var partitions = 0
    /// Rows pushed.
    public var rows = 0
    /// Partitions held back for a later run (daily quotas).
    public var deferred = 0
    /// Batches that failed (their days are retried by the next run).
    public var failures: [SyncFailure] = []
    /// Jobs, requests and bytes.
    public var counters = BigQueryClient.Counters()

    /// Creates an empty summary.
    public init() {}
}
