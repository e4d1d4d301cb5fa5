/// What an expression is analyzed in: its scope, clause, grouping and what it may contain.
struct Context {
    var scope: Scope
    /// The clause, for messages: `SELECT list`, `WHERE clause`, `HAVING clause`, ...
    var clause: String
    /// The GROUP BY keys' SQL when the query is grouped.
    var groupKeys: Set<String>? = nil
    var allowAggregate = false
    var allowWindow = false
    /// GROUP BY keys rolled up in the current grouping set: NULL here (ROLLUP, CUBE, GROUPING SETS).
    var nulledKeys: Set<String> = []
    /// SELECT-list aliases visible here (HAVING, QUALIFY, ORDER BY), lower-cased.
    var aliases: [String: Resolved] = [:]
    /// Named windows of the WINDOW clause, lower-cased.
    var windows: [String: WindowSpecification] = [:]
}

extension Analyzer {
    /// Translates one SELECT block, with the query's ORDER BY (which may use anything the SELECT sees).
    func translate(_ select: Select, outer: Scope?, orderBy: [OrderItem]) throws(BigQuerySQLError) -> QueryResult {
        if let planned = try translatePartially(select, outer: outer, orderBy: orderBy) { return planned }
        let scope = Scope(parent: outer)
        var sql = ""
        var fromSQL = ""
        var whereTerms: [String] = []
        selectDepth += 1
        defer { selectDepth -= 1 }
        if let from = select.from {
            fromSQL = " FROM " + (try translateFrom(from, scope: scope))
        }
        let iteration = pendingIteration
        pendingIteration = nil
        var windows: [String: WindowSpecification] = [:]
        for (name, spec) in select.windows { windows[name.text.lowercased()] = spec }
        let base = Context(scope: scope, clause: "SELECT list", windows: windows)
        if let condition = select.whereClause {
            var context = base
            context.clause = "WHERE clause"
            let resolved = try resolve(condition, context)
            try requireBool(resolved, condition, "WHERE clause")
            whereTerms.append(resolved.sql)
            try notePartitionFilters(condition, scope: scope)
        }

        // Select items, before grouping, to know aliases and ordinals.
        let items = try expandItems(select, scope: scope, base: base)
        let grouped =
            !select.groupBy.isEmpty || items.contains { $0.expression.map(containsAggregate) ?? false }
            || (select.having.map(containsAggregate) ?? false) || select.having != nil || select.groupingSets != nil
        let branches = try groupingBranches(select, grouped: grouped, items: items, base: base)
        var results: [BranchResult] = []
        for branch in branches {
            results.append(try translateBranch(select, items: items, base: base, branch: branch, orderBy: orderBy))
        }
        let first = results[0]
        var columns: [OutputColumn] = []
        for (index, output) in first.outputs.enumerated() {
            columns.append(OutputColumn(name: output.name, type: output.resolved.type, sqlName: "_c\(index)"))
        }
        if select.distinct {
            for column in columns where !column.type.isGroupable {
                throw BigQuerySQLError(
                    .type, "SELECT DISTINCT cannot be used with type \(column.type)", offset: select.offset)
            }
        }
        partialInner(
            from: &fromSQL, where: &whereTerms, groupBy: branches.count == 1 ? branches[0].groupSQL : [],
            outer: first.outputs.map(\.resolved.sql) + [first.havingSQL, first.qualifySQL ?? ""]
                + first.orderTerms.map { orderKey($0.0) })
        let whereSQL = whereTerms.isEmpty ? "" : " WHERE " + whereTerms.joined(separator: " AND ")
        let distinct = select.distinct ? "DISTINCT " : ""
        if iteration != nil
            && (grouped || first.qualifySQL != nil || select.distinct
                || first.outputs.contains { $0.resolved.hasWindow })
        {
            throw BigQuerySQLError(
                .invalid, "The recursive term of a recursive CTE cannot aggregate, use analytic functions or DISTINCT",
                offset: select.offset)
        }
        if branches.count > 1, results.contains(where: { $0.hasWindow }) {
            // BigQuery computes analytic functions over the rows of every grouping set together; one SELECT per
            // set would compute them per set.
            throw .unsupported("an analytic function in a query with ROLLUP, CUBE or GROUPING SETS", at: select.offset)
        }
        if branches.count > 1 || first.qualifySQL != nil {
            // Each grouping set (or the query before QUALIFY) is an inner SELECT carrying the QUALIFY condition
            // and ORDER BY keys as extra columns; the outer SELECT filters, sorts and drops them.
            var inners: [String] = []
            for (branch, result) in zip(branches, results) {
                var inner = result.outputs.enumerated().map { "\($1.resolved.sql) AS _c\($0)" }
                if let qualifySQL = result.qualifySQL { inner.append("\(qualifySQL) AS _q") }
                for (index, term) in result.orderTerms.enumerated() {
                    inner.append("\(orderKey(term.0)) AS _o\(index)")
                }
                // The empty grouping set is one group even over no rows: an aggregate makes SQLite see it so.
                if branches.count > 1 { inner.append(branch.groupSQL.isEmpty ? "count(*) AS _g" : "NULL AS _g") }
                let groupBySQL = branch.groupSQL.isEmpty ? "" : " GROUP BY " + branch.groupSQL.joined(separator: ", ")
                inners.append(
                    "SELECT \(inner.joined(separator: ", "))\(fromSQL)\(whereSQL)\(groupBySQL)\(result.havingSQL)")
            }
            var outerOrder: [String] = []
            for (index, term) in first.orderTerms.enumerated() {
                var key = "_o\(index)"
                if term.1.descending { key += " DESC" }
                if let first = term.1.nullsFirst { key += first ? " NULLS FIRST" : " NULLS LAST" }
                outerOrder.append(key)
            }
            sql =
                "SELECT \(distinct)\(columns.map { sqlName($0.sqlName) }.joined(separator: ", ")) FROM ("
                + inners.joined(separator: " UNION ALL ") + ")" + (first.qualifySQL == nil ? "" : " WHERE _q")
            if !outerOrder.isEmpty { sql += " ORDER BY " + outerOrder.joined(separator: ", ") }
        } else {
            var selectList = first.outputs.enumerated().map { "\($1.resolved.sql) AS _c\($0)" }
            if let iteration {
                // BigQuery stops a runaway recursion after 500 iterations ("Work with recursive CTEs").
                selectList.append(
                    "CASE WHEN \(iteration) >= \(Self.maximumIterations) THEN bq_error("
                        + "'A recursive CTE has reached the maximum number of iterations: \(Self.maximumIterations)') "
                        + "ELSE \(iteration) + 1 END AS _d")
            }
            let groupSQL = branches[0].groupSQL
            let groupBySQL = groupSQL.isEmpty ? "" : " GROUP BY " + groupSQL.joined(separator: ", ")
            sql =
                "SELECT \(distinct)\(selectList.joined(separator: ", "))\(fromSQL)\(whereSQL)\(groupBySQL)\(first.havingSQL)"
            if !first.orderTerms.isEmpty {
                var terms: [String] = []
                for (resolved, item) in first.orderTerms { terms.append(try orderTerm(resolved, item)) }
                sql += " ORDER BY " + terms.joined(separator: ", ")
            }
        }
        var result = QueryResult(
            sql: sql, columns: columns, singleRow: grouped && select.groupBy.isEmpty && select.groupingSets == nil)
        if let kind = select.asKind {
            result = try selectAs(kind, result, offset: select.offset)
        }
        return result
    }

    /// `SELECT AS STRUCT` (one STRUCT column) and `SELECT AS VALUE` (the single column).
    private func selectAs(_ kind: String, _ result: QueryResult, offset: Int) throws(BigQuerySQLError) -> QueryResult {
        if kind == "VALUE" {
            guard result.columns.count == 1 else {
                throw BigQuerySQLError(.invalid, "SELECT AS VALUE query must have exactly one column", offset: offset)
            }
            var copy = result
            copy.columns[0].name = ""
            return copy
        }
        let fields = result.columns.map { SQLType.StructField(name: $0.name, type: $0.type) }
        let values = result.columns.map { jsonElement(Resolved(sql: sqlName($0.sqlName), type: $0.type)) }
        return QueryResult(
            sql: "SELECT json_array(\(values.joined(separator: ", "))) AS _c0 FROM (\(result.sql))",
            columns: [OutputColumn(name: "", type: .structure(fields), sqlName: "_c0")], singleRow: result.singleRow)
    }

    func requireBool(_ resolved: Resolved, _ expression: Expression, _ clause: String) throws(BigQuerySQLError) {
        guard resolved.type == .bool || resolved.isNullLiteral else {
            throw BigQuerySQLError(
                .type, "\(clause) should return type BOOL, but returns \(resolved.type)", offset: start(of: expression))
        }
    }

    func requireGrouped(_ resolved: Resolved, _ clause: String) throws(BigQuerySQLError) {
        if let column = resolved.ungrouped {
            throw BigQuerySQLError(
                .invalid,
                "\(clause) expression references column \(column.text) which is neither grouped nor aggregated",
                offset: column.offset)
        }
    }

    /// A pre-resolved star column checked against the GROUP BY keys.
    func checkGrouped(_ resolved: Resolved, groupKeys: Set<String>?, at offset: Int) throws(BigQuerySQLError)
        -> Resolved
    {
        var copy = resolved
        if let keys = groupKeys, !keys.contains(resolved.sql) {
            copy.ungrouped = Name(text: resolved.column?.name ?? "*", offset: offset)
        }
        return copy
    }

    /// A GROUP BY item: an ordinal, a SELECT-list alias, or an expression over the FROM clause.
    func groupKey(_ expression: Expression, items: [SelectListItem], base: Context) throws(BigQuerySQLError)
        -> Resolved
    {
        var context = base
        context.clause = "GROUP BY clause"
        var resolved: Resolved
        if case .integer(let text) = expression.kind, let n = Int(text) {
            guard n >= 1, n <= items.count else {
                throw BigQuerySQLError(.invalid, "GROUP BY column number out of range: \(n)", offset: expression.offset)
            }
            let item = items[n - 1]
            if let inner = item.expression {
                if containsAggregate(inner) {
                    throw BigQuerySQLError(
                        .invalid, "GROUP BY refers to a SELECT-list expression with an aggregate function",
                        offset: expression.offset)
                }
                resolved = try resolve(inner, context)
            } else if let pre = item.resolved {
                resolved = pre
            } else {
                throw BigQuerySQLError(.invalid, "GROUP BY column number out of range: \(n)", offset: expression.offset)
            }
        } else if case .path(let names) = expression.kind, names.count == 1,
            base.scope.columns(named: names[0].text).isEmpty,
            let item = items.first(where: { $0.name.lowercased() == names[0].text.lowercased() }),
            let inner = item.expression
        {
            if containsAggregate(inner) {
                throw BigQuerySQLError(
                    .invalid, "GROUP BY refers to a SELECT-list expression with an aggregate function",
                    offset: expression.offset)
            }
            resolved = try resolve(inner, context)
        } else {
            resolved = try resolve(expression, context)
        }
        guard resolved.type.isGroupable else {
            throw BigQuerySQLError(
                .type, "Grouping by expressions of type \(resolved.type) is not allowed", offset: expression.offset)
        }
        return resolved
    }
}
