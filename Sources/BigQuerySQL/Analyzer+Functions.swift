extension Analyzer {
    /// A function call: aggregate, analytic or scalar.
    func resolveCall(_ call: FunctionCall, _ context: Context, at: Int) throws(BigQuerySQLError) -> Resolved {
        let written = call.name.map(\.text).joined(separator: ".")
        if call.name.count == 2, call.name[0].text.uppercased() == "SAFE" {
            return try resolveSafeCall(call, context, at: at)
        }
        let name = written.uppercased()
        if let named = call.namedArguments.first {
            // BigQuery takes named arguments only where a signature names them (JSON and geography functions,
            // procedures); no function bmrs translates has such a signature.
            throw BigQuerySQLError(
                .invalid, "Named arguments are not supported for function \(written)", offset: named.name.offset)
        }
        guard call.name.count == 1 else {
            throw BigQuerySQLError(.notFound, "Function not found: \(written)", offset: at)
        }
        if FunctionSignatures.aggregates.contains(name) || FunctionSignatures.analytic.contains(name) {
            return try resolveAggregateOrAnalytic(call, name: name, context, at: at)
        }
        if name == "GROUPING" { return try grouping(call, context, at: at) }
        if call.over != nil {
            throw BigQuerySQLError(.invalid, "Function \(name) does not support an OVER clause", offset: at)
        }
        if call.distinct || !call.orderBy.isEmpty || call.limit != nil || call.ignoreNulls != nil || call.star {
            throw BigQuerySQLError(
                .invalid, "Non-aggregate function \(name) cannot be called with DISTINCT, ORDER BY, LIMIT or *",
                offset: at)
        }
        return try resolveScalar(call, name: name, written: written, context, at: at)
    }

    /// A date part argument written as a word: `DAY`, `WEEK(MONDAY)`.
    func datePart(_ expression: Expression) throws(BigQuerySQLError) -> String {
        switch expression.kind {
        case .path(let names) where names.count == 1:
            return names[0].text.uppercased()
        case .call(let call) where call.name.count == 1 && call.arguments.count == 1:
            if case .path(let day) = call.arguments[0].kind, day.count == 1 {
                return call.name[0].text.uppercased() + "(" + day[0].text.uppercased() + ")"
            }
        default:
            break
        }
        throw BigQuerySQLError(.invalid, "A valid date part name is required", offset: expression.offset)
    }

    private func resolveScalar(_ call: FunctionCall, name: String, written: String, _ context: Context, at: Int)
        throws(BigQuerySQLError) -> Resolved
    {
        var args: [Resolved] = []
        let count = call.arguments.count
        for (index, argument) in call.arguments.enumerated() {
            if FunctionSignatures.partArgument[name] == index && count > index {
                let part = try datePart(argument)
                args.append(.constant(sqlString(part), .string))
                continue
            }
            if case .interval(let value, let unit, let to) = argument.kind {
                if to != nil { throw .unsupported("INTERVAL ... TO ...", at: argument.offset) }
                let n = try coerce(try resolve(value, context), to: .int64, at: value.offset, what: "interval")
                args.append(Resolved.combining([n], sql: n.sql, type: .interval))
                args.append(.constant(sqlString(unit), .string))
                continue
            }
            args.append(try resolve(argument, context))
        }
        if name.hasPrefix("CURRENT_"), let value = try currentValue(name, args, at: at) { return value }
        switch name {
        case "IF":
            guard args.count == 3 else { throw noSignature("function IF", args, at: at) }
            try requireType(args[0], .bool, "function IF", call.arguments[0])
            let type = try supertype([args[1], args[2]], "IF", at: at) ?? .int64
            let a = try coerce(args[1], to: type, at: at, what: "literal")
            let b = try coerce(args[2], to: type, at: at, what: "literal")
            return .combining(args, sql: "(CASE WHEN \(args[0].sql) THEN \(a.sql) ELSE \(b.sql) END)", type: type)
        case "IFNULL", "COALESCE", "NULLIF", "GREATEST", "LEAST":
            if name == "IFNULL" || name == "NULLIF" {
                guard args.count == 2 else { throw noSignature("function \(name)", args, at: at) }
            }
            guard !args.isEmpty else { throw noSignature("function \(name)", args, at: at) }
            let type = try supertype(args, name, at: at) ?? .int64
            var coerced: [Resolved] = []
            for arg in args { coerced.append(try coerce(arg, to: type, at: at, what: "literal")) }
            let list = coerced.map(\.sql).joined(separator: ", ")
            switch name {
            case "GREATEST", "LEAST":
                guard type.isOrderable, !type.isDecimal else { throw noSignature("function \(name)", args, at: at) }
                if coerced.count == 1 { return coerced[0] }
                // SQLite's multi-argument max()/min() return NULL when any argument is NULL, as BigQuery does.
                return .combining(coerced, sql: "\(name == "GREATEST" ? "max" : "min")(\(list))", type: type)
            case "COALESCE":
                if coerced.count == 1 { return coerced[0] }
                return .combining(coerced, sql: "coalesce(\(list))", type: type)
            default:
                return .combining(coerced, sql: "\(name.lowercased())(\(list))", type: type)
            }
        case "CONCAT":
            guard !args.isEmpty else { throw noSignature("function CONCAT", args, at: at) }
            let type: SQLType = args.contains { $0.type == .bytes } ? .bytes : .string
            var parts: [Resolved] = []
            for arg in args {
                guard arg.type == type || arg.isNullLiteral else { throw noSignature("function CONCAT", args, at: at) }
                parts.append(arg)
            }
            return .combining(parts, sql: "(" + parts.map(\.sql).joined(separator: " || ") + ")", type: type)
        case "DATE_ADD", "DATE_SUB", "DATETIME_ADD", "DATETIME_SUB", "TIMESTAMP_ADD", "TIMESTAMP_SUB", "TIME_ADD",
            "TIME_SUB":
            guard args.count == 3, args[1].type == .interval else {
                throw noSignature("function \(name)", args, at: at)
            }
            let target: SQLType =
                name.hasPrefix("DATETIME")
                ? .datetime
                : name.hasPrefix("TIMESTAMP")
                    ? .timestamp
                    : name.hasPrefix("TIME") ? .time : .date
            let value = try coerce(args[0], to: target, at: call.arguments[0].offset, what: "literal")
            return .combining(
                [value, args[1]], sql: "bq_\(name.lowercased())(\(value.sql), \(args[1].sql), \(args[2].sql))",
                type: target)
        case "GENERATE_DATE_ARRAY", "GENERATE_TIMESTAMP_ARRAY":
            let type: SQLType = name == "GENERATE_DATE_ARRAY" ? .date : .timestamp
            guard args.count == 2 || (args.count == 4 && args[2].type == .interval) else {
                throw noSignature("function \(name)", args, at: at)
            }
            let a = try coerce(args[0], to: type, at: at, what: "literal")
            let b = try coerce(args[1], to: type, at: at, what: "literal")
            let step = args.count == 4 ? "\(args[2].sql), \(args[3].sql)" : "1, 'DAY'"
            if args.count == 2 && type == .timestamp { throw noSignature("function \(name)", args, at: at) }
            return .combining(
                args, sql: "bq_\(name.lowercased())(\(a.sql), \(b.sql), \(step))", type: .array(type))
        case "GENERATE_ARRAY":
            guard args.count == 2 || args.count == 3 else { throw noSignature("function GENERATE_ARRAY", args, at: at) }
            let type = try supertype(args, "GENERATE_ARRAY", at: at) ?? .int64
            guard type == .int64 || type == .float64 else { throw noSignature("function GENERATE_ARRAY", args, at: at) }
            var coerced: [Resolved] = []
            for arg in args { coerced.append(try coerce(arg, to: type, at: at, what: "literal")) }
            let step = coerced.count == 3 ? coerced[2].sql : (type == .int64 ? "1" : "1.0")
            return .combining(
                coerced, sql: "bq_generate_array(\(coerced[0].sql), \(coerced[1].sql), \(step))", type: .array(type))
        case "ARRAY_LENGTH":
            guard args.count == 1, case .array = args[0].type else {
                throw noSignature("function ARRAY_LENGTH", args, at: at)
            }
            return .combining(args, sql: "json_array_length(\(args[0].sql))", type: .int64)
        case "ARRAY_TO_STRING":
            guard args.count == 2 || args.count == 3, args[0].type == .array(.string) else {
                throw noSignature("function ARRAY_TO_STRING", args, at: at)
            }
            return .combining(
                args, sql: "bq_array_to_string(\(args.map(\.sql).joined(separator: ", ")))", type: .string)
        case "ARRAY_CONCAT":
            guard let first = args.first, case .array = first.type, args.allSatisfy({ $0.type == first.type }) else {
                throw noSignature("function ARRAY_CONCAT", args, at: at)
            }
            return .combining(
                args, sql: "bq_array_concat(\(args.map(\.sql).joined(separator: ", ")))", type: first.type)
        case "ARRAY_REVERSE":
            guard args.count == 1, case .array = args[0].type else {
                throw noSignature("function ARRAY_REVERSE", args, at: at)
            }
            return .combining(args, sql: "bq_array_reverse(\(args[0].sql))", type: args[0].type)
        case "FORMAT":
            guard let format = args.first, format.type == .string else {
                throw noSignature("function FORMAT", args, at: at)
            }
            var sql = "bq_format(\(format.sql)"
            for arg in args.dropFirst() { sql += ", \(sqlString(arg.type.description)), \(arg.sql)" }
            return .combining(args, sql: sql + ")", type: .string)
        case "DATE_TRUNC" where args.count == 2:
            let value = try coerce(args[0], to: .date, at: call.arguments[0].offset, what: "literal")
            switch args[1].sql {
            case "'DAY'": return value
            case "'MONTH'": return .combining([value], sql: "(substr(\(value.sql), 1, 7) || '-01')", type: .date)
            case "'YEAR'": return .combining([value], sql: "(substr(\(value.sql), 1, 4) || '-01-01')", type: .date)
            default: break
            }
        default:
            break
        }
        guard let signatures = FunctionSignatures.table[name] else {
            throw BigQuerySQLError(.notFound, "Function not found: \(written)", offset: at)
        }
        for signature in signatures {
            guard args.count <= signature.arguments.count,
                args.count >= signature.arguments.count - signature.optional
            else { continue }
            var coerced: [Resolved] = []
            var fits = true
            for (index, arg) in args.enumerated() {
                let wanted = signature.arguments[index]
                if arg.type == wanted || arg.isNullLiteral {
                    coerced.append(try coerce(arg, to: wanted, at: at, what: "literal"))
                } else if arg.type == .int64 && wanted == .float64 {
                    coerced.append(try coerce(arg, to: wanted, at: at, what: "literal"))
                } else if case .string? = arg.literal, wanted != .string,
                    let value = try? coerce(arg, to: wanted, at: at, what: "literal")
                {
                    coerced.append(value)
                } else {
                    fits = false
                    break
                }
            }
            guard fits else { continue }
            if signature.sqlite.isEmpty { return coerced[0] }
            var result = Resolved.combining(
                coerced, sql: "\(signature.sqlite)(\(coerced.map(\.sql).joined(separator: ", ")))",
                type: signature.result)
            if name.hasPrefix("CURRENT_") { result.isConstant = false }
            return result
        }
        if name == "DATE", args.count == 1, case .string(let text)? = args[0].literal {
            throw BigQuerySQLError(
                .type, "Could not cast literal \"\(text)\" to type DATE", offset: call.arguments[0].offset)
        }
        throw noSignature("function \(name)", args, at: at)
    }
}
