import Rows
import Store

/// What `bmrs ingest` fetches and how.
public struct IngestOptions: Sendable {
    /// The dataset.
    public var dataset: Dataset
    /// First and last settlement date (day numbers), inclusive.
    public var start: Int64
    public var end: Int64
    /// Days per request (default: the dataset's).
    public var chunkDays: Int
    /// Requests in flight at once.
    public var parallel = 4
    /// Retries per chunk after the first attempt.
    public var retries = 5
    /// Retries allowed in the whole run; when spent, the run stops cleanly.
    public var retryBudget = 100
    /// First backoff delay in seconds; doubles per attempt, with jitter, up to `maxBackoff`.
    public var backoff = 0.5
    public var maxBackoff = 30.0
    /// The longest `Retry-After` honoured, in seconds; longer values are cut to this.
    public var maxRetryAfter = 60.0
    /// The API base URL, e.g. https://data.elexon.co.uk/bmrs/api/v1.
    public var apiBase = "https://data.elexon.co.uk/bmrs/api/v1"
    /// Re-fetch chunks already done, and make each fetched day hold exactly what the API returned.
    public var overwrite = false
    /// Re-derive the range from archived responses instead of the network.
    public var fromArchive = false
    /// Connect and total timeouts, seconds.
    public var connectTimeout = 10.0
    public var totalTimeout = 120.0
    /// Seal days older than the restatement window after the run.
    public var compactAfter = true

    /// Options for `dataset` over `start...end` with the dataset's default chunk.
    public init(dataset: Dataset, start: Int64, end: Int64) {
        self.dataset = dataset
        self.start = start
        self.end = end
        chunkDays = dataset.defaultChunkDays
    }

    /// The windows to fetch, in date order.
    public var windows: [ChunkWindow] {
        stride(from: start, through: end, by: max(chunkDays, 1)).map {
            ChunkWindow(start: $0, end: min($0 + Int64(max(chunkDays, 1)) - 1, end))
        }
    }

    /// The request URL of a window.
    public func url(for window: ChunkWindow) -> String {
        var base = apiBase
        while base.hasSuffix("/") { base.removeLast() }
        return base + dataset.path + "?settlementDateFrom=\(CivilDate.string(window.start))"
            + "&settlementDateTo=\(CivilDate.string(window.end))&format=json"
    }
}
