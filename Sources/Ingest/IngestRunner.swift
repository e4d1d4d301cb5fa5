import Foundation
import HTTP
import Store

/// Runs `bmrs ingest`: plans chunks, skips those done, fetches the rest in parallel with retries, archives
/// every response, and merges each good chunk in date order in its own transaction with its bookkeeping.
public struct IngestRunner {
    /// The options.
    public let options: IngestOptions

    /// A runner.
    public init(options: IngestOptions) { self.options = options }

    /// The User-Agent sent with every request.
    public static let userAgent = "bmrs/0.1 (UK grid data mirror) \(HTTPClient.libraryVersion)"

    /// Runs the ingest against `warehouse` (which must be open for writing). `progress` is called on this
    /// thread after each chunk is merged.
    public func run(into warehouse: Warehouse, progress: (IngestProgress) -> Void = { _ in }) throws -> IngestSummary {
        let started = Date()
        var summary = IngestSummary()
        let dataset = options.dataset
        let schema = try warehouse.schema(named: dataset.table)
        let parser = ResponseParser(dataset: dataset, schema: schema)
        let planned = options.windows
        summary.chunksPlanned = planned.count
        let run = try warehouse.database.transaction {
            try warehouse.beginRun(
                kind: options.fromArchive ? "ingest-archive" : "ingest", dataset: dataset.name,
                table: schema.name, source: options.fromArchive ? "archive" : options.apiBase)
        }
        do {
            if options.fromArchive {
                try replayArchive(
                    into: warehouse, parser: parser, schema: schema, run: run, summary: &summary,
                    started: started, progress: progress)
            } else {
                let done = options.overwrite ? [] : try warehouse.doneDays(dataset: dataset.name)
                let windows = planned.filter { window in !window.days.allSatisfy(done.contains) }
                summary.chunksSkipped = planned.count - windows.count
                try fetch(
                    windows, into: warehouse, parser: parser, schema: schema, run: run, summary: &summary,
                    started: started, progress: progress)
            }
        } catch {
            let runError = "\(error)"
            summary.seconds = Date().timeIntervalSince(started)
            try? warehouse.database.transaction {
                try warehouse.finishRun(
                    run, summary: summary.rows, status: "error", error: runError,
                    requests: summary.requests, retries: summary.retries,
                    chunksFailed: summary.failures.count)
            }
            throw error
        }
        if options.compactAfter && summary.chunksDone > 0 {
            summary.partitionsSealed = try warehouse.compact(vacuum: false).partitionsSealed
        }
        summary.seconds = Date().timeIntervalSince(started)
        try warehouse.database.transaction {
            try warehouse.finishRun(
                run, summary: summary.rows, status: summary.succeeded ? "ok" : "failed",
                error: summary.failures.first.map { "\($0.window): \($0.reason)" },
                requests: summary.requests, retries: summary.retries,
                chunksFailed: summary.failures.count)
        }
        return summary
    }

    private func fetch(
        _ windows: [ChunkWindow], into warehouse: Warehouse, parser: ResponseParser, schema: TableSchema,
        run: Int64, summary: inout IngestSummary, started: Date,
        progress: (IngestProgress) -> Void
    ) throws {
        guard !windows.isEmpty else { return }
        let queue = WorkQueue(windows)
        // If merging throws (a full disk, say), the workers stop taking windows.
        defer { queue.stop() }
        let budget = RetryBudget(options.retryBudget)
        let results = ResultChannel()
        let worker = FetchWorker(
            options: options, parser: parser,
            policy: RetryPolicy(
                base: options.backoff, cap: options.maxBackoff,
                maxRetryAfter: options.maxRetryAfter),
            ingestedAt: warehouse.now(), userAgent: Self.userAgent)
        let threads = max(1, min(options.parallel, windows.count))
        for _ in 0..<threads {
            let thread = Thread { worker.run(queue: queue, budget: budget, results: results) }
            thread.stackSize = 1 << 20
            thread.start()
        }
        for index in windows.indices {
            guard let chunk = results.take(index, queue: queue) else {
                summary.chunksNotAttempted += 1
                continue
            }
            summary.requests += chunk.attempts
            summary.retries += chunk.retries
            summary.bytes += chunk.bytes
            try warehouse.database.transaction {
                for response in chunk.responses {
                    try warehouse.archive(response, dataset: options.dataset.name, window: chunk.window, runID: run)
                }
            }
            try apply(
                chunk.outcome, window: chunk.window, attempts: chunk.attempts, warehouse: warehouse,
                schema: schema, run: run, summary: &summary)
            progress(
                IngestProgress(
                    chunksFinished: summary.chunksDone + summary.failures.count,
                    chunksTotal: windows.count, rows: summary.rows.rowsRead, retries: summary.retries,
                    seconds: Date().timeIntervalSince(started)))
        }
        summary.budgetExhausted = budget.isExhausted
    }

    /// Merges a good chunk with its `done` record in one transaction, or records the failure.
    private func apply(
        _ outcome: Result<RowBatch, IngestFailure>, window: ChunkWindow, attempts: Int,
        warehouse: Warehouse, schema: TableSchema, run: Int64, summary: inout IngestSummary
    ) throws {
        switch outcome {
        case .success(let batch):
            // A window that reaches into the restatement window is not final yet (today is still being published,
            // recent days may be restated): it is recorded as `recent` and fetched again by later runs.
            let today = warehouse.now() / Timestamp.microsPerDay
            let state = window.end >= today - Int64(warehouse.restatementWindowDays) ? "recent" : "done"
            let rows = try warehouse.explainingDiskFull(source: "\(options.dataset.name) \(window)") {
                try warehouse.database.transaction {
                    let rows = try warehouse.merge(
                        batch, into: schema, runID: run,
                        replacingDays: options.overwrite ? window.days : nil)
                    try warehouse.recordChunk(
                        dataset: options.dataset.name, window: window, state: state,
                        attempts: attempts, error: nil, rows: batch.count, runID: run)
                    return rows
                }
            }
            summary.rows.add(rows)
            summary.chunksDone += 1
        case .failure(let failure):
            summary.failures.append((window, failure.message))
            try warehouse.database.transaction {
                try warehouse.recordChunk(
                    dataset: options.dataset.name, window: window, state: "failed",
                    attempts: attempts, error: failure.message, rows: nil, runID: run)
            }
        }
    }

    private func replayArchive(
        into warehouse: Warehouse, parser: ResponseParser, schema: TableSchema, run: Int64,
        summary: inout IngestSummary, started: Date,
        progress: (IngestProgress) -> Void
    ) throws {
        let archived = try warehouse.archivedResponses(
            dataset: options.dataset.name,
            days: options.start...options.end)
        let worker = FetchWorker(
            options: options, parser: parser,
            policy: RetryPolicy(base: 0, cap: 0, maxRetryAfter: 0),
            ingestedAt: warehouse.now(), userAgent: Self.userAgent)
        for (index, entry) in archived.enumerated() {
            let outcome: Result<RowBatch, IngestFailure>
            do {
                outcome = worker.parse(try entry.response.body(), window: entry.window, url: entry.response.url)
            } catch {
                outcome = .failure(IngestFailure("\(error)"))
            }
            summary.bytes += entry.response.bytes
            try apply(
                outcome, window: entry.window, attempts: 0, warehouse: warehouse, schema: schema, run: run,
                summary: &summary)
            progress(
                IngestProgress(
                    chunksFinished: index + 1, chunksTotal: archived.count,
                    rows: summary.rows.rowsRead, retries: 0, seconds: Date().timeIntervalSince(started)))
        }
        summary.chunksPlanned = archived.count
    }
}
