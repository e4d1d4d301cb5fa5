import Formats
import HTTP
import Rows
import Store

/// Fetches, archives (hash + compress) and parses chunks on a worker thread, with its own HTTP client.
struct FetchWorker: Sendable {
    let options: IngestOptions
    let parser: ResponseParser
    let policy: RetryPolicy
    let ingestedAt: Int64
    let userAgent: String

    /// Fetches windows from `pipeline` until it hands out no more.
    func run(pipeline: FetchPipeline, budget: RetryBudget) {
        var configuration = HTTPClient.Configuration()
        configuration.connectTimeout = options.connectTimeout
        configuration.totalTimeout = options.totalTimeout
        configuration.userAgent = userAgent
        let client = HTTPClient(configuration: configuration)
        while let (index, window) = pipeline.take() {
            let chunk = fetch(index: index, window: window, client: client, budget: budget, pipeline: pipeline)
            if budget.isExhausted { pipeline.stop() }
            pipeline.put(chunk)
        }
    }

    /// One attempt's result: done (a final outcome), or worth retrying for `reason`.
    private enum Attempt {
        case finished(Result<RowBatch, IngestFailure>)
        case retry(reason: String, retryAfter: String?, usesARetry: Bool)
    }

    func fetch(
        index: Int, window: ChunkWindow, client: HTTPClient, budget: RetryBudget, pipeline: FetchPipeline
    ) -> FetchedChunk {
        var chunk = FetchedChunk(index: index, window: window)
        let url = options.url(for: window)
        // 429 is the server pacing us, not a failed attempt: it is retried after Retry-After without using up
        // the chunk's --retries (the run's retry budget still bounds it).
        var failedAttempts = 0
        while true {
            chunk.attempts += 1
            let attempt = self.attempt(url: url, window: window, client: client, chunk: &chunk)
            guard case .retry(let reason, let retryAfter, let usesARetry) = attempt else {
                if case .finished(let outcome) = attempt { chunk.outcome = outcome }
                return chunk
            }
            if usesARetry { failedAttempts += 1 }
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
            guard pipeline.pause(seconds: policy.delay(attempt: chunk.attempts, retryAfter: retryAfter)) else {
                chunk.outcome = .failure(IngestFailure("\(reason) (the run stopped before the retry)"))
                return chunk
            }
        }
    }

    /// Sends one request for `window`, archives the response in `chunk` and judges it.
    private func attempt(url: String, window: ChunkWindow, client: HTTPClient, chunk: inout FetchedChunk) -> Attempt {
        let fetchedAt = wallClockMicros()
        let response: HTTPResponse
        do {
            response = try client.get(url, headers: ["Accept: application/json"])
        } catch {
            guard error.isTransient else { return .finished(.failure(IngestFailure("request failed: \(error)"))) }
            let reason = "\(error.kind == .timeout ? "timed out" : "connection failed"): \(error)"
            return .retry(reason: reason, retryAfter: nil, usesARetry: true)
        }
        chunk.bytes += response.body.count
        do {
            chunk.responses.append(
                try ArchivedResponse(
                    url: url, status: response.status, httpVersion: response.httpVersion,
                    seconds: response.seconds, fetchedAt: fetchedAt, body: response.body))
        } catch {
            return .finished(.failure(IngestFailure("cannot archive the response: \(error)")))
        }
        if response.status == 200 {
            let outcome = parse(response.body, window: window, url: url)
            // A body cut short (by a proxy or an overloaded server), an HTML page or anything else that is not
            // one whole JSON value is the transport failing, not the data: retried like a 5xx.
            if case .failure(let failure) = outcome, !ResponseBody.isWholeJSON(response.body) {
                return .retry(reason: "\(failure.message) (from \(url))", retryAfter: nil, usesARetry: true)
            }
            return .finished(outcome)
        }
        let body = Self.snippet(response.body)
        let reason = "HTTP \(response.status) from \(url): \(body)"
        guard RetryPolicy.isRetryable(status: response.status) else {
            return .finished(.failure(IngestFailure(reason)))
        }
        return .retry(reason: reason, retryAfter: response.headers["retry-after"], usesARetry: response.status != 429)
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
