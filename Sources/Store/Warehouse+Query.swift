import SQLite

extension Warehouse {
    /// Runs one SQL statement, calling `columns` once with the result's column names and `row` per row.
    ///
    /// The SQL is SQLite's dialect; the BigQuery translator plugs in in front of this call.
    public func query(sql: String, columns: ([String]) throws -> Void, row: ([SQLiteValue]) throws -> Void) throws {
        scanStatistics.reset()
        let statement: Statement
        do {
            statement = try database.prepare(sql: sql)
        } catch {
            throw StoreError(.usage, "the query does not compile: \(error.message)")
        }
        let count = statement.columnCount
        try columns((0..<count).map { statement.columnName(at: $0) })
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
