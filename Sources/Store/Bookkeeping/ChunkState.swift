/// The state of an ingest chunk (a window of settlement dates), as `_bmrs_chunks.state` records it.
public enum ChunkState: String, Sendable, CaseIterable {
    /// Fetched and merged, and too old to be restated: later runs skip it (unless `--overwrite`).
    case done
    /// Fetched and merged, but inside the restatement window (Elexon may still restate it, and today is still
    /// being published): later runs whose range covers it fetch it again.
    case recent
    /// Fetched with no error, but the API returned no rows for a window that ended before the restatement
    /// window: a gap, not a final answer, so later runs whose range covers it fetch it again.
    case empty
    /// Fetching or merging failed (the recorded error says why): later runs fetch it again.
    case failed

    /// True when later runs skip the window: its rows are final.
    public var isFinal: Bool { self == .done }
}
