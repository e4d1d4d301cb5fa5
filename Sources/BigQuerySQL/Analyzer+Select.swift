/// What an expression is analyzed in: its scope, clause, grouping and what it may contain.
struct Context {
    var scope: Scope
    /// The clause, for messages: `SELECT list`, `WHERE clause`, `HAVING clause`, ...
    var clause: String
    /// The GROUP BY keys' SQL when the query is grouped.
    var groupKeys: Set<String>? = nil
    var allowAggregate = false
    var allowWindow = false
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
        if let from = select.from {
            fromSQL = " FROM " + (try translateFrom(from, scope: scope))
        }
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
            || (select.having.map(containsAggregate) ?? false) || select.having != nil
        var groupSQL: [String] = []
        var groupKeys: Set<String>? = nil
        if grouped {
            var keys = Set<String>()
            for expression in select.groupBy {
                let key = try groupKey(expression, items: items, base: base)
                keys.insert(key.sql)
                groupSQL.append(key.sql)
            }
            groupKeys = keys
        }

        // The SELECT list in its final context.
        var selectContext = base
        selectContext.groupKeys = groupKeys
        selectContext.allowAggregate = true
        selectContext.allowWindow = true
        var outputs: [(Resolved, String, Int)] = []
        var aliases: [String: Resolved] = [:]
        var anonymous = 0
        for item in items {
            let resolved: Resolved
            if let expression = item.expression {
                resolved = try resolve(expression, selectContext)
            } else if let pre = item.resolved {
                resolved = try checkGrouped(pre, groupKeys: groupKeys, at: item.offset)
            } else {
                continue
            }
            if let column = resolved.ungrouped {
                throw BigQuerySQLError(
                    .invalid,
                    "SELECT list expression references column \(column.text) which is neither grouped nor aggregated",
                    offset: column.offset)
            }
            var name = item.name
            if name.isEmpty && !item.explicitlyNamed {
                name = "f\(anonymous)_"
                anonymous += 1
            }
            if !item.name.isEmpty { aliases[item.name.lowercased()] = resolved }
            outputs.append((resolved, item.name, item.offset))
            _ = name
        }
        var names: [String] = []
        anonymous = 0
        for (_, name, _) in outputs {
            if name.isEmpty {
                names.append("")
            } else {
                names.append(name)
            }
        }

        var clauseContext = selectContext
        clauseContext.aliases = aliases
        var havingSQL = ""
        if let having = select.having {
            clauseContext.clause = "HAVING clause"
            clauseContext.allowWindow = false
            let resolved = try resolve(having, clauseContext)
            try requireBool(resolved, having, "HAVING clause")
            try requireGrouped(resolved, "HAVING clause")
            havingSQL = " HAVING " + resolved.sql
        }
        var qualifySQL: String? = nil
        if let qualify = select.qualify {
            clauseContext.clause = "QUALIFY clause"
            clauseContext.allowWindow = true
            let resolved = try resolve(qualify, clauseContext)
            try requireBool(resolved, qualify, "QUALIFY clause")
            try requireGrouped(resolved, "QUALIFY clause")
            guard resolved.hasWindow else {
                throw BigQuerySQLError(
                    .invalid, "QUALIFY clause must be used in conjunction with WHERE or GROUP BY or HAVING clause",
                    offset: qualify.offset)
            }
            qualifySQL = resolved.sql
        }
        var orderTerms: [(Resolved, OrderItem)] = []
        for item in orderBy {
            clauseContext.clause = "ORDER BY clause"
            clauseContext.allowWindow = true
            var resolved: Resolved
            if case .integer(let text) = item.expression.kind, let n = Int(text) {
                guard n >= 1, n <= outputs.count else {
                    throw BigQuerySQLError(
                        .invalid, "ORDER BY column number out of range: \(n)", offset: item.expression.offset)
                }
                resolved = outputs[n - 1].0
            } else {
                resolved = try resolve(item.expression, clauseContext)
            }
            try requireGrouped(resolved, "ORDER BY clause")
            orderTerms.append((resolved, item))
        }

        var columns: [OutputColumn] = []
        var selectList: [String] = []
        for (index, output) in outputs.enumerated() {
            let name = "_c\(index)"
            selectList.append("\(output.0.sql) AS \(name)")
            columns.append(OutputColumn(name: names[index], type: output.0.type, sqlName: name))
        }
        if select.distinct {
            for column in columns where !column.type.isGroupable {
                throw BigQuerySQLError(
                    .type, "SELECT DISTINCT cannot be used with type \(column.type)", offset: select.offset)
            }
        }
        partialInner(
            from: &fromSQL, where: &whereTerms, groupBy: groupSQL,
            outer: selectList + [havingSQL, qualifySQL ?? ""] + orderTerms.map { orderKey($0.0) })
        let whereSQL = whereTerms.isEmpty ? "" : " WHERE " + whereTerms.joined(separator: " AND ")
        let groupBySQL = groupSQL.isEmpty ? "" : " GROUP BY " + groupSQL.joined(separator: ", ")
        let distinct = select.distinct ? "DISTINCT " : ""
        if let qualifySQL {
            var inner = selectList + ["\(qualifySQL) AS _q"]
            var outerOrder: [String] = []
            for (index, term) in orderTerms.enumerated() {
                inner.append("\(orderKey(term.0)) AS _o\(index)")
                var key = "_o\(index)"
                if term.1.descending { key += " DESC" }
                if let first = term.1.nullsFirst { key += first ? " NULLS FIRST" : " NULLS LAST" }
                outerOrder.append(key)
            }
            let innerSQL = "SELECT \(inner.joined(separator: ", "))\(fromSQL)\(whereSQL)\(groupBySQL)\(havingSQL)"
            sql =
                "SELECT \(distinct)\(columns.map { sqlName($0.sqlName) }.joined(separator: ", ")) FROM (\(innerSQL)) WHERE _q"
            if !outerOrder.isEmpty { sql += " ORDER BY " + outerOrder.joined(separator: ", ") }
        } else {
            sql =
                "SELECT \(distinct)\(selectList.joined(separator: ", "))\(fromSQL)\(whereSQL)\(groupBySQL)\(havingSQL)"
            if !orderTerms.isEmpty {
                var terms: [String] = []
                for (resolved, item) in orderTerms { terms.append(try orderTerm(resolved, item)) }
                sql += " ORDER BY " + terms.joined(separator: ", ")
            }
        }
        var result = QueryResult(sql: sql, columns: columns, singleRow: grouped && select.groupBy.isEmpty)
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

    private func requireBool(_ resolved: Resolved, _ expression: Expression, _ clause: String) throws(BigQuerySQLError)
    {
        guard resolved.type == .bool || resolved.isNullLiteral else {
            throw BigQuerySQLError(
                .type, "\(clause) should return type BOOL, but returns \(resolved.type)", offset: start(of: expression))
        }
    }

    private func requireGrouped(_ resolved: Resolved, _ clause: String) throws(BigQuerySQLError) {
        if let column = resolved.ungrouped {
            throw BigQuerySQLError(
                .invalid,
                "\(clause) expression references column \(column.text) which is neither grouped nor aggregated",
                offset: column.offset)
        }
    }

    /// A pre-resolved star column checked against the GROUP BY keys.
    private func checkGrouped(_ resolved: Resolved, groupKeys: Set<String>?, at offset: Int) throws(BigQuerySQLError)
        -> Resolved
    {
        var copy = resolved
        if let keys = groupKeys, !keys.contains(resolved.sql) {
            copy.ungrouped = Name(text: resolved.column?.name ?? "*", offset: offset)
        }
        return copy
    }

    /// A GROUP BY item: an ordinal, a SELECT-list alias, or an expression over the FROM clause.
    private func groupKey(_ expression: Expression, items: [SelectListItem], base: Context) throws(BigQuerySQLError)
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
