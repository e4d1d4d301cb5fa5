import Rows

/// One write transaction, handed to the closure of `Warehouse.write`: everything written through it commits
/// together when the closure returns, or is rolled back when it throws.
///
/// Valid only inside that closure: used after it, every method throws. Not `Sendable`.
public final class WriteTransaction {
    let connection: StoreConnection
    private var isOpen = true

    init(connection: StoreConnection) {
        self.connection = connection
    }

    /// Ends the transaction's validity (the commit or rollback is `Warehouse.write`'s).
    func close() {
        isOpen = false
    }

    private func checkOpen() throws {
        guard isOpen else {
            throw StoreError(.usage, "a write transaction of \(connection.path) was used after it ended")
        }
    }

    /// Merges validated rows into `schema`'s table under the dedup rule (see `PartitionWriter`).
    ///
    /// One row per primary key. Between two versions of a key the later `startTime` wins (a superseding
    /// reading), then the later `publishTime` (a revision, recorded), then the later ingestion; an identical
    /// re-delivery is a duplicate and an older version is stale; both are dropped. With `replacingDays`,
    /// rows of those days whose key the batch does not hold are removed (`bmrs ingest --overwrite`).
    public func merge(
        _ batch: RowBatch, into schema: TableSchema, run: Int64, replacingDays: ClosedRange<Int64>? = nil
    ) throws -> LoadSummary {
        try checkOpen()
        return try PartitionStore(connection: connection).merge(
            batch, into: schema, runID: run, replacingDays: replacingDays)
    }

    /// Records the start of a load or ingest run, as `running`; returns its id.
    public func beginRun(_ kind: RunKind, dataset: String?, table: String?, source: String?) throws -> Int64 {
        try checkOpen()
        return try IngestLedger(connection: connection).beginRun(
            kind, dataset: dataset, table: table, source: source)
    }

    /// Records the end of a run with its counts.
    public func finishRun(
        _ run: Int64, summary: LoadSummary, status: RunState, error: String? = nil, requests: Int = 0,
        retries: Int = 0, chunksFailed: Int = 0
    ) throws {
        try checkOpen()
        try IngestLedger(connection: connection).finishRun(
            run, summary: summary, status: status, error: error, requests: requests, retries: retries,
            chunksFailed: chunksFailed)
    }

    /// Records a chunk's state (in the transaction that merges its rows, for `done` and `recent`).
    public func recordChunk(
        dataset: String, window: ChunkWindow, state: ChunkState, attempts: Int, error: String?, rows: Int?,
        run: Int64
    ) throws {
        try checkOpen()
        try IngestLedger(connection: connection).recordChunk(
            dataset: dataset, window: window, state: state, attempts: attempts, error: error, rows: rows, runID: run)
    }

    /// Stores a response in the archive; returns its id. Each distinct body is kept once, by its SHA-256.
    @discardableResult
    public func archive(_ response: ArchivedResponse, dataset: String, window: ChunkWindow, run: Int64) throws
        -> Int64
    {
        try checkOpen()
        return try IngestLedger(connection: connection).archive(
            response, dataset: dataset, window: window, runID: run)
    }
}
