/// The state of a load or ingest run, as `_bmrs_runs.status` records it.
public enum RunState: String, Sendable, CaseIterable {
    /// The run is in progress (or its process died: see `interrupted`).
    case running
    /// Every planned chunk or file was merged.
    case ok
    /// The run finished, but some chunks failed or a step after the merge (compaction) failed; `error` says what.
    case failed
    /// The run stopped on an error before it finished (a full disk, say); `error` says what.
    case error
    /// The process ended without finishing the run (killed, power lost): found `running` by the next writer,
    /// which holds the write lock, so no process can still be running it.
    case interrupted
}
