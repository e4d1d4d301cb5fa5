/// The last result, kept (up to a limit) for `.chart`.
struct CapturedResult {
    /// Rows beyond this are not kept; a chart of a larger result asks for an aggregate.
    static let rowLimit = 200_000

    let columns: [ResultColumn]
    private(set) var rows: [[QueryValue]] = []
    private(set) var isTruncated = false

    init(columns: [ResultColumn], rows: [[QueryValue]] = []) {
        self.columns = columns
        self.rows = rows
    }

    mutating func add(_ row: [QueryValue]) {
        if rows.count < Self.rowLimit { rows.append(row) } else { isTruncated = true }
    }
}
