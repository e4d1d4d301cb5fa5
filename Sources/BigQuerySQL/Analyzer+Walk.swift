extension Analyzer {
    /// Whether an expression calls an aggregate function outside subqueries and OVER clauses.
    func containsAggregate(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .call(let call):
            if call.over == nil, call.name.count == 1,
                FunctionSignatures.aggregates.contains(call.name[0].text.uppercased())
            {
                return true
            }
            return call.arguments.contains(where: containsAggregate)
        case .unary(_, let a), .field(let a, _), .cast(let a, _, _, _), .interval(let a, _, _),
            .isValue(let a, _, _), .inSubquery(let a, _, _):
            return containsAggregate(a)
        case .extract(_, let a, let zone):
            return containsAggregate(a) || (zone.map(containsAggregate) ?? false)
        case .binary(_, let a, let b), .isDistinct(let a, let b, _), .like(let a, let b, _), .inUnnest(let a, let b, _),
            .element(let a, _, let b):
            return containsAggregate(a) || containsAggregate(b)
        case .between(let a, let b, let c, _):
            return containsAggregate(a) || containsAggregate(b) || containsAggregate(c)
        case .inList(let a, let items, _):
            return containsAggregate(a) || items.contains(where: containsAggregate)
        case .caseWhen(let operand, let whens, let otherwise):
            return (operand.map(containsAggregate) ?? false)
                || whens.contains { containsAggregate($0.0) || containsAggregate($0.1) }
                || (otherwise.map(containsAggregate) ?? false)
        case .array(_, let items):
            return items.contains(where: containsAggregate)
        case .structure(_, let fields):
            return fields.contains { containsAggregate($0.0) }
        default:
            return false
        }
    }

    /// Records BigQuery's partition pruning for the WHERE clause of a SELECT over base tables.
    ///
    /// BigQuery prunes on top-level AND terms that compare the bare partition column with constant
    /// expressions: `=`, `<`, `<=`, `>`, `>=`, `BETWEEN`, `IN (...)`. Any other use of the partition column
    /// in WHERE does not prune and draws a warning.
    func notePartitionFilters(_ condition: Expression, scope: Scope) throws(BigQuerySQLError) {
        var terms: [Expression] = []
        func flatten(_ e: Expression) {
            if case .binary("AND", let a, let b) = e.kind {
                flatten(a)
                flatten(b)
            } else {
                terms.append(e)
            }
        }
        flatten(condition)
        let context = Context(scope: scope, clause: "WHERE clause")
        func partitionColumn(_ e: Expression) -> ColumnUse? {
            guard case .path = e.kind, let r = try? resolve(e, context), let use = r.column,
                scans[use.scan].table.partitionColumn?.lowercased() == use.name.lowercased()
            else { return nil }
            return use
        }
        func constantDate(_ e: Expression) -> String? {
            // DATE_ADD/DATE_SUB of a constant date by whole days or weeks is a constant BigQuery prunes on.
            if case .call(let call) = e.kind, call.name.count == 1, call.arguments.count == 2, call.over == nil,
                ["DATE_ADD", "DATE_SUB"].contains(call.name[0].text.uppercased()),
                case .interval(let amount, let unit, nil) = call.arguments[1].kind,
                case .integer(let text) = amount.kind, let n = Int(text), abs(n) < 3_000_000,
                unit == "DAY" || unit == "WEEK", let base = constantDate(call.arguments[0])
            {
                let days = n * (unit == "WEEK" ? 7 : 1) * (call.name[0].text.uppercased() == "DATE_SUB" ? -1 : 1)
                let shifted = CivilLiteral.shifted(base, by: days)
                return shifted.hasPrefix("0000") || shifted.count != 10 ? nil : shifted
            }
            guard let r = try? resolve(e, context), r.isConstant,
                let d = try? coerce(r, to: .date, at: 0, what: "literal"), d.sql.hasPrefix("'"), d.sql.count == 12
            else { return nil }
            return String(d.sql.dropFirst().dropLast())
        }
        for term in terms {
            var use: ColumnUse? = nil
            var ranges: [ClosedRange<String>]? = nil
            switch term.kind {
            case .binary(let op, let a, let b) where ["=", "<", "<=", ">", ">="].contains(op):
                var (column, value, flipped) = (partitionColumn(a), b, false)
                if column == nil {
                    (column, value, flipped) = (partitionColumn(b), a, true)
                }
                if let column, let date = constantDate(value) {
                    use = column
                    var relation = op
                    if flipped { relation = ["<": ">", "<=": ">=", ">": "<", ">=": "<="][op] ?? op }
                    // Partitions are whole days, so a strict bound drops the boundary day.
                    switch relation {
                    case "=": ranges = [date...date]
                    case "<=": ranges = ["0000-00-00"...date]
                    case "<": ranges = ["0000-00-00"...CivilLiteral.shifted(date, by: -1)]
                    case ">=": ranges = [date..."9999-99-99"]
                    default: ranges = [CivilLiteral.shifted(date, by: 1)..."9999-99-99"]
                    }
                }
            case .between(let value, let low, let high, false):
                if let column = partitionColumn(value), let lo = constantDate(low), let hi = constantDate(high) {
                    use = column
                    ranges = lo <= hi ? [lo...hi] : []
                }
            case .inList(let value, let items, false):
                if let column = partitionColumn(value) {
                    var dates: [ClosedRange<String>] = []
                    for item in items {
                        guard let date = constantDate(item) else {
                            dates = []
                            break
                        }
                        dates.append(date...date)
                    }
                    if dates.count == items.count {
                        use = column
                        ranges = dates
                    }
                }
            default:
                break
            }
            if let use, let ranges {
                scans[use.scan].partitionRanges = intersect(scans[use.scan].partitionRanges, ranges)
            } else if let name = mentionsPartitionColumn(term, context) {
                warnings.append(
                    (
                        "the filter on \(name) does not prune partitions: BigQuery prunes only when the bare "
                            + "partition column is compared with constant expressions", start(of: term)
                    ))
            }
        }
    }

    private func intersect(_ a: [ClosedRange<String>]?, _ b: [ClosedRange<String>]) -> [ClosedRange<String>] {
        guard let a else { return b }
        var result: [ClosedRange<String>] = []
        for x in a {
            for y in b {
                let lo = max(x.lowerBound, y.lowerBound)
                let hi = min(x.upperBound, y.upperBound)
                if lo <= hi { result.append(lo...hi) }
            }
        }
        return result
    }

    /// The partition column's name when `e` reads it anywhere (outside subqueries).
    private func mentionsPartitionColumn(_ e: Expression, _ context: Context) -> String? {
        switch e.kind {
        case .path:
            if let r = try? resolve(e, context), let use = r.column,
                scans[use.scan].table.partitionColumn?.lowercased() == use.name.lowercased()
            {
                return use.name
            }
            return nil
        case .call(let call):
            return call.arguments.lazy.compactMap { self.mentionsPartitionColumn($0, context) }.first
        case .unary(_, let a), .cast(let a, _, _, _), .isValue(let a, _, _), .extract(_, let a, _), .field(let a, _):
            return mentionsPartitionColumn(a, context)
        case .binary(_, let a, let b), .like(let a, let b, _), .isDistinct(let a, let b, _):
            return mentionsPartitionColumn(a, context) ?? mentionsPartitionColumn(b, context)
        case .between(let a, let b, let c, _):
            return mentionsPartitionColumn(a, context) ?? mentionsPartitionColumn(b, context)
                ?? mentionsPartitionColumn(c, context)
        case .inList(let a, let items, _):
            return mentionsPartitionColumn(a, context)
                ?? items.lazy.compactMap { self.mentionsPartitionColumn($0, context) }.first
        default:
            return nil
        }
    }
}
