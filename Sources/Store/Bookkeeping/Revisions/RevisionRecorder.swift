import Rows

/// Records the revisions a merge finds, for one table and run: each is held until its day is written, then
/// stored with the day (a plain row while the day is hot, inside the day's sealed record once it is sealed).
struct RevisionRecorder {
    let store: RevisionStore
    let columns: RevisionColumns
    let tableID: Int64
    let runID: Int64
    let seenAt: Int64

    /// A recorder for merges into `schema` by run `runID`, seen at `seenAt` (microseconds).
    init(store: RevisionStore, schema: TableSchema, tableID: Int64, runID: Int64, seenAt: Int64) {
        self.store = store
        columns = RevisionColumns(schema)
        self.tableID = tableID
        self.runID = runID
        self.seenAt = seenAt
        // Revisions of a merge that failed before its day was written are not kept.
        store.connection.pendingRevisions.removeAll()
    }

    /// Records that row `r` of `new` revised row `c` of `old` on `day`.
    func record(day: Int64, old: RowBatch, _ c: Int, new: RowBatch, _ r: Int) {
        store.pend(
            Revision(columns: columns, old: old, c, new: new, r, seen: seenAt, runID: runID), tableID: tableID, day: day
        )
    }
}
