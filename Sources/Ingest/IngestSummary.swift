import Store

/// What an ingest run did.
public struct IngestSummary: Sendable {
    /// Row counts, as for a load.
    public var rows = LoadSummary()
    /// Chunks planned for the range.
    public var chunksPlanned = 0
    /// Chunks skipped because earlier runs did them.
    public var chunksSkipped = 0
    /// Chunks fetched and merged.
    public var chunksDone = 0
    /// Windows older than the restatement window for which the API returned no rows: recorded as `empty`
    /// and fetched again by the next run whose range covers them.
    public var empty: [ChunkWindow] = []
    /// Chunks that failed, with the reason.
    public var failures: [(window: ChunkWindow, reason: String)] = []
    /// Chunks not attempted because the run stopped (retry budget spent).
    public var chunksNotAttempted = 0
    /// HTTP requests made, and how many were retries.
    public var requests = 0
    public var retries = 0
    /// Bytes of response bodies received.
    public var bytes = 0
    /// True when the retry budget ran out and the run stopped early.
    public var budgetExhausted = false
    /// Wall-clock seconds.
    public var seconds = 0.0
    /// Partitions sealed after the run.
    public var partitionsSealed = 0

    /// True when every planned chunk is done.
    public var succeeded: Bool { failures.isEmpty && chunksNotAttempted == 0 }
}

/// Progress, reported after each chunk is merged.
public struct IngestProgress: Sendable {
    /// Chunks merged, empty or failed so far.
    public let chunksFinished: Int
    /// Chunks to fetch in this run.
    public let chunksTotal: Int
    /// Rows fetched so far.
    public let rows: Int
    /// Retries so far.
    public let retries: Int
    /// Seconds since the run started.
    public let seconds: Double
}
