import SQLite

extension Warehouse {
    /// Runs SQL (one statement or several separated by `;`), calling `columns` once per statement that
    /// returns columns with their names, and `row` per row.
    ///
    /// The SQL is SQLite's dialect; the BigQuery translator plugs in in front of this call.
    public func query(sql: String, columns: ([String]) throws -> Void, row: ([SQLiteValue]) throws -> Void) throws {
        scanStatistics.reset()
        var rest = sql
        var ran = 0
        while true {
            let next: (statement: Statement?, rest: String)
            do {
                next = try database.prepareFirst(sql: rest)
            } catch {
                let which = ran == 0 ? "the query" : "statement \(ran + 1)"
                throw StoreError(.usage, "\(which) does not compile: \(error.message)")
            }
            guard let statement = next.statement else { break }
            try run(statement, columns: columns, row: row)
            ran += 1
            rest = next.rest
        }
        guard ran > 0 else { throw StoreError(.usage, "no SQL statement given") }
    }

    private func run(
        _ statement: Statement, columns: ([String]) throws -> Void,
        row: ([SQLiteValue]) throws -> Void
    ) throws {
        let count = statement.columnCount
        if count > 0 { try columns((0..<count).map { statement.columnName(at: $0) }) }
        var values = [SQLiteValue](repeating: .null, count: Int(count))
        do {
            while try statement.step() {
                for i in 0..<count { values[Int(i)] = statement.value(at: i) }
                try row(values)
            }
        } catch let error as SQLiteError {
            throw StoreError(.usage, "the query failed: \(error.message)")
        }
    }
}
