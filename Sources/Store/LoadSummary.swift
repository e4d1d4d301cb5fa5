/// What one load, ingest chunk or run did to the store.
public struct LoadSummary: Sendable, Equatable {
    /// Rows parsed from the input.
    public var rowsRead = 0
    /// Keys new to the store.
    public var inserted = 0
    /// Rows that restated a value (same key and start time, later publication): recorded in `_bmrs_revisions`.
    public var revised = 0
    /// Rows replaced by a later reading of the same key (a later `startTime`, as FUELINST's 5-minute values).
    public var superseded = 0
    /// Identical re-deliveries, dropped.
    public var duplicates = 0
    /// Older versions than the store already holds, dropped.
    public var stale = 0
    /// Rows in inputs that failed (nothing of such an input is written).
    public var rejected = 0
    /// Rows removed because an overwriting fetch of their day no longer holds them.
    public var removed = 0
    /// Days whose content changed.
    public var changedDays: [Int64] = []

    /// An empty summary.
    public init() {}

    /// Adds another summary's counts to this one.
    public mutating func add(_ other: LoadSummary) {
        rowsRead += other.rowsRead
        inserted += other.inserted
        revised += other.revised
        superseded += other.superseded
        duplicates += other.duplicates
        stale += other.stale
        rejected += other.rejected
        removed += other.removed
        changedDays += other.changedDays
    }
}
