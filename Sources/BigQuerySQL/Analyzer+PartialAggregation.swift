extension Analyzer {
    /// Translates `select` as a two-level aggregate (see ``PartialAggregation``) when it qualifies: a
    /// top-level grouped SELECT over one partitioned base table. Nil when it does not, and the caller
    /// translates it as usual; the analyzer's scans, warnings and fresh names are then as if this was never tried.
    func translatePartially(_ select: Select, outer: Scope?, orderBy: [OrderItem]) throws(BigQuerySQLError)
        -> QueryResult?
    {
        if partial != nil {
            if partial?.entered == true { partial?.blocked = true } else { partial?.entered = true }
            return nil
        }
        guard plansPartialAggregates, outer == nil, !select.groupBy.isEmpty, select.groupingSets == nil,
            select.qualify == nil,
            select.windows.isEmpty, case .table(let path, _, _)? = select.from, let last = path.last,
            !(path.count == 1 && cte(named: last.text) != nil),
            !path.contains(where: { $0.text.uppercased() == "INFORMATION_SCHEMA" }),
            let table = catalog.tables.first(where: { $0.reference.table == last.text }),
            let partitionColumn = table.partitionColumn
        else { return nil }
        let (savedScans, savedWarnings, savedCounter) = (scans, warnings, counter)
        partial = PartialAggregation(scan: scans.count, partitionColumn: partitionColumn)
        defer { partial = nil }
        // An error is left to the general path to report, exactly as it would without this plan.
        if let result = try? translate(select, outer: outer, orderBy: orderBy), partial?.blocked == false {
            return result
        }
        scans = savedScans
        warnings = savedWarnings
        counter = savedCounter
        return nil
    }

    /// An aggregate of the planned SELECT as the outer query's combination of its inner partial column.
    func partialAggregate(_ result: Resolved, _ call: FunctionCall, name: String, _ args: [Resolved]) -> Resolved {
        guard var plan = partial, plan.entered, !plan.blocked, plan.scan < scans.count else { return result }
        guard let combiner = PartialAggregation.combiner(call, name: name, args) else {
            partial?.blocked = true
            return result
        }
        let column = plan.column(for: result.sql)
        partial = plan
        var combined = result
        combined.sql = "\(combiner)(\(scans[plan.scan].alias).\(sqlName(column)))"
        return combined
    }

    /// Turns the planned SELECT's FROM and WHERE into the inner query, after checking that every GROUP BY
    /// key is a plain column or a function of the partition column alone, and that the outer query reads
    /// nothing else; blocks the plan otherwise.
    func partialInner(
        from fromSQL: inout String, where whereTerms: inout [String], groupBy keys: [String], outer: [String]
    ) {
        guard let plan = partial, plan.entered, !plan.blocked, plan.scan < scans.count else { return }
        guard !keys.isEmpty else {
            partial?.blocked = true
            return
        }
        let scan = scans[plan.scan]
        let columns = Set(scan.table.columns.map(\.name))
        var inner = [plan.partitionColumn]
        for key in keys {
            let references = PartialAggregation.references(in: key, alias: scan.alias)
            if references.count == 1, key == "\(scan.alias).\(sqlName(references[0]))",
                columns.contains(references[0])
            {
                if !inner.contains(references[0]) { inner.append(references[0]) }
            } else if !references.allSatisfy({ $0 == plan.partitionColumn }) || key.contains("random(") {
                partial?.blocked = true
                return
            }
        }
        let readable = Set(inner + plan.partials.map(\.name))
        for sql in outer + keys
        where !PartialAggregation.references(in: sql, alias: scan.alias).allSatisfy(readable.contains) {
            partial?.blocked = true
            return
        }
        let innerKeys = inner.map { "\(scan.alias).\(sqlName($0))" }
        let items =
            zip(innerKeys, inner).map { "\($0) AS \(sqlName($1))" }
            + plan.partials.map {
                "\($0.sql) AS \(sqlName($0.name))"
            }
        let whereSQL = whereTerms.isEmpty ? "" : " WHERE " + whereTerms.joined(separator: " AND ")
        fromSQL =
            " FROM (SELECT \(items.joined(separator: ", "))\(fromSQL)\(whereSQL) GROUP BY "
            + "\(innerKeys.joined(separator: ", "))) AS \(scan.alias)"
        whereTerms = []
    }
}
