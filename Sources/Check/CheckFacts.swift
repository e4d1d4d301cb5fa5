/// Everything `bmrs check` judges, as plain values: the rows of the checked range, per-table aggregates over the
/// whole store, the ingest records and the store's make-up. Gathered by the command line (read-only SQL), judged
/// by `Checker` without touching the store.
public struct CheckFacts: Sendable {
    /// One entry per checked table.
    public var tables: [TableFacts]
    /// Load and ingest runs (the newest last), for duplication, schedule and error rates.
    public var runs: [RunFacts]
    /// Archived responses of the recent ingest runs (their latency and status).
    public var responses: [ResponseFacts]
    /// The store's size and make-up.
    public var storage: StorageFacts

    /// Creates facts.
    public init(
        tables: [TableFacts] = [], runs: [RunFacts] = [], responses: [ResponseFacts] = [],
        storage: StorageFacts = StorageFacts()
    ) {
        self.tables = tables
        self.runs = runs
        self.responses = responses
        self.storage = storage
    }
}

/// One fuel type's life in the whole store, and its generation range outside the checked days.
public struct FuelSpan: Sendable, Equatable {
    /// The first and last settlement day (day numbers) with a row of this fuel type, anywhere in the store.
    public var firstDay: Int64
    public var lastDay: Int64
    /// Smallest and largest generation on days outside the checked range (nil when it has none there).
    public var outsideMin: Int64?
    public var outsideMax: Int64?
    /// Rows with a generation value on days outside the checked range.
    public var outsideCount: Int

    /// Creates a span.
    public init(
        firstDay: Int64, lastDay: Int64, outsideMin: Int64? = nil, outsideMax: Int64? = nil, outsideCount: Int = 0
    ) {
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.outsideMin = outsideMin
        self.outsideMax = outsideMax
        self.outsideCount = outsideCount
    }
}

/// One ingest or load run, from the run records.
public struct RunFacts: Sendable, Equatable {
    /// The run's id (increasing).
    public var id: Int64
    /// `ingest` or `load`.
    public var kind: String
    /// The dataset and table, when recorded.
    public var dataset: String?
    public var table: String?
    /// Start and finish instants (microseconds since the epoch).
    public var started: Int64
    public var finished: Int64?
    /// `ok`, `failed`, `running`, `interrupted` …, as recorded.
    public var status: String
    /// Row counts of the dedup rule.
    public var rowsRead = 0
    public var inserted = 0
    public var revised = 0
    public var superseded = 0
    public var duplicates = 0
    public var stale = 0
    /// HTTP requests made and retries among them.
    public var requests = 0
    public var retries = 0
    /// Chunks that failed in this run, and chunks whose latest record (in any other state) is this run.
    public var chunksFailed = 0
    public var chunksRecorded = 0

    /// Creates a run record.
    public init(id: Int64, kind: String, dataset: String?, table: String?, started: Int64, status: String) {
        self.id = id
        self.kind = kind
        self.dataset = dataset
        self.table = table
        self.started = started
        self.status = status
    }

    /// Chunks attempted: first requests, or the chunks recorded, whichever is larger (an archive run makes no
    /// requests).
    public var chunksAttempted: Int { max(requests - retries, chunksRecorded + chunksFailed, 0) }
}

/// One archived API response.
public struct ResponseFacts: Sendable, Equatable {
    /// The run that fetched it.
    public var runID: Int64
    /// The dataset.
    public var dataset: String
    /// The HTTP status.
    public var status: Int
    /// Seconds the request took.
    public var seconds: Double

    /// Creates a response record.
    public init(runID: Int64, dataset: String, status: Int, seconds: Double) {
        self.runID = runID
        self.dataset = dataset
        self.status = status
        self.seconds = seconds
    }
}

/// The store's size and what fills it.
public struct StorageFacts: Sendable, Equatable {
    /// The store file and its WAL, in bytes.
    public var fileBytes = 0
    public var walBytes = 0
    /// Bytes per SQLite object (table or index name), from the page statistics.
    public var objectBytes: [String: Int] = [:]
    /// Bytes of free pages.
    public var freeBytes = 0
    /// Rows held and their uncompressed size, over every partition.
    public var rows = 0
    public var rawBytes = 0

    /// Creates storage facts.
    public init(
        fileBytes: Int = 0, walBytes: Int = 0, objectBytes: [String: Int] = [:], freeBytes: Int = 0, rows: Int = 0,
        rawBytes: Int = 0
    ) {
        self.fileBytes = fileBytes
        self.walBytes = walBytes
        self.objectBytes = objectBytes
        self.freeBytes = freeBytes
        self.rows = rows
        self.rawBytes = rawBytes
    }
}
