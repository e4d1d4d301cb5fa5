import Formats
import HTTP
import Rows
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

    /// The stack of each fetch thread (the parser runs on it).
    static let workerStackSize = 4 << 20

    /// Runs the ingest against `warehouse` (which must be open for writing). `progress` is called on this
    /// thread after each chunk is merged. The run ends recorded as `ok`, `failed` (chunks failed, or the
    /// compaction after the merge failed: then this throws) or `error` (this throws).
    public func run(into warehouse: Warehouse, progress: (IngestProgress) -> Void = { _ in }) throws -> IngestSummary {
        let started = monotonicSeconds()
        var summary = IngestSummary()
        let dataset = options.dataset
        let schema = try warehouse.schema(named: dataset.table)
        let parser = ResponseParser(dataset: dataset, schema: schema)
        let planned = options.windows
        summary.chunksPlanned = planned.count
        let run = try warehouse.write { transaction in
            try transaction.beginRun(
                options.fromArchive ? .ingestArchive : .ingest, dataset: dataset.name, table: schema.name,
                source: options.fromArchive ? "archive" : options.apiBase)
        }
        func finish(_ state: RunState, error: String?) throws {
            summary.seconds = monotonicSeconds() - started
            try warehouse.write { transaction in
                try transaction.finishRun(
                    run, summary: summary.rows, status: state, error: error, requests: summary.requests,
                    retries: summary.retries, chunksFailed: summary.failures.count)
            }
        }
        do {
            let merger = ChunkMerger(options: options, warehouse: warehouse, schema: schema, run: run)
            if options.fromArchive {
                try replayArchive(
                    merger: merger, parser: parser, summary: &summary, started: started, progress: progress)
            } else {
                let done = options.overwrite ? [] : try warehouse.ledger.doneDays(dataset: dataset.name)
                let windows = planned.filter { window in !window.days.allSatisfy(done.contains) }
                summary.chunksSkipped = planned.count - windows.count
                try fetch(
                    windows, merger: merger, parser: parser, summary: &summary, started: started, progress: progress)
            }
        } catch {
            try? finish(.error, error: "\(error)")
            throw error
        }
        if options.compactAfter && summary.chunksDone > 0 {
            do {
                summary.partitionsSealed = try warehouse.compact(vacuum: false).partitionsSealed
            } catch {
                try? finish(.failed, error: "the compaction after the ingest failed: \(error)")
                throw error
            }
        }
        try finish(
            summary.succeeded ? .ok : .failed, error: summary.failures.first.map { "\($0.window): \($0.reason)" })
        return summary
    }

    /// Fetches `windows` on worker threads and merges the chunks in date order as they arrive.
    private func fetch(
        _ windows: [ChunkWindow], merger: ChunkMerger, parser: ResponseParser, summary: inout IngestSummary,
        started: Double, progress: (IngestProgress) -> Void
    ) throws {
        guard !windows.isEmpty else { return }
        let threadCount = max(1, min(options.parallel, windows.count))
        // At most one window per thread is out (being fetched, or fetched and waiting to be merged) besides
        // the one being merged: what the workers hold is bounded whatever the network's pace.
        let pipeline = FetchPipeline(windows, capacity: threadCount)
        let budget = RetryBudget(options.retryBudget)
        let worker = FetchWorker(
            options: options, parser: parser,
            policy: RetryPolicy(base: options.backoff, cap: options.maxBackoff, maxRetryAfter: options.maxRetryAfter),
            ingestedAt: merger.warehouse.now(), userAgent: Self.userAgent)
        var threads: [WorkerThread] = []
        // However this ends (merging throws on a full disk, say), the workers stop taking windows, wake from
        // any backoff, and are joined before returning.
        defer {
            pipeline.stop()
            for thread in threads { thread.join() }
        }
        for _ in 0..<threadCount {
            threads.append(
                try WorkerThread(stackSize: Self.workerStackSize) { worker.run(pipeline: pipeline, budget: budget) })
        }
        for index in windows.indices {
            guard let chunk = pipeline.result(index) else {
                summary.chunksNotAttempted += 1
                continue
            }
            summary.requests += chunk.attempts
            summary.retries += chunk.retries
            summary.bytes += chunk.bytes
            try merger.archive(chunk.responses, window: chunk.window)
            try merger.apply(chunk.outcome, window: chunk.window, attempts: chunk.attempts, summary: &summary)
            progress(
                IngestProgress(
                    chunksFinished: summary.chunksDone + summary.empty.count + summary.failures.count,
                    chunksTotal: windows.count, rows: summary.rows.rowsRead, retries: summary.retries,
                    seconds: monotonicSeconds() - started))
        }
        summary.budgetExhausted = budget.isExhausted
    }

    /// Parses the newest good archived response of each window in the range again and merges it.
    private func replayArchive(
        merger: ChunkMerger, parser: ResponseParser, summary: inout IngestSummary, started: Double,
        progress: (IngestProgress) -> Void
    ) throws {
        let archived = try merger.warehouse.ledger.archivedResponses(
            dataset: options.dataset.name, days: options.start...options.end)
        let worker = FetchWorker(
            options: options, parser: parser, policy: RetryPolicy(base: 0, cap: 0, maxRetryAfter: 0),
            ingestedAt: merger.warehouse.now(), userAgent: Self.userAgent)
        for (index, entry) in archived.enumerated() {
            let outcome: Result<RowBatch, IngestFailure>
            do {
                outcome = worker.parse(try entry.response.body(), window: entry.window, url: entry.response.url)
            } catch {
                outcome = .failure(IngestFailure("\(error)"))
            }
            summary.bytes += entry.response.bytes
            try merger.apply(outcome, window: entry.window, attempts: 0, summary: &summary)
            progress(
                IngestProgress(
                    chunksFinished: index + 1, chunksTotal: archived.count, rows: summary.rows.rowsRead, retries: 0,
                    seconds: monotonicSeconds() - started))
        }
        summary.chunksPlanned = archived.count
    }
}
