extension Analyzer {
    /// Translates a whole query (WITH, body, ORDER BY, LIMIT) in the scope `outer` (for correlated subqueries).
    func translate(_ query: Query, outer: Scope?) throws(BigQuerySQLError) -> QueryResult {
        var withSQL: [String] = []
        cteStack.append([:])
        defer { cteStack.removeLast() }
        for entry in query.with {
            let key = entry.name.text.lowercased()
            if cteStack[cteStack.count - 1][key] != nil {
                throw BigQuerySQLError(
                    .invalid, "Duplicate alias \(entry.name.text) for WITH subquery", offset: entry.name.offset)
            }
            if query.recursive && Self.mentions(entry.name.text, in: entry.query) {
                withSQL.append(try translateRecursive(entry, outer: outer))
                continue
            }
            let result = try translate(entry.query, outer: outer)
            let name = freshName("w")
            withSQL.append("\(name) AS (\(result.sql))")
            cteStack[cteStack.count - 1][key] = CTE(sqlName: name, columns: result.columns)
        }
        var result: QueryResult
        let tail = try limitClause(query)
        if case .select(let select) = query.body {
            result = try translate(select, outer: outer, orderBy: query.orderBy)
            result.sql += tail
        } else {
            result = try translateBody(query.body, outer: outer)
            if !query.orderBy.isEmpty {
                result.sql =
                    "SELECT * FROM (\(result.sql)) ORDER BY "
                    + (try outputOrder(query.orderBy, columns: result.columns))
            } else if !tail.isEmpty {
                result.sql = "SELECT * FROM (\(result.sql))"
            }
            result.sql += tail
        }
        if let limit = query.limit, case .integer(let text) = limit.kind, Int64(text) ?? 2 <= 1 {
            result.singleRow = true
        }
        if !withSQL.isEmpty {
            result.sql =
                (query.recursive ? "WITH RECURSIVE " : "WITH ") + withSQL.joined(separator: ", ") + " " + result.sql
        }
        return result
    }

    /// ` LIMIT n OFFSET m`: BigQuery takes non-negative INT64 literals or parameters.
    private func limitClause(_ query: Query) throws(BigQuerySQLError) -> String {
        guard let limit = query.limit else { return "" }
        func count(_ expression: Expression, _ clause: String) throws(BigQuerySQLError) -> String {
            let resolved = try resolve(expression, Context(scope: Scope(parent: nil), clause: clause))
            guard resolved.isConstant, resolved.type == .int64, case .integer(let n)? = resolved.literal else {
                throw BigQuerySQLError(
                    .invalid, "\(clause) expects an integer literal or parameter", offset: expression.offset)
            }
            guard n >= 0 else {
                throw BigQuerySQLError(
                    .invalid, "\(clause) expects a non-negative integer literal or parameter", offset: expression.offset
                )
            }
            return String(n)
        }
        var sql = " LIMIT " + (try count(limit, "LIMIT"))
        if let offset = query.limitOffset { sql += " OFFSET " + (try count(offset, "OFFSET")) }
        return sql
    }

    /// ORDER BY over a set operation's output: names and ordinals of its columns.
    private func outputOrder(_ items: [OrderItem], columns: [OutputColumn]) throws(BigQuerySQLError) -> String {
        let scope = Scope(parent: nil)
        scope.variables = [
            RangeVariable(
                alias: "", columns: columns.map { ScopeColumn(name: $0.name, type: $0.type, sql: sqlName($0.sqlName)) })
        ]
        var parts: [String] = []
        for item in items {
            var resolved: Resolved
            if case .integer(let text) = item.expression.kind, let n = Int(text) {
                guard n >= 1, n <= columns.count else {
                    throw BigQuerySQLError(
                        .invalid, "ORDER BY column number out of range: \(n)", offset: item.expression.offset)
                }
                resolved = Resolved(sql: sqlName(columns[n - 1].sqlName), type: columns[n - 1].type)
            } else {
                resolved = try resolve(item.expression, Context(scope: scope, clause: "ORDER BY clause"))
            }
            parts.append(try orderTerm(resolved, item))
        }
        return parts.joined(separator: ", ")
    }

    /// `expr [DESC] [NULLS FIRST|LAST]` for one ORDER BY item.
    func orderTerm(_ resolved: Resolved, _ item: OrderItem) throws(BigQuerySQLError) -> String {
        guard resolved.type.isOrderable else {
            throw BigQuerySQLError(
                .type, "ORDER BY does not support expressions of type \(resolved.type)", offset: item.expression.offset)
        }
        var sql = orderKey(resolved)
        if item.descending { sql += " DESC" }
        if let first = item.nullsFirst { sql += first ? " NULLS FIRST" : " NULLS LAST" }
        return sql
    }

    /// The SQLite expression that sorts as BigQuery sorts the value (NUMERIC text sorts as a number).
    func orderKey(_ resolved: Resolved) -> String {
        resolved.type.isDecimal ? "CAST(\(resolved.sql) AS REAL)" : resolved.sql
    }

    /// A set operation or parenthesized query; every operand becomes a subquery.
    func translateBody(_ body: QueryBody, outer: Scope?) throws(BigQuerySQLError) -> QueryResult {
        switch body {
        case .select(let select):
            return try translate(select, outer: outer, orderBy: [])
        case .parenthesized(let query):
            return try translate(query, outer: outer)
        case .setOperation(let op, let left, let right, let offset):
            let l = try translateBody(left, outer: outer)
            let r = try translateBody(right, outer: outer)
            guard l.columns.count == r.columns.count else {
                throw BigQuerySQLError(
                    .invalid,
                    "Queries in \(op) have mismatched column count; query 1 has \(l.columns.count) columns, "
                        + "query 2 has \(r.columns.count) columns", offset: offset)
            }
            var columns: [OutputColumn] = []
            var leftItems: [String] = []
            var rightItems: [String] = []
            for (index, (a, b)) in zip(l.columns, r.columns).enumerated() {
                let name = "_c\(index)"
                var type = a.type
                var leftSQL = sqlName(a.sqlName)
                var rightSQL = sqlName(b.sqlName)
                if a.type != b.type {
                    if a.type == .int64 && b.type == .float64 {
                        leftSQL = "CAST(\(leftSQL) AS REAL)"
                        type = .float64
                    } else if a.type == .float64 && b.type == .int64 {
                        rightSQL = "CAST(\(rightSQL) AS REAL)"
                    } else {
                        throw BigQuerySQLError(
                            .type,
                            "Column \(index + 1) in \(op) has incompatible types: \(a.type), \(b.type)", offset: offset)
                    }
                }
                if !op.hasSuffix("ALL") && !type.isGroupable {
                    throw BigQuerySQLError(
                        .type, "Column \(index + 1) in \(op) has type \(type) which cannot be compared", offset: offset)
                }
                leftItems.append("\(leftSQL) AS \(name)")
                rightItems.append("\(rightSQL) AS \(name)")
                columns.append(OutputColumn(name: a.name, type: type, sqlName: name))
            }
            let sqliteOp: String
            switch op {
            case "UNION ALL": sqliteOp = "UNION ALL"
            case "UNION DISTINCT": sqliteOp = "UNION"
            case "INTERSECT DISTINCT": sqliteOp = "INTERSECT"
            case "EXCEPT DISTINCT": sqliteOp = "EXCEPT"
            default: throw .unsupported(op, at: offset)
            }
            let sql =
                "SELECT \(leftItems.joined(separator: ", ")) FROM (\(l.sql)) \(sqliteOp) "
                + "SELECT \(rightItems.joined(separator: ", ")) FROM (\(r.sql))"
            return QueryResult(sql: sql, columns: columns)
        }
    }
}
