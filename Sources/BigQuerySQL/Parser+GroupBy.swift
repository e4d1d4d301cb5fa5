extension Parser {
    /// BigQuery's limit on the grouping sets one GROUP BY may produce.
    static let maximumGroupingSets = 4096

    /// The items of `GROUP BY`: expressions, `ROLLUP(...)`, `CUBE(...)`, `GROUPING SETS(...)` and `()`.
    ///
    /// Each item is a factor, a list of alternative grouping sets (an expression is the one set of itself); the
    /// query's grouping sets are the cross product of the factors, concatenated ("GROUP BY clause": `ROLLUP(a,
    /// b)` is `GROUPING SETS((a, b), (a), ())`, `CUBE(a, b)` is `GROUPING SETS((a, b), (a), (b), ())`).
    mutating func parseGroupBy(into select: inout Select) throws(BigQuerySQLError) {
        var factors: [[[Int]]] = []
        var plain = true
        repeat {
            let at = current.offset
            if current.isKeyword("ROLLUP") || current.isKeyword("CUBE") {
                let cube = current.isKeyword("CUBE")
                position += 1
                try expect(symbol: "(")
                var units: [[Int]] = []
                repeat {
                    units.append(try parseGroupingUnit(into: &select, allowEmpty: false))
                } while accept(symbol: ",")
                try expect(symbol: ")")
                factors.append(cube ? try Self.cube(units, at: at) : Self.rollup(units))
                plain = false
            } else if current.isKeyword("GROUPING"), peek(1).isWord("SETS") {
                position += 2
                try expect(symbol: "(")
                var sets: [[Int]] = []
                repeat { sets.append(try parseGroupingUnit(into: &select, allowEmpty: true)) } while accept(symbol: ",")
                try expect(symbol: ")")
                factors.append(sets)
                plain = false
            } else if current.isSymbol("("), peek(1).isSymbol(")") {
                position += 2
                factors.append([[]])
                plain = false
            } else {
                select.groupBy.append(try parseExpression())
                factors.append([[select.groupBy.count - 1]])
            }
        } while accept(symbol: ",")
        guard !plain else { return }
        var sets: [[Int]] = [[]]
        for factor in factors {
            var next: [[Int]] = []
            for prefix in sets {
                for set in factor { next.append(prefix + set) }
            }
            guard next.count <= Self.maximumGroupingSets else {
                throw .syntax(
                    "GROUP BY produces more than \(Self.maximumGroupingSets) grouping sets", at: select.offset)
            }
            sets = next
        }
        select.groupingSets = sets
    }

    /// One unit of ROLLUP/CUBE/GROUPING SETS: an expression, a parenthesized list of them, or `()`.
    private mutating func parseGroupingUnit(into select: inout Select, allowEmpty: Bool) throws(BigQuerySQLError)
        -> [Int]
    {
        if current.isSymbol("("), peek(1).isSymbol(")") {
            guard allowEmpty else { throw unexpected() }
            position += 2
            return []
        }
        let expression = try parseExpression()
        if case .structure(nil, let fields) = expression.kind, fields.allSatisfy({ $0.1 == nil }) {
            var indexes: [Int] = []
            for (field, _) in fields {
                select.groupBy.append(field)
                indexes.append(select.groupBy.count - 1)
            }
            return indexes
        }
        select.groupBy.append(expression)
        return [select.groupBy.count - 1]
    }

    /// `ROLLUP(u1, ..., un)`: the prefixes, longest first, down to the empty set.
    static func rollup(_ units: [[Int]]) -> [[Int]] {
        (0...units.count).reversed().map { Array(units.prefix($0).joined()) }
    }

    /// `CUBE(u1, ..., un)`: every subset, the full set first and the empty set last.
    static func cube(_ units: [[Int]], at: Int) throws(BigQuerySQLError) -> [[Int]] {
        guard units.count <= 12 else {
            throw .syntax("GROUP BY produces more than \(maximumGroupingSets) grouping sets", at: at)
        }
        let count = 1 << units.count
        return (0..<count).reversed().map { mask in
            var set: [Int] = []
            for (index, unit) in units.enumerated() where mask & (1 << (units.count - 1 - index)) != 0 {
                set += unit
            }
            return set
        }
    }
}
