/// One grouping set of a SELECT: the keys it groups by, and the keys it rolls up (NULL in its rows).
struct GroupingBranch {
    /// Every GROUP BY key's SQL (what may be referenced), or `nil` when the query is not grouped.
    var keys: Set<String>?
    /// The SQLite GROUP BY terms of this set.
    var groupSQL: [String]
    /// Keys of the query not in this set.
    var nulled: Set<String>
}

/// The SELECT list, HAVING, QUALIFY and ORDER BY of one grouping set.
struct BranchResult {
    var outputs: [(resolved: Resolved, name: String)]
    var havingSQL: String
    var qualifySQL: String?
    var orderTerms: [(Resolved, OrderItem)]
}

extension Analyzer {
    /// The grouping sets of `select`: one for a plain or absent GROUP BY, one per set with ROLLUP, CUBE and
    /// GROUPING SETS (BigQuery's "GROUP BY clause": in a set's rows the keys it does not group by are NULL).
    func groupingBranches(_ select: Select, grouped: Bool, items: [SelectListItem], base: Context)
        throws(BigQuerySQLError) -> [GroupingBranch]
    {
        guard grouped else { return [GroupingBranch(keys: nil, groupSQL: [], nulled: [])] }
        var keys: [String] = []
        for expression in select.groupBy { keys.append(try groupKey(expression, items: items, base: base).sql) }
        let all = Set(keys)
        guard let sets = select.groupingSets else { return [GroupingBranch(keys: all, groupSQL: keys, nulled: [])] }
        return sets.map { set in
            var groupSQL: [String] = []
            for index in set where !groupSQL.contains(keys[index]) { groupSQL.append(keys[index]) }
            return GroupingBranch(keys: all, groupSQL: groupSQL, nulled: all.subtracting(groupSQL))
        }
    }

    /// `GROUPING(key)`: 1 in the rows of a grouping set that rolls `key` up, else 0.
    func grouping(_ call: FunctionCall, _ context: Context, at: Int) throws(BigQuerySQLError) -> Resolved {
        guard call.arguments.count == 1, !call.distinct, !call.star, call.over == nil else {
            throw BigQuerySQLError(.type, "Number of arguments does not match for function GROUPING", offset: at)
        }
        guard context.allowAggregate, let keys = context.groupKeys else {
            throw BigQuerySQLError(.invalid, "GROUPING function not allowed in \(context.clause)", offset: at)
        }
        var inner = context
        inner.nulledKeys = []
        inner.aliases = [:]
        let key = try resolve(call.arguments[0], inner)
        guard keys.contains(key.sql) else {
            throw BigQuerySQLError(
                .invalid, "GROUPING must have an argument that exists within the group-by expression list",
                offset: call.arguments[0].offset)
        }
        return Resolved(sql: context.nulledKeys.contains(key.sql) ? "1" : "0", type: .int64)
    }

    /// The SELECT list, HAVING, QUALIFY and ORDER BY of `select` for one grouping set.
    func translateBranch(
        _ select: Select, items: [SelectListItem], base: Context, branch: GroupingBranch, orderBy: [OrderItem]
    ) throws(BigQuerySQLError) -> BranchResult {
        var selectContext = base
        selectContext.groupKeys = branch.keys
        selectContext.nulledKeys = branch.nulled
        selectContext.allowAggregate = true
        selectContext.allowWindow = true
        var outputs: [(resolved: Resolved, name: String)] = []
        var aliases: [String: Resolved] = [:]
        for item in items {
            var resolved: Resolved
            if let expression = item.expression {
                resolved = try resolve(expression, selectContext)
            } else if let pre = item.resolved {
                resolved = try checkGrouped(pre, groupKeys: branch.keys, at: item.offset)
                if branch.nulled.contains(resolved.sql) { resolved = Resolved(sql: "NULL", type: resolved.type) }
            } else {
                continue
            }
            if let column = resolved.ungrouped {
                throw BigQuerySQLError(
                    .invalid,
                    "SELECT list expression references column \(column.text) which is neither grouped nor aggregated",
                    offset: column.offset)
            }
            if !item.name.isEmpty { aliases[item.name.lowercased()] = resolved }
            outputs.append((resolved, item.name))
        }
        var clauseContext = selectContext
        clauseContext.aliases = aliases
        var result = BranchResult(outputs: outputs, havingSQL: "", qualifySQL: nil, orderTerms: [])
        if let having = select.having {
            clauseContext.clause = "HAVING clause"
            clauseContext.allowWindow = false
            let resolved = try resolve(having, clauseContext)
            try requireBool(resolved, having, "HAVING clause")
            try requireGrouped(resolved, "HAVING clause")
            result.havingSQL = " HAVING " + resolved.sql
        }
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
            result.qualifySQL = resolved.sql
        }
        for item in orderBy {
            clauseContext.clause = "ORDER BY clause"
            clauseContext.allowWindow = true
            var resolved: Resolved
            if case .integer(let text) = item.expression.kind, let n = Int(text) {
                guard n >= 1, n <= outputs.count else {
                    throw BigQuerySQLError(
                        .invalid, "ORDER BY column number out of range: \(n)", offset: item.expression.offset)
                }
                resolved = outputs[n - 1].resolved
            } else {
                resolved = try resolve(item.expression, clauseContext)
            }
            try requireGrouped(resolved, "ORDER BY clause")
            result.orderTerms.append((resolved, item))
        }
        return result
    }
}
