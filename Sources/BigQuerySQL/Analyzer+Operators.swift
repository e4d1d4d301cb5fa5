extension Analyzer {
    func unary(_ op: String, _ r: Resolved, _ operand: Expression, at: Int) throws(BigQuerySQLError) -> Resolved {
        switch op {
        case "NOT":
            try requireType(r, .bool, "NOT", operand, isOperator: true)
            return .combining([r], sql: "(NOT \(r.sql))", type: .bool)
        case "-":
            switch r.type {
            case .int64:
                if case .integer(let n)? = r.literal, n != .min {
                    return .constant("(\(-n))", .int64, literal: .integer(-n))
                }
                return .combining([r], sql: "bq_neg_int64(\(r.sql))", type: .int64)
            case .float64: return .combining([r], sql: "(-\(r.sql))", type: .float64)
            case .interval: return .combining([r], sql: "bq_interval_negate(\(r.sql))", type: .interval)
            default: throw noSignature("operator -", [r], at: at)
            }
        case "+":
            guard r.type.isNumeric else { throw noSignature("operator +", [r], at: at) }
            return r
        case "~":
            guard r.type == .int64 else { throw noSignature("operator ~", [r], at: at) }
            return .combining([r], sql: "(~\(r.sql))", type: .int64)
        default:
            throw .unsupported("operator \(op)", at: at)
        }
    }

    func binary(_ op: String, _ left: Expression, _ right: Expression, _ context: Context, at: Int)
        throws(BigQuerySQLError) -> Resolved
    {
        var l = try resolve(left, context)
        var r = try resolve(right, context)
        let position = start(of: left)
        switch op {
        case "AND", "OR":
            try requireType(l, .bool, op, left, isOperator: true)
            try requireType(r, .bool, op, right, isOperator: true)
            return .combining([l, r], sql: "(\(l.sql) \(op) \(r.sql))", type: .bool)
        case "=", "!=", "<", "<=", ">", ">=":
            (l, r) = try comparable(l, r, op, left)
            if op != "=" && op != "!=" && !l.type.isOrderable {
                throw noSignature("operator \(op)", [l, r], at: position)
            }
            if l.type.isDecimal {
                return .combining([l, r], sql: "(bq_numeric_compare(\(l.sql), \(r.sql)) \(op) 0)", type: .bool)
            }
            return .combining([l, r], sql: "(\(l.sql) \(op) \(r.sql))", type: .bool)
        case "||":
            if l.type == .string || r.type == .string || l.isNullLiteral || r.isNullLiteral {
                guard l.type == .string || l.isNullLiteral, r.type == .string || r.isNullLiteral else {
                    throw noSignature("operator ||", [l, r], at: position)
                }
                return .combining([l, r], sql: "(\(l.sql) || \(r.sql))", type: .string)
            }
            if l.type == .bytes && r.type == .bytes {
                return .combining([l, r], sql: "(\(l.sql) || \(r.sql))", type: .bytes)
            }
            if case .array = l.type, l.type == r.type {
                return .combining([l, r], sql: "bq_array_concat(\(l.sql), \(r.sql))", type: l.type)
            }
            throw noSignature("operator ||", [l, r], at: position)
        case "+", "-", "*", "/":
            return try arithmetic(op, l, r, at: position)
        case "&", "|", "^", "<<", ">>":
            guard l.type == .int64 || l.isNullLiteral, r.type == .int64 || r.isNullLiteral else {
                throw noSignature("operator \(op)", [l, r], at: position)
            }
            if op == "^" {
                return .combining([l, r], sql: "((\(l.sql) | \(r.sql)) - (\(l.sql) & \(r.sql)))", type: .int64)
            }
            if op == "<<" || op == ">>" { throw .unsupported("bit shift operator \(op)", at: at) }
            return .combining([l, r], sql: "(\(l.sql) \(op) \(r.sql))", type: .int64)
        default:
            throw .unsupported("operator \(op)", at: at)
        }
    }

    /// `+ - * /` with BigQuery's types: INT64 is checked for overflow, `/` is always FLOAT64.
    private func arithmetic(_ op: String, _ a: Resolved, _ b: Resolved, at: Int) throws(BigQuerySQLError) -> Resolved {
        var l = a
        var r = b
        if l.isNullLiteral && r.isNullLiteral { l.type = .int64 }
        if l.isNullLiteral { l.type = r.type }
        if r.isNullLiteral { r.type = l.type }
        // Date arithmetic: DATE +/- INT64 is DATE_ADD/SUB by days.
        if op == "+" || op == "-", l.type == .date, r.type == .int64 {
            return .combining(
                [l, r], sql: "bq_date_\(op == "+" ? "add" : "sub")(\(l.sql), \(r.sql), 'DAY')", type: .date)
        }
        if op == "+", l.type == .int64, r.type == .date {
            return .combining([l, r], sql: "bq_date_add(\(r.sql), \(l.sql), 'DAY')", type: .date)
        }
        if op == "-", l.type == r.type, [.date, .datetime, .timestamp].contains(l.type) {
            let name = l.type == .date ? "date" : l.type == .datetime ? "datetime" : "timestamp"
            return .combining([l, r], sql: "bq_\(name)_minus_\(name)(\(l.sql), \(r.sql))", type: .interval)
        }
        guard l.type.isNumeric, r.type.isNumeric else { throw noSignature("operator \(op)", [a, b], at: at) }
        if op == "/" {
            if l.type.isDecimal || r.type.isDecimal {
                let (x, y) = try comparable(l, r, op, nil)
                return .combining([x, y], sql: "bq_numeric_div(\(x.sql), \(y.sql))", type: x.type)
            }
            return .combining([l, r], sql: "bq_divide(\(l.sql), \(r.sql))", type: .float64)
        }
        if l.type == .int64 && r.type == .int64 {
            if case .integer(let x)? = l.literal, case .integer(let y)? = r.literal {
                let (value, overflow): (Int64, Bool) =
                    op == "+"
                    ? x.addingReportingOverflow(y)
                    : op == "-" ? x.subtractingReportingOverflow(y) : x.multipliedReportingOverflow(by: y)
                if overflow {
                    throw BigQuerySQLError(.invalid, "int64 overflow: \(x) \(op) \(y)", offset: at)
                }
                return .constant("(\(value))", .int64, literal: .integer(value))
            }
            let name = op == "+" ? "add" : op == "-" ? "sub" : "mul"
            return .combining([l, r], sql: "bq_\(name)_int64(\(l.sql), \(r.sql))", type: .int64)
        }
        if l.type.isDecimal || r.type.isDecimal {
            if l.type == .float64 || r.type == .float64 {
                throw noSignature("operator \(op)", [a, b], at: at)
            }
            let (x, y) = try comparable(l, r, op, nil)
            let name = op == "+" ? "add" : op == "-" ? "sub" : "mul"
            return .combining([x, y], sql: "bq_numeric_\(name)(\(x.sql), \(y.sql))", type: x.type)
        }
        // FLOAT64 arithmetic: SQLite's REAL arithmetic is IEEE double arithmetic.
        let x = l.type == .int64 ? "CAST(\(l.sql) AS REAL)" : l.sql
        let y = r.type == .int64 ? "CAST(\(r.sql) AS REAL)" : r.sql
        return .combining([l, r], sql: "(\(x) \(op) \(y))", type: .float64)
    }

    /// Coerces two operands to a common type for comparison, or fails as BigQuery does.
    func comparable(_ a: Resolved, _ b: Resolved, _ op: String, _ left: Expression?) throws(BigQuerySQLError)
        -> (Resolved, Resolved)
    {
        let at = left.map { start(of: $0) } ?? 0
        guard let type = commonType(a, b) else {
            throw noSignature(op.first?.isLetter == true ? "operator \(op)" : "operator \(op)", [a, b], at: at)
        }
        if !type.isGroupable && (op == "=" || op == "!=" || op == "IN") {
            throw noSignature("operator \(op)", [a, b], at: at)
        }
        return (try coerce(a, to: type, at: at, what: "literal"), try coerce(b, to: type, at: at, what: "literal"))
    }

    /// BigQuery's common supertype of two operands, with literal coercion, or `nil`.
    func commonType(_ a: Resolved, _ b: Resolved) -> SQLType? {
        if a.type == b.type && !(a.isNullLiteral && !b.isNullLiteral) { return a.type }
        if a.isNullLiteral { return b.type }
        if b.isNullLiteral { return a.type }
        func literalString(_ r: Resolved) -> Bool {
            if case .string? = r.literal { return true }
            return false
        }
        let temporal: [SQLType] = [.date, .datetime, .time, .timestamp]
        if literalString(a) && (temporal.contains(b.type) || b.type.isDecimal) { return b.type }
        if literalString(b) && (temporal.contains(a.type) || a.type.isDecimal) { return a.type }
        switch (a.type, b.type) {
        case (.int64, .float64), (.float64, .int64): return .float64
        case (.int64, .numeric), (.numeric, .int64): return .numeric
        case (.int64, .bignumeric), (.bignumeric, .int64), (.numeric, .bignumeric), (.bignumeric, .numeric):
            return .bignumeric
        case (.numeric, .float64), (.float64, .numeric), (.bignumeric, .float64), (.float64, .bignumeric):
            return .float64
        case (.date, .datetime), (.datetime, .date): return .datetime
        default: return nil
        }
    }

    /// The common type of several values (array elements, CASE results), or `nil` if there are none.
    func supertype(_ values: [Resolved], _ what: String, at: Int) throws(BigQuerySQLError) -> SQLType? {
        var result: Resolved? = nil
        for value in values {
            guard let current = result else {
                result = value
                continue
            }
            guard let type = commonType(current, value) else {
                throw BigQuerySQLError(
                    .type, "\(what) has incompatible types: \(current.type), \(value.type)", offset: at)
            }
            var merged = current.isNullLiteral ? value : current
            merged.type = type
            if type != value.type || !value.isNullLiteral {
                merged.literal = value.isNullLiteral ? current.literal : value.literal
            }
            if current.literal != value.literal { merged.literal = nil }
            result = merged
        }
        return result?.type
    }

    func requireType(
        _ r: Resolved, _ type: SQLType, _ name: String, _ expression: Expression, isOperator: Bool = false
    ) throws(BigQuerySQLError) {
        guard r.type == type || r.isNullLiteral else {
            throw noSignature(isOperator ? "operator \(name)" : name, [r], at: start(of: expression))
        }
    }

    /// `No matching signature for operator = for argument types: INT64, STRING`.
    func noSignature(_ what: String, _ arguments: [Resolved], at: Int) -> BigQuerySQLError {
        let types = arguments.map { $0.isNullLiteral ? "INT64" : $0.type.description }.joined(separator: ", ")
        return BigQuerySQLError(.type, "No matching signature for \(what) for argument types: \(types)", offset: at)
    }

    /// Case-sensitive LIKE: a literal pattern becomes an exact GLOB pattern (SQLite's LIKE ignores ASCII case).
    func like(_ value: Resolved, _ pattern: Resolved, _ negated: Bool, _ left: Expression, _ right: Expression)
        throws(BigQuerySQLError) -> Resolved
    {
        let type = value.isNullLiteral ? pattern.type : value.type
        guard type == .string || type == .bytes, value.type == type || value.isNullLiteral,
            pattern.type == type || pattern.isNullLiteral
        else {
            throw noSignature("operator LIKE", [value, pattern], at: start(of: left))
        }
        if pattern.isNullLiteral { return .combining([value], sql: "NULL", type: .bool) }
        guard case .string(let text)? = pattern.literal else {
            // A computed pattern (or BYTES): the function pack matches it row by row with BigQuery's rules.
            let call = "bq_like(\(value.sql), \(pattern.sql))"
            return .combining([value, pattern], sql: negated ? "(NOT \(call))" : call, type: .bool)
        }
        var glob = ""
        var escaped = false
        for ch in text {
            if escaped {
                glob += ch == "*" || ch == "?" || ch == "[" ? "[\(ch)]" : String(ch)
                escaped = false
                continue
            }
            switch ch {
            case "\\": escaped = true
            case "%": glob += "*"
            case "_": glob += "?"
            case "*", "?", "[": glob += "[\(ch)]"
            default: glob.append(ch)
            }
        }
        if escaped {
            throw BigQuerySQLError(.invalid, "LIKE pattern ends with a backslash", offset: right.offset)
        }
        return .combining(
            [value], sql: "(\(value.sql) \(negated ? "NOT " : "")GLOB \(sqlString(glob)))", type: .bool)
    }

    func caseWhen(
        _ operand: Expression?, _ whens: [(Expression, Expression)], _ otherwise: Expression?, _ context: Context,
        at: Int
    ) throws(BigQuerySQLError) -> Resolved {
        var parts: [Resolved] = []
        var subject: Resolved? = nil
        if let operand { subject = try resolve(operand, context) }
        var conditions: [Resolved] = []
        var results: [Resolved] = []
        for (condition, result) in whens {
            var c = try resolve(condition, context)
            if var s = subject {
                (s, c) = try comparable(s, c, "CASE", operand)
                subject = s
            } else {
                try requireType(c, .bool, "CASE WHEN condition", condition)
            }
            conditions.append(c)
            results.append(try resolve(result, context))
        }
        let elseValue = try otherwise.map { e throws(BigQuerySQLError) in try resolve(e, context) }
        let type = try supertype(results + (elseValue.map { [$0] } ?? []), "CASE", at: at) ?? .int64
        var sql = "(CASE"
        if let subject {
            sql += " \(subject.sql)"
            parts.append(subject)
        }
        for (index, condition) in conditions.enumerated() {
            let result = try coerce(results[index], to: type, at: at, what: "literal")
            sql += " WHEN \(condition.sql) THEN \(result.sql)"
            parts += [condition, result]
        }
        if let elseValue {
            let value = try coerce(elseValue, to: type, at: at, what: "literal")
            sql += " ELSE \(value.sql)"
            parts.append(value)
        }
        return .combining(parts, sql: sql + " END)", type: type)
    }
}
