import Foundation
import HTTP
import Store

/// A chunk's outcome, handed from a fetch worker to the writer.
struct FetchedChunk: Sendable {
    let index: Int
    let window: ChunkWindow
    /// Every HTTP response received for the chunk, failures included, for the archive.
    var responses: [ArchivedResponse] = []
    var attempts = 0
    var retries = 0
    var bytes = 0
    var outcome: Result<RowBatch, IngestFailure> = .failure(IngestFailure("not fetched"))
}

/// Why a chunk failed, in one line.
struct IngestFailure: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}

/// The windows still to fetch; stops handing them out once the run is stopping.
final class WorkQueue: @unchecked Sendable {
    // Safe: every access holds `lock`.
    private let lock = NSLock()
    private let windows: [ChunkWindow]
    private var next = 0
    private var stopped = false

    init(_ windows: [ChunkWindow]) { self.windows = windows }

    func take() -> (Int, ChunkWindow)? {
        lock.withLock {
            guard !stopped, next < windows.count else { return nil }
            next += 1
            return (next - 1, windows[next - 1])
        }
    }

    func stop() { lock.withLock { stopped = true } }

    /// How many windows were handed out, and whether no more will be.
    var state: (handedOut: Int, finished: Bool) {
        lock.withLock { (next, stopped || next == windows.count) }
    }
}

/// The run's retry budget.
final class RetryBudget: @unchecked Sendable {
    // Safe: every access holds `lock`.
    private let lock = NSLock()
    private var remaining: Int
    private(set) var exhausted = false

    init(_ total: Int) { remaining = total }

    /// Takes one retry; false (and exhausted from then on) when none is left.
    func take() -> Bool {
        lock.withLock {
            guard remaining > 0 else {
                exhausted = true
                return false
            }
            remaining -= 1
            return true
        }
    }

    var isExhausted: Bool { lock.withLock { exhausted } }
}

/// Finished chunks, waited for by index so they are merged in date order.
final class ResultChannel: @unchecked Sendable {
    // Safe: every access holds `condition`.
    private let condition = NSCondition()
    private var results: [Int: FetchedChunk] = [:]

    func put(_ chunk: FetchedChunk) {
        condition.lock()
        results[chunk.index] = chunk
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for chunk `index`; nil when the queue will never hand it out.
    func take(_ index: Int, queue: WorkQueue) -> FetchedChunk? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let chunk = results.removeValue(forKey: index) { return chunk }
            let state = queue.state
            if state.finished && index >= state.handedOut { return nil }
            _ = condition.wait(until: Date().addingTimeInterval(0.05))
        }
    }
}

/// Fetches, archives (hash + compress) and parses chunks on worker threads, one HTTP client each.
struct FetchWorker: Sendable {
    let options: IngestOptions
    let parser: ResponseParser
    let policy: RetryPolicy
    let ingestedAt: Int64
    let userAgent: String

    func run(queue: WorkQueue, budget: RetryBudget, results: ResultChannel) {
        var configuration = HTTPClient.Configuration()
        configuration.connectTimeout = options.connectTimeout
        configuration.totalTimeout = options.totalTimeout
        configuration.userAgent = userAgent
        let client = HTTPClient(configuration: configuration)
        while let (index, window) = queue.take() {
            let chunk = fetch(index: index, window: window, client: client, budget: budget)
            if budget.isExhausted { queue.stop() }
            results.put(chunk)
        }
    }

    func fetch(index: Int, window: ChunkWindow, client: HTTPClient, budget: RetryBudget) -> FetchedChunk {
        var chunk = FetchedChunk(index: index, window: window)
        let url = options.url(for: window)
        // 429 is the server pacing us, not a failed attempt: it is retried after Retry-After without using up
        // the chunk's --retries (the run's retry budget still bounds it).
        var failedAttempts = 0
        while true {
            chunk.attempts += 1
            let retryAfter: String?
            let reason: String
            do {
                let started = Date()
                let response = try client.get(url, headers: ["Accept: application/json"])
                chunk.bytes += response.body.count
                let fetchedAt = Int64(started.timeIntervalSince1970 * 1_000_000)
                do {
                    chunk.responses.append(
                        try ArchivedResponse(
                            url: url, status: response.status, httpVersion: response.httpVersion,
                            seconds: response.seconds,
                            fetchedAt: fetchedAt, body: response.body))
                } catch {
                    chunk.outcome = .failure(IngestFailure("cannot archive the response: \(error)"))
                    return chunk
                }
                if response.status == 200 {
                    chunk.outcome = parse(response.body, window: window, url: url)
                    return chunk
                }
                let body = Self.snippet(response.body)
                guard RetryPolicy.isRetryable(status: response.status) else {
                    chunk.outcome = .failure(IngestFailure("HTTP \(response.status) from \(url): \(body)"))
                    return chunk
                }
                retryAfter = response.headers["retry-after"]
                reason = "HTTP \(response.status) from \(url): \(body)"
                if response.status != 429 { failedAttempts += 1 }
            } catch {
                guard error.isTransient else {
                    chunk.outcome = .failure(IngestFailure("request failed: \(error)"))
                    return chunk
                }
                retryAfter = nil
                reason = "\(error.kind == .timeout ? "timed out" : "connection failed"): \(error)"
                failedAttempts += 1
            }
            guard failedAttempts <= options.retries else {
                chunk.outcome = .failure(IngestFailure("\(reason) (gave up after \(chunk.attempts) attempts)"))
                return chunk
            }
            guard budget.take() else {
                chunk.outcome = .failure(
                    IngestFailure("\(reason) (the run's retry budget of \(options.retryBudget) is spent)"))
                return chunk
            }
            chunk.retries += 1
            Thread.sleep(forTimeInterval: policy.delay(attempt: chunk.attempts, retryAfter: retryAfter))
        }
    }

    /// Parses a 200 body and checks every row lies inside the requested window.
    func parse(_ body: [UInt8], window: ChunkWindow, url: String) -> Result<RowBatch, IngestFailure> {
        let batch: RowBatch
        do {
            batch = try parser.parse(body: body, source: "\(options.dataset.name) \(window)", ingestedAt: ingestedAt)
        } catch {
            return .failure(IngestFailure("\(error)"))
        }
        let column = parser.schema.partitionIndex
        for row in 0..<batch.count {
            if case .int(let day) = batch[row, column], !window.days.contains(day) {
                return .failure(
                    IngestFailure(
                        "the response to \(url) holds settlement date \(CivilDate.string(day)), "
                            + "outside the requested window \(window): the API ignored the query parameters"))
            }
        }
        return .success(batch)
    }

    static func snippet(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(300), as: UTF8.self)
            .split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        return text.isEmpty ? "(empty body)" : text + (body.count > 300 ? "…" : "")
    }
}
