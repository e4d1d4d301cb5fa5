import Rows

/// One recorded revision of a stored row: a later publication changed one or more values of a key.
///
/// The key holds the table's key columns other than the partition column (the day is the revision's day);
/// `changed` names the value columns whose cell differs, by index into the table's columns (columns are only
/// ever appended, so an index stays valid), with the old and new cells in the same order.
struct Revision: Equatable, Sendable {
    /// Key cells, in the order of `RevisionCodec.keyColumns(of:)`.
    var key: [Cell]
    /// Indices of the changed value columns, ascending.
    var changed: [Int]
    /// The cells held before, one per changed column.
    var old: [Cell]
    /// The cells that replaced them.
    var new: [Cell]
    /// The publish time of the version held before and of the one that replaced it (microseconds).
    var oldPublish: Int64?
    var newPublish: Int64?
    /// When the revision was seen (microseconds).
    var seen: Int64
    /// The run that recorded it.
    var runID: Int64?

    /// The revision of `new` row `r` over `old` row `c`: `columns` says which columns of the table hold the
    /// key, the values and the publish time.
    init(columns: RevisionColumns, old: RowBatch, _ c: Int, new: RowBatch, _ r: Int, seen: Int64, runID: Int64?) {
        key = columns.key.map { new[r, $0] }
        changed = columns.values.filter { old[c, $0] != new[r, $0] }
        self.old = changed.map { old[c, $0] }
        self.new = changed.map { new[r, $0] }
        func publish(_ batch: RowBatch, _ row: Int) -> Int64? {
            guard let p = columns.publish, case .int(let v) = batch[row, p] else { return nil }
            return v
        }
        oldPublish = publish(old, c)
        newPublish = publish(new, r)
        self.seen = seen
        self.runID = runID
    }

    init(
        key: [Cell], changed: [Int], old: [Cell], new: [Cell], oldPublish: Int64?, newPublish: Int64?, seen: Int64,
        runID: Int64?
    ) {
        self.key = key
        self.changed = changed
        self.old = old
        self.new = new
        self.oldPublish = oldPublish
        self.newPublish = newPublish
        self.seen = seen
        self.runID = runID
    }
}

/// The columns of a table a revision reads, worked out once per merge.
struct RevisionColumns: Sendable {
    /// The key columns without the partition column.
    let key: [Int]
    /// The value columns (neither key nor version), ascending.
    let values: [Int]
    /// The publish-time column, if any.
    let publish: Int?

    init(_ schema: TableSchema) {
        key = RevisionCodec.keyColumns(of: schema)
        values = schema.valueIndices.sorted()
        publish = schema.publishIndex
    }
}
