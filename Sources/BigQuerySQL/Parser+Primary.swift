extension Parser {
    /// Literals, names, calls, `CASE`, `CAST`, `EXTRACT`, arrays, structs, subqueries, parentheses.
    mutating func parsePrimary() throws(BigQuerySQLError) -> Expression {
        let token = current
        let at = token.offset
        switch token.kind {
        case .integer(let text):
            position += 1
            return Expression(kind: .integer(text), offset: at)
        case .float(let text):
            position += 1
            return Expression(kind: .float(text), offset: at)
        case .string(let text):
            position += 1
            return Expression(kind: .string(text), offset: at)
        case .bytes(let value):
            position += 1
            return Expression(kind: .bytes(value), offset: at)
        case .parameter(let name):
            position += 1
            return Expression(kind: .parameter(name), offset: at)
        case .symbol("("):
            return try parseParenthesized()
        case .symbol("["):
            return try parseArrayElements(type: nil, at: at)
        case .keyword(let word):
            return try parseKeywordPrimary(word, at: at)
        case .identifier(let word):
            let upper = word.uppercased()
            if case .string(let value) = peek(1).kind,
                ["DATE", "DATETIME", "TIME", "TIMESTAMP", "NUMERIC", "BIGNUMERIC", "JSON", "BIGDECIMAL", "DECIMAL"]
                    .contains(upper)
            {
                position += 2
                let type = upper == "DECIMAL" ? "NUMERIC" : upper == "BIGDECIMAL" ? "BIGNUMERIC" : upper
                return Expression(kind: .typedLiteral(type, value), offset: at)
            }
            if ["CURRENT_DATE", "CURRENT_DATETIME", "CURRENT_TIME", "CURRENT_TIMESTAMP"].contains(upper),
                !peek(1).isSymbol("("), !peek(1).isSymbol(".")
            {
                // BigQuery takes these without parentheses too.
                position += 1
                return Expression(
                    kind: .call(FunctionCall(name: [Name(text: word, offset: at)], arguments: [])), offset: at)
            }
            if upper == "SAFE_CAST" && peek(1).isSymbol("(") {
                position += 1
                return try parseCast(safe: true, at: at)
            }
            return try parseNameOrCall()
        case .quotedIdentifier:
            return try parseNameOrCall()
        default:
            throw unexpected()
        }
    }

    private mutating func parseKeywordPrimary(_ word: String, at: Int) throws(BigQuerySQLError) -> Expression {
        switch word {
        case "NULL":
            position += 1
            return Expression(kind: .null, offset: at)
        case "TRUE", "FALSE":
            position += 1
            return Expression(kind: .bool(word == "TRUE"), offset: at)
        case "CASE":
            position += 1
            return try parseCase(at: at)
        case "CAST":
            position += 1
            return try parseCast(safe: false, at: at)
        case "EXTRACT":
            position += 1
            try expect(symbol: "(")
            var part = try parseName().text.uppercased()
            if accept(symbol: "(") {
                part += "(" + (try parseName().text.uppercased()) + ")"
                try expect(symbol: ")")
            }
            try expect(keyword: "FROM")
            let value = try parseExpression()
            var zone: Expression? = nil
            if accept(keyword: "AT") {
                try expect(word: "TIME")
                try expect(word: "ZONE")
                zone = try parseExpression()
            }
            try expect(symbol: ")")
            return Expression(kind: .extract(part, value, timeZone: zone), offset: at)
        case "EXISTS":
            position += 1
            try expect(symbol: "(")
            let query = try parseQuery()
            try expect(symbol: ")")
            return Expression(kind: .exists(query), offset: at)
        case "INTERVAL":
            position += 1
            let value = try parseAdditive()
            let unit = try parseName().text.uppercased()
            var to: String? = nil
            if accept(keyword: "TO") { to = try parseName().text.uppercased() }
            return Expression(kind: .interval(value, unit: unit, to: to), offset: at)
        case "ARRAY":
            position += 1
            if accept(symbol: "(") {
                let query = try parseQuery()
                try expect(symbol: ")")
                return Expression(kind: .arraySubquery(query), offset: at)
            }
            var type: TypeName? = nil
            if accept(symbol: "<") {
                type = try parseType()
                try expectClosingAngle()
            }
            guard current.isSymbol("[") else { throw expected("\"[\"") }
            return try parseArrayElements(type: type, at: at)
        case "STRUCT":
            position += 1
            var type: TypeName? = nil
            if current.isSymbol("<") {
                position -= 1
                type = try parseType()
            }
            try expect(symbol: "(")
            var fields: [(Expression, Name?)] = []
            if !current.isSymbol(")") {
                repeat {
                    let value = try parseExpression()
                    fields.append((value, try parseAlias()))
                } while accept(symbol: ",")
            }
            try expect(symbol: ")")
            return Expression(kind: .structure(type, fields), offset: at)
        case "IF", "LEFT", "RIGHT", "GROUPING", "COLLATE", "RANGE":
            guard peek(1).isSymbol("(") else { throw unexpected() }
            position += 2
            return try parseCall(name: [Name(text: word, offset: at)], at: at)
        case "CURRENT":
            throw unexpected()
        default:
            throw unexpected()
        }
    }

    private mutating func parseParenthesized() throws(BigQuerySQLError) -> Expression {
        let at = current.offset
        position += 1
        if current.isKeyword("SELECT") || current.isKeyword("WITH") {
            let query = try parseQuery()
            try expect(symbol: ")")
            return Expression(kind: .scalarSubquery(query), offset: at)
        }
        if current.isSymbol("("), lookaheadIsQuery() {
            let query = try parseQuery()
            try expect(symbol: ")")
            return Expression(kind: .scalarSubquery(query), offset: at)
        }
        let first = try parseExpression()
        if accept(symbol: ",") {
            var fields: [(Expression, Name?)] = [(first, nil)]
            repeat { fields.append((try parseExpression(), nil)) } while accept(symbol: ",")
            try expect(symbol: ")")
            return Expression(kind: .structure(nil, fields), offset: at)
        }
        try expect(symbol: ")")
        return first
    }

    /// Whether nested parentheses at the current token open a query (`((SELECT 1))` or `(SELECT..) UNION ...`).
    private func lookaheadIsQuery() -> Bool {
        var ahead = 0
        while peek(ahead).isSymbol("(") { ahead += 1 }
        guard peek(ahead).isKeyword("SELECT") || peek(ahead).isKeyword("WITH") else { return false }
        // Find the matching parenthesis of the first one and see if a set operation follows.
        var depth = 0
        var index = 0
        while true {
            let token = peek(index)
            if case .end = token.kind { return false }
            if token.isSymbol("(") { depth += 1 }
            if token.isSymbol(")") {
                depth -= 1
                if depth == 0 {
                    let next = peek(index + 1)
                    return next.isKeyword("UNION") || next.isKeyword("INTERSECT") || next.isKeyword("EXCEPT")
                        || next.isKeyword("ORDER") || next.isKeyword("LIMIT")
                }
            }
            index += 1
        }
    }

    private mutating func parseArrayElements(type: TypeName?, at: Int) throws(BigQuerySQLError) -> Expression {
        try expect(symbol: "[")
        var elements: [Expression] = []
        if !current.isSymbol("]") {
            repeat { elements.append(try parseExpression()) } while accept(symbol: ",")
        }
        try expect(symbol: "]")
        return Expression(kind: .array(type, elements), offset: at)
    }

    private mutating func parseCase(at: Int) throws(BigQuerySQLError) -> Expression {
        var operand: Expression? = nil
        if !current.isKeyword("WHEN") { operand = try parseExpression() }
        var whens: [(Expression, Expression)] = []
        while accept(keyword: "WHEN") {
            let condition = try parseExpression()
            try expect(keyword: "THEN")
            whens.append((condition, try parseExpression()))
        }
        if whens.isEmpty { throw expected("keyword WHEN") }
        var otherwise: Expression? = nil
        if accept(keyword: "ELSE") { otherwise = try parseExpression() }
        try expect(keyword: "END")
        return Expression(kind: .caseWhen(operand: operand, whens: whens, otherwise: otherwise), offset: at)
    }

    private mutating func parseCast(safe: Bool, at: Int) throws(BigQuerySQLError) -> Expression {
        try expect(symbol: "(")
        let value = try parseExpression()
        try expect(keyword: "AS")
        let type = try parseType()
        var format: Expression? = nil
        if accept(word: "FORMAT") {
            format = try parseExpression()
            if let text = format, accept(keyword: "AT") {
                // `FORMAT f AT TIME ZONE z` is kept as the pair (f, z).
                try expect(word: "TIME")
                try expect(word: "ZONE")
                format = Expression(
                    kind: .structure(nil, [(text, nil), (try parseExpression(), nil)]), offset: text.offset)
            }
        }
        try expect(symbol: ")")
        return Expression(kind: .cast(value, type, safe: safe, format: format), offset: at)
    }

    /// A path (`a.b.c`) or a call (`f(...)`, `SAFE.f(...)`).
    private mutating func parseNameOrCall() throws(BigQuerySQLError) -> Expression {
        let at = current.offset
        let path = try parsePath()
        if accept(symbol: "(") { return try parseCall(name: path, at: at) }
        return Expression(kind: .path(path), offset: at)
    }

    /// The arguments and modifiers of a call whose `(` is consumed.
    mutating func parseCall(name: [Name], at: Int) throws(BigQuerySQLError) -> Expression {
        var call = FunctionCall(name: name, arguments: [])
        if accept(symbol: "*") {
            call.star = true
        } else if !current.isSymbol(")") {
            if accept(keyword: "DISTINCT") { call.distinct = true }
            repeat {
                if atName, peek(1).isSymbol("=>") {
                    // `name => value` ("Function calls", named arguments): positional ones may not follow.
                    let name = try parseName()
                    position += 1
                    call.namedArguments.append((name, try parseExpression()))
                } else if let first = call.namedArguments.first {
                    throw .syntax(
                        "Positional argument is invalid after named argument \(first.name.text)", at: current.offset)
                } else {
                    call.arguments.append(try parseExpression())
                }
            } while accept(symbol: ",")
            if accept(keyword: "IGNORE") {
                try expect(keyword: "NULLS")
                call.ignoreNulls = true
            } else if accept(keyword: "RESPECT") {
                try expect(keyword: "NULLS")
                call.ignoreNulls = false
            }
            if accept(keyword: "ORDER") {
                try expect(keyword: "BY")
                call.orderBy = try parseOrderItems()
            }
            if accept(keyword: "LIMIT") { call.limit = try parseExpression() }
        }
        try expect(symbol: ")")
        if accept(keyword: "OVER") { call.over = try parseWindowSpecification() }
        return Expression(kind: .call(call), offset: at)
    }
}
