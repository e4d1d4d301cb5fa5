import SQLite

extension Warehouse {
    /// Runs SQL (one statement or several separated by `;`), calling `columns` once per statement that
    /// returns columns with their names, and `row` per row with the row the statement stands on (read its columns
    /// there: the row is lent for the call only).
    ///
    /// The SQL is SQLite's dialect; the BigQuery translator plugs in in front of this call. Queries only read:
    /// every statement is compiled behind `ReadOnlyPolicy` (no writes, `ATTACH`, `VACUUM`, settings pragmas
    /// or `load_extension`) and must be read-only to SQLite too (`sqlite3_stmt_readonly`); on a `.read`
    /// store the connection itself cannot write. Statements run in order; when one fails, those before it
    /// have already delivered their rows, and the error names the failing statement. `interrupter` stops it from
    /// another thread.
    public func query(
        sql: String, columns: ([String]) throws -> Void, row: (borrowing ResultRow) throws -> Void
    ) throws {
        scanStatistics.reset()
        var refused: AuthorizerAction? = nil
        let policy: (AuthorizerAction) -> AuthorizerDecision = { action in
            let decision = ReadOnlyPolicy.decide(action)
            if decision != .allow, refused == nil { refused = action }
            return decision
        }
        try database.withAuthorizer(policy) {
            var rest = sql
            var number = 0
            while true {
                refused = nil
                let next: (statement: Statement?, rest: String)
                do {
                    next = try database.prepareFirst(sql: rest)
                } catch let error as SQLiteError {
                    number += 1
                    // SQLite stops reading a statement where the error is: show the statement up to its `;`.
                    let text = QueryText.statement(nil, orFirstOf: rest)
                    if refused != nil || error.isAuthorizationDenied {
                        throw QueryText.readOnlyError(text, number: number)
                    }
                    throw StoreError(
                        .usage, "\(QueryText.name(number, text)) does not compile: \(error.message)")
                }
                guard let statement = next.statement else { break }
                number += 1
                guard statement.isReadOnly else {
                    throw QueryText.readOnlyError(QueryText.statement(statement.sql, orFirstOf: rest), number: number)
                }
                do {
                    try run(statement, columns: columns, row: row)
                } catch let error as SQLiteError {
                    let text = QueryText.statement(statement.sql, orFirstOf: rest)
                    throw StoreError(.usage, "\(QueryText.name(number, text)) failed: \(error.message)")
                }
                rest = next.rest
            }
            guard number > 0 else { throw StoreError(.usage, "no SQL statement given") }
        }
    }

    private func run(
        _ statement: Statement, columns: ([String]) throws -> Void,
        row: (borrowing ResultRow) throws -> Void
    ) throws {
        let count = statement.columnCount
        if count > 0 { try columns((0..<count).map { statement.columnName(at: $0) }) }
        let current = ResultRow(statement, count: Int(count))
        while try statement.step() {
            try row(current)
        }
    }
}

/// How errors of `Warehouse.query` name the statement concerned.
enum QueryText {
    /// `statement` (the text SQLite compiled), or when that is empty the first statement of `rest`, on one line
    /// and at most 80 characters.
    static func statement(_ statement: String?, orFirstOf rest: String) -> String {
        var text = (statement ?? "").trimmedStatement
        if text.isEmpty || text == ";" {
            text = String(rest.split(separator: ";", maxSplits: 1).first ?? "").trimmedStatement
        }
        while text.hasSuffix(";") { text = String(text.dropLast()).trimmedStatement }
        text = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { String($0).trimmedStatement }
            .filter { !$0.isEmpty && !$0.hasPrefix("--") }
            .joined(separator: " ")
        return text.count > 80 ? String(text.prefix(79)) + "…" : text
    }

    /// "the query" for a lone first statement, else "statement N (text)".
    static func name(_ number: Int, _ text: String) -> String {
        number == 1 ? "the query (\(text))" : "statement \(number) (\(text))"
    }

    /// The one-line refusal of a statement that would write.
    static func readOnlyError(_ text: String, number: Int) -> StoreError {
        StoreError(
            .usage, "query is read-only: \(text) is not allowed" + (number > 1 ? " (statement \(number))" : ""))
    }
}

extension String {
    /// The statement without leading and trailing spaces, tabs and line breaks.
    fileprivate var trimmedStatement: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
