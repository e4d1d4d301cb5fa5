import Store

/// Errors and API health of the recent ingest runs of a dataset: error rate (failed chunks / chunks attempted,
/// what costs data), retry rate per request, and API latency from the response archive.
struct HealthCheck {
    let config: CheckConfig

    /// The value at quantile `q` (nearest rank) of sorted `values`.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    func run(dataset: String, facts: CheckFacts, into outcome: inout CheckOutcome) {
        let recent = facts.runs.filter { $0.kind == RunKind.ingest.rawValue && $0.dataset == dataset }.sorted {
            $0.id < $1.id
        }
        .suffix(config.recentRuns)
        let labels = [("dataset", dataset)]
        let attempted = recent.reduce(0) { $0 + $1.chunksAttempted }
        let failed = recent.reduce(0) { $0 + $1.chunksFailed }
        let requests = recent.reduce(0) { $0 + $1.requests }
        let retries = recent.reduce(0) { $0 + $1.retries }
        let rate = attempted == 0 ? 0 : Double(failed) / Double(attempted)
        let ids = Set(recent.map(\.id))
        let latencies = facts.responses.filter { $0.dataset == dataset && ids.contains($0.runID) }.map(\.seconds)
            .sorted()
        outcome.metric("bmrs_check_ingest_runs", Double(recent.count), "Recent ingest runs judged.", labels)
        outcome.metric("bmrs_check_chunks_attempted", Double(attempted), "Chunks attempted in those runs.", labels)
        outcome.metric("bmrs_check_chunks_failed", Double(failed), "Chunks that failed in those runs.", labels)
        outcome.metric("bmrs_check_error_rate", rate, "Failed chunks / chunks attempted.", labels)
        outcome.metric("bmrs_check_requests", Double(requests), "HTTP requests in those runs.", labels)
        outcome.metric(
            "bmrs_check_retry_rate", requests == 0 ? 0 : Double(retries) / Double(requests),
            "Retries per request.", labels)
        outcome.metric("bmrs_check_responses", Double(latencies.count), "Archived responses of those runs.", labels)
        for q in [0.5, 0.95] {
            outcome.metric(
                "bmrs_check_api_latency_seconds", Self.quantile(latencies, q), "API response time.",
                labels + [("quantile", q == 0.5 ? "0.5" : "0.95")])
        }
        guard attempted > 0,
            let level = severity(of: rate, warning: config.errorRateWarning, critical: config.errorRateCritical)
        else { return }
        var finding = Finding(
            .errors, level, table: nil,
            "\(dataset): \(failed) of \(attempted) chunks failed in the last \(recent.count) ingest run(s) "
                + "(\(percentText(rate)))")
        finding.fix = "re-run the ingest: only windows not done are fetched"
        outcome.findings.append(finding)
    }
}
