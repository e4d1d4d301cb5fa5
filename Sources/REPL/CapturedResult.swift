/// The last result, kept for `.chart` while it is small enough to chart (a larger one is dropped, so a large
/// result streamed to a pipe is never held).
struct CapturedResult {
    /// A result with more rows is not kept; a chart of it asks for an aggregate.
    static let rowLimit = 50_000

    let columns: [ResultColumn]
    private(set) var rows: [[QueryValue]] = []
    private(set) var isTruncated = false

    init(columns: [ResultColumn], rows: [[QueryValue]] = []) {
        self.columns = columns
        self.rows = rows
    }

    mutating func add(_ row: [QueryValue]) {
        guard !isTruncated else { return }
        if rows.count < Self.rowLimit {
            rows.append(row)
        } else {
            isTruncated = true
            rows = []
        }
    }
}
