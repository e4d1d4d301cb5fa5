/// What a run in `_bmrs_runs` did, as its `kind` column records it.
public enum RunKind: String, Sendable, CaseIterable {
    /// `bmrs load`: files read from disk.
    case load
    /// `bmrs ingest`: windows fetched from the Insights API.
    case ingest
    /// `bmrs ingest --from-archive`: windows re-derived from archived responses, without the network.
    case ingestArchive = "ingest-archive"
}
