extension Parser {
    /// `[WITH ...] body [ORDER BY ...] [LIMIT n [OFFSET m]]`.
    mutating func parseQuery() throws(BigQuerySQLError) -> Query {
        let start = current.offset
        var ctes: [CommonTableExpression] = []
        var recursive = false
        if accept(keyword: "WITH") {
            recursive = accept(keyword: "RECURSIVE")
            repeat {
                let name = try parseName()
                try expect(keyword: "AS")
                try expect(symbol: "(")
                let query = try parseQuery()
                try expect(symbol: ")")
                ctes.append(CommonTableExpression(name: name, query: query))
            } while accept(symbol: ",")
        }
        let body = try parseSetOperations()
        var query = Query(with: ctes, recursive: recursive, body: body, offset: start)
        if accept(keyword: "ORDER") {
            try expect(keyword: "BY")
            query.orderBy = try parseOrderItems()
        }
        if accept(keyword: "LIMIT") {
            query.limit = try parseExpression()
            if current.isSymbol(",") {
                throw .syntax("Unexpected \",\"", at: current.offset)
            }
            if accept(word: "OFFSET") { query.limitOffset = try parseExpression() }
        }
        return query
    }

    /// Set operations, left to right; BigQuery requires parentheses to mix different ones.
    mutating func parseSetOperations() throws(BigQuerySQLError) -> QueryBody {
        var left = try parseQueryPrimary()
        var firstOperator: String? = nil
        while current.isKeyword("UNION") || current.isKeyword("INTERSECT") || current.isKeyword("EXCEPT") {
            let token = advance()
            guard case .keyword(let word) = token.kind else { break }
            let modifier: String
            if accept(keyword: "ALL") {
                modifier = "ALL"
            } else if accept(keyword: "DISTINCT") {
                modifier = "DISTINCT"
            } else {
                throw expected("keyword ALL or keyword DISTINCT")
            }
            let op = word + " " + modifier
            if let firstOperator, firstOperator != op {
                throw .syntax(
                    "Different set operations cannot be used in the same query without using parentheses "
                        + "for grouping", at: token.offset)
            }
            firstOperator = op
            let right = try parseQueryPrimary()
            left = .setOperation(op, left, right, offset: token.offset)
        }
        return left
    }

    /// A `SELECT` or a parenthesized query.
    mutating func parseQueryPrimary() throws(BigQuerySQLError) -> QueryBody {
        if accept(symbol: "(") {
            let query = try parseQuery()
            try expect(symbol: ")")
            return .parenthesized(query)
        }
        guard current.isKeyword("SELECT") else {
            if current.isKeyword("WITH") {
                return .parenthesized(try parseQuery())
            }
            throw unexpected()
        }
        return .select(try parseSelect())
    }

    mutating func parseSelect() throws(BigQuerySQLError) -> Select {
        let start = current.offset
        try expect(keyword: "SELECT")
        var select = Select(offset: start)
        if accept(keyword: "DISTINCT") {
            select.distinct = true
        } else {
            _ = accept(keyword: "ALL")
        }
        if accept(keyword: "AS") {
            if accept(keyword: "STRUCT") {
                select.asKind = "STRUCT"
            } else if accept(word: "VALUE") {
                select.asKind = "VALUE"
            } else {
                throw expected("keyword STRUCT or keyword VALUE")
            }
        }
        repeat {
            if current.isKeyword("FROM") { throw unexpected() }
            select.items.append(try parseSelectItem())
        } while accept(symbol: ",") && !current.isKeyword("FROM")
        if accept(keyword: "FROM") { select.from = try parseFrom() }
        if accept(keyword: "WHERE") { select.whereClause = try parseExpression() }
        if accept(keyword: "GROUP") {
            try expect(keyword: "BY")
            try parseGroupBy(into: &select)
        }
        if accept(keyword: "HAVING") { select.having = try parseExpression() }
        if accept(keyword: "QUALIFY") { select.qualify = try parseExpression() }
        if accept(keyword: "WINDOW") {
            repeat {
                let name = try parseName()
                try expect(keyword: "AS")
                select.windows.append((name, try parseWindowSpecification()))
            } while accept(symbol: ",")
        }
        return select
    }

    mutating func parseSelectItem() throws(BigQuerySQLError) -> SelectItem {
        let start = current.offset
        if accept(symbol: "*") { return try parseStarModifiers(qualifier: [], offset: start) }
        // `alias.*`
        if atName {
            var ahead = 0
            while peek(ahead).kind != .end {
                switch peek(ahead).kind {
                case .identifier, .quotedIdentifier: break
                default: ahead = -1
                }
                if ahead < 0 || !peek(ahead + 1).isSymbol(".") { break }
                if peek(ahead + 2).isSymbol("*") {
                    var qualifier: [Name] = []
                    repeat {
                        qualifier.append(try parseName())
                        try expect(symbol: ".")
                    } while !current.isSymbol("*")
                    position += 1
                    return try parseStarModifiers(qualifier: qualifier, offset: start)
                }
                ahead += 2
            }
        }
        let expression = try parseExpression()
        return .expression(expression, alias: try parseAlias())
    }

    mutating func parseStarModifiers(qualifier: [Name], offset: Int) throws(BigQuerySQLError) -> SelectItem {
        var except: [Name] = []
        var replace: [(Expression, Name)] = []
        if accept(keyword: "EXCEPT") {
            try expect(symbol: "(")
            repeat { except.append(try parseName()) } while accept(symbol: ",")
            try expect(symbol: ")")
        }
        if accept(word: "REPLACE") {
            try expect(symbol: "(")
            repeat {
                let expression = try parseExpression()
                try expect(keyword: "AS")
                replace.append((expression, try parseName()))
            } while accept(symbol: ",")
            try expect(symbol: ")")
        }
        return .star(qualifier: qualifier, except: except, replace: replace, offset: offset)
    }

    /// A `FROM` clause: items joined by commas and `JOIN`s, left to right.
    mutating func parseFrom() throws(BigQuerySQLError) -> FromItem {
        var left = try parseFromPrimary()
        while true {
            let start = current.offset
            if accept(symbol: ",") {
                left = .join(",", left, try parseFromPrimary(), on: nil, using: [], offset: start)
                continue
            }
            var kind = "INNER"
            if accept(keyword: "CROSS") {
                kind = "CROSS"
            } else if accept(keyword: "INNER") {
                kind = "INNER"
            } else if accept(keyword: "LEFT") {
                kind = "LEFT"
                _ = accept(keyword: "OUTER")
            } else if accept(keyword: "RIGHT") {
                kind = "RIGHT"
                _ = accept(keyword: "OUTER")
            } else if accept(keyword: "FULL") {
                kind = "FULL"
                _ = accept(keyword: "OUTER")
            } else if current.isKeyword("NATURAL") {
                throw .syntax("Natural join is not supported", at: current.offset)
            } else if !current.isKeyword("JOIN") {
                return left
            }
            try expect(keyword: "JOIN")
            let right = try parseFromPrimary()
            var on: Expression? = nil
            var using: [Name] = []
            if kind != "CROSS" {
                if accept(keyword: "ON") {
                    on = try parseExpression()
                } else if accept(keyword: "USING") {
                    try expect(symbol: "(")
                    repeat { using.append(try parseName()) } while accept(symbol: ",")
                    try expect(symbol: ")")
                } else if case .unnest = right {
                    // `JOIN UNNEST(...)` needs no condition.
                } else {
                    throw expected("keyword ON or keyword USING")
                }
            }
            left = .join(kind, left, right, on: on, using: using, offset: start)
        }
    }

    mutating func parseFromPrimary() throws(BigQuerySQLError) -> FromItem {
        let start = current.offset
        if accept(keyword: "UNNEST") {
            try expect(symbol: "(")
            let array = try parseExpression()
            try expect(symbol: ")")
            let alias = try parseAlias()
            var offsetName: Name? = nil
            if accept(keyword: "WITH") {
                let at = current.offset
                try expect(word: "OFFSET")
                offsetName = try parseAlias() ?? Name(text: "offset", offset: at)
            }
            return .unnest(array, alias: alias, withOffset: offsetName, offset: start)
        }
        if current.isSymbol("(") {
            // A parenthesized query, or a parenthesized join.
            var depth = 0
            var ahead = 0
            while peek(ahead).isSymbol("(") {
                depth += 1
                ahead += 1
            }
            if peek(ahead).isKeyword("SELECT") || peek(ahead).isKeyword("WITH") {
                position += 1
                let query = try parseQuery()
                try expect(symbol: ")")
                return .subquery(query, alias: try parseAlias(), offset: start)
            }
            position += 1
            let inner = try parseFrom()
            try expect(symbol: ")")
            _ = depth
            return inner
        }
        guard atName else { throw unexpected() }
        let path = try parsePath()
        if current.isSymbol("(") {
            throw .unsupported("table-valued function \(path.map(\.text).joined(separator: "."))", at: start)
        }
        if current.isKeyword("FOR") { throw .unsupported("FOR SYSTEM_TIME AS OF", at: current.offset) }
        if current.isKeyword("TABLESAMPLE") { throw .unsupported("TABLESAMPLE", at: current.offset) }
        return .table(path, alias: try parseAlias(), offset: start)
    }

    mutating func parseOrderItems() throws(BigQuerySQLError) -> [OrderItem] {
        var items: [OrderItem] = []
        repeat {
            var item = OrderItem(expression: try parseExpression())
            if accept(keyword: "DESC") {
                item.descending = true
            } else {
                _ = accept(keyword: "ASC")
            }
            if accept(keyword: "NULLS") {
                if accept(word: "FIRST") {
                    item.nullsFirst = true
                } else if accept(word: "LAST") {
                    item.nullsFirst = false
                } else {
                    throw expected("keyword FIRST or keyword LAST")
                }
            }
            items.append(item)
        } while accept(symbol: ",")
        return items
    }

    /// `(...)` after `OVER` or `AS` in a `WINDOW` clause, or a bare window name after `OVER`.
    mutating func parseWindowSpecification() throws(BigQuerySQLError) -> WindowSpecification {
        let start = current.offset
        if atName { return WindowSpecification(base: try parseName(), offset: start) }
        try expect(symbol: "(")
        var spec = WindowSpecification(offset: start)
        if atName { spec.base = try parseName() }
        if accept(keyword: "PARTITION") {
            try expect(keyword: "BY")
            repeat { spec.partitionBy.append(try parseExpression()) } while accept(symbol: ",")
        }
        if accept(keyword: "ORDER") {
            try expect(keyword: "BY")
            spec.orderBy = try parseOrderItems()
        }
        if current.isKeyword("ROWS") || current.isKeyword("RANGE") {
            let frameStart = current.offset
            guard case .keyword(let unit) = advance().kind else { throw unexpected() }
            var frame = WindowFrame(unit: unit, start: .currentRow, end: nil, offset: frameStart)
            if accept(keyword: "BETWEEN") {
                frame.start = try parseFrameBound()
                try expect(keyword: "AND")
                frame.end = try parseFrameBound()
            } else {
                frame.start = try parseFrameBound()
            }
            spec.frame = frame
        }
        try expect(symbol: ")")
        return spec
    }

    mutating func parseFrameBound() throws(BigQuerySQLError) -> WindowFrame.Bound {
        if accept(keyword: "UNBOUNDED") {
            if accept(keyword: "PRECEDING") { return .unboundedPreceding }
            try expect(keyword: "FOLLOWING")
            return .unboundedFollowing
        }
        if accept(keyword: "CURRENT") {
            try expect(word: "ROW")
            return .currentRow
        }
        let value = try parseAdditive()
        if accept(keyword: "PRECEDING") { return .preceding(value) }
        try expect(keyword: "FOLLOWING")
        return .following(value)
    }
}
