extension Analyzer {
    /// BigQuery stops a recursive CTE that still produces rows after this many iterations.
    static let maximumIterations = 500

    /// A recursive CTE of `WITH RECURSIVE` ("Work with recursive CTEs"): `base UNION ALL recursive`, where only
    /// the recursive term references the CTE. SQLite's recursive CTE computes the same rows: the recursive term
    /// may not aggregate, so running it row by row (SQLite) or iteration by iteration (BigQuery) derives the
    /// same multiset. A hidden counter `_d` numbers each row's iteration; a row of iteration 501 is BigQuery's
    /// error.
    func translateRecursive(_ entry: CommonTableExpression, outer: Scope?) throws(BigQuerySQLError) -> String {
        let query = entry.query
        guard case .setOperation(let op, let baseBody, let recursiveBody, let offset) = query.body, query.with.isEmpty,
            query.orderBy.isEmpty, query.limit == nil
        else {
            throw BigQuerySQLError(
                .invalid,
                "Recursive query \(entry.name.text) must be a UNION ALL of a non-recursive term and a recursive term",
                offset: query.offset)
        }
        guard op == "UNION ALL" else {
            throw BigQuerySQLError(.invalid, "A recursive CTE must use UNION ALL, not \(op)", offset: offset)
        }
        if Self.mentions(entry.name.text, in: Query(body: baseBody, offset: query.offset)) {
            throw BigQuerySQLError(
                .invalid, "The non-recursive term of \(entry.name.text) cannot reference it", offset: query.offset)
        }
        guard case .select(let select) = recursiveBody else {
            throw .unsupported("a recursive term that is not a single SELECT", at: offset)
        }
        let base = try translateBody(baseBody, outer: outer)
        let name = freshName("w")
        let columns = base.columns.enumerated().map { OutputColumn(name: $1.name, type: $1.type, sqlName: "_c\($0)") }
        let key = entry.name.text.lowercased()
        cteStack[cteStack.count - 1][key] = CTE(sqlName: name, columns: columns, recursive: true)
        let saved = recursiveTerm
        recursiveTerm = (name, selectDepth + 1)
        let term: QueryResult
        do {
            term = try translate(select, outer: outer, orderBy: [])
        } catch {
            recursiveTerm = saved
            throw error
        }
        recursiveTerm = saved
        cteStack[cteStack.count - 1][key]?.recursive = false
        guard term.columns.count == columns.count else {
            throw BigQuerySQLError(
                .invalid,
                "Queries in UNION ALL have mismatched column count; query 1 has \(columns.count) columns, "
                    + "query 2 has \(term.columns.count) columns", offset: offset)
        }
        for (index, (a, b)) in zip(columns, term.columns).enumerated() where a.type != b.type {
            throw BigQuerySQLError(
                .type,
                "Column \(index + 1) of the recursive term of \(entry.name.text) has type \(b.type), which does not "
                    + "match the type of the non-recursive term, \(a.type)", offset: select.offset)
        }
        guard term.sql.contains(" AS _d") else {
            throw BigQuerySQLError(
                .invalid,
                "The recursive term of \(entry.name.text) must reference \(entry.name.text) in its FROM clause",
                offset: select.offset)
        }
        let names = columns.map(\.sqlName) + ["_d"]
        let baseList = base.columns.enumerated().map { "\(sqlName($1.sqlName)) AS _c\($0)" }
        return "\(name)(\(names.joined(separator: ", "))) AS (SELECT \(baseList.joined(separator: ", ")), 0 AS _d "
            + "FROM (\(base.sql)) UNION ALL \(term.sql))"
    }

    /// Whether `query` reads a table called `name` (unqualified) in a FROM clause, at any depth.
    static func mentions(_ name: String, in query: Query) -> Bool {
        let lower = name.lowercased()
        func from(_ item: FromItem) -> Bool {
            switch item {
            case .table(let path, _, _): return path.count == 1 && path[0].text.lowercased() == lower
            case .subquery(let q, _, _): return mentions(name, in: q)
            case .unnest: return false
            case .join(_, let a, let b, _, _, _): return from(a) || from(b)
            }
        }
        func body(_ b: QueryBody) -> Bool {
            switch b {
            case .select(let select): return select.from.map(from) ?? false
            case .setOperation(_, let l, let r, _): return body(l) || body(r)
            case .parenthesized(let q): return mentions(name, in: q)
            }
        }
        return query.with.contains { mentions(name, in: $0.query) } || body(query.body)
    }
}
