extension Parser {
    /// An expression at the lowest precedence (`OR`).
    mutating func parseExpression() throws(BigQuerySQLError) -> Expression {
        var left = try parseAnd()
        while current.isKeyword("OR") {
            let at = advance().offset
            left = Expression(kind: .binary("OR", left, try parseAnd()), offset: at)
        }
        return left
    }

    mutating func parseAnd() throws(BigQuerySQLError) -> Expression {
        var left = try parseNot()
        while current.isKeyword("AND") {
            let at = advance().offset
            left = Expression(kind: .binary("AND", left, try parseNot()), offset: at)
        }
        return left
    }

    mutating func parseNot() throws(BigQuerySQLError) -> Expression {
        if current.isKeyword("NOT") {
            let at = advance().offset
            return Expression(kind: .unary("NOT", try parseNot()), offset: at)
        }
        return try parseComparison()
    }

    /// Comparisons, `LIKE`, `BETWEEN`, `IN` and `IS`: not associative in GoogleSQL.
    mutating func parseComparison() throws(BigQuerySQLError) -> Expression {
        let left = try parseBitOr()
        let at = current.offset
        if case .symbol(let op) = current.kind, ["=", "!=", "<>", "<", "<=", ">", ">="].contains(op) {
            position += 1
            let right = try parseBitOr()
            return Expression(kind: .binary(op == "<>" ? "!=" : op, left, right), offset: at)
        }
        if accept(keyword: "IS") {
            let negated = accept(keyword: "NOT")
            if accept(keyword: "NULL") { return Expression(kind: .isValue(left, nil, negated: negated), offset: at) }
            if accept(keyword: "TRUE") { return Expression(kind: .isValue(left, true, negated: negated), offset: at) }
            if accept(keyword: "FALSE") {
                return Expression(kind: .isValue(left, false, negated: negated), offset: at)
            }
            if accept(keyword: "DISTINCT") {
                try expect(keyword: "FROM")
                return Expression(kind: .isDistinct(left, try parseBitOr(), negated: negated), offset: at)
            }
            throw unexpected()
        }
        let negated = accept(keyword: "NOT")
        if accept(keyword: "LIKE") {
            if current.isKeyword("ANY") || current.isKeyword("ALL") || current.isKeyword("SOME") {
                throw .unsupported("LIKE \(current.described)", at: current.offset)
            }
            return Expression(kind: .like(left, try parseBitOr(), negated: negated), offset: at)
        }
        if accept(keyword: "BETWEEN") {
            let low = try parseBitOr()
            try expect(keyword: "AND")
            let high = try parseBitOr()
            return Expression(kind: .between(left, low, high, negated: negated), offset: at)
        }
        if accept(keyword: "IN") {
            if accept(keyword: "UNNEST") {
                try expect(symbol: "(")
                let array = try parseExpression()
                try expect(symbol: ")")
                return Expression(kind: .inUnnest(left, array, negated: negated), offset: at)
            }
            try expect(symbol: "(")
            if current.isKeyword("SELECT") || current.isKeyword("WITH") {
                let query = try parseQuery()
                try expect(symbol: ")")
                return Expression(kind: .inSubquery(left, query, negated: negated), offset: at)
            }
            var items: [Expression] = []
            repeat { items.append(try parseExpression()) } while accept(symbol: ",")
            try expect(symbol: ")")
            return Expression(kind: .inList(left, items, negated: negated), offset: at)
        }
        if negated { throw expected("keyword LIKE, keyword BETWEEN or keyword IN") }
        return left
    }

    mutating func parseBitOr() throws(BigQuerySQLError) -> Expression {
        try parseBinary(["|"]) { (p: inout Parser) throws(BigQuerySQLError) in
            try p.parseBinary(["^"]) { (p: inout Parser) throws(BigQuerySQLError) in
                try p.parseBinary(["&"]) { (p: inout Parser) throws(BigQuerySQLError) in
                    try p.parseBinary(["<<", ">>"]) { (p: inout Parser) throws(BigQuerySQLError) in
                        try p.parseAdditive()
                    }
                }
            }
        }
    }

    mutating func parseAdditive() throws(BigQuerySQLError) -> Expression {
        try parseBinary(["+", "-"]) { (p: inout Parser) throws(BigQuerySQLError) in try p.parseMultiplicative() }
    }

    mutating func parseMultiplicative() throws(BigQuerySQLError) -> Expression {
        try parseBinary(["*", "/", "||"]) { (p: inout Parser) throws(BigQuerySQLError) in try p.parseUnary() }
    }

    /// Left-associative binary operators over `operand`.
    mutating func parseBinary(
        _ operators: [String], operand: (inout Parser) throws(BigQuerySQLError) -> Expression
    ) throws(BigQuerySQLError) -> Expression {
        var left = try operand(&self)
        while case .symbol(let op) = current.kind, operators.contains(op) {
            let at = advance().offset
            left = Expression(kind: .binary(op, left, try operand(&self)), offset: at)
        }
        return left
    }

    mutating func parseUnary() throws(BigQuerySQLError) -> Expression {
        let at = current.offset
        if accept(symbol: "-") {
            // A negative number literal stays a literal so that -9223372036854775808 is an INT64.
            if case .integer(let text) = current.kind, !text.hasPrefix("0x"), !text.hasPrefix("0X") {
                position += 1
                return try parsePostfix(Expression(kind: .integer("-" + text), offset: at))
            }
            return Expression(kind: .unary("-", try parseUnary()), offset: at)
        }
        if accept(symbol: "+") { return Expression(kind: .unary("+", try parseUnary()), offset: at) }
        if accept(symbol: "~") { return Expression(kind: .unary("~", try parseUnary()), offset: at) }
        return try parsePostfix(try parsePrimary())
    }

    /// Subscripts `[OFFSET(i)]` and field access `.name` after a primary expression.
    mutating func parsePostfix(_ base: Expression) throws(BigQuerySQLError) -> Expression {
        var expression = base
        while true {
            let at = current.offset
            if accept(symbol: "[") {
                var accessor = "OFFSET"
                let index: Expression
                if atName, peek(1).isSymbol("("),
                    case .identifier(let word) = current.kind,
                    ["OFFSET", "ORDINAL", "SAFE_OFFSET", "SAFE_ORDINAL"].contains(word.uppercased())
                {
                    accessor = word.uppercased()
                    position += 2
                    index = try parseExpression()
                    try expect(symbol: ")")
                } else {
                    index = try parseExpression()
                }
                try expect(symbol: "]")
                expression = Expression(kind: .element(expression, accessor, index), offset: at)
            } else if current.isSymbol("."), case .path = expression.kind {
                // Paths are built in parsePrimary; this only follows other expressions.
                break
            } else if accept(symbol: ".") {
                expression = Expression(kind: .field(expression, try parseName()), offset: at)
            } else {
                return expression
            }
        }
        return expression
    }
}
