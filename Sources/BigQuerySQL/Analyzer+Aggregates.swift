extension Analyzer {
    /// Aggregate functions (grouped or with OVER) and analytic-only functions.
    func resolveAggregateOrAnalytic(_ call: FunctionCall, name: String, _ context: Context, at: Int)
        throws(BigQuerySQLError) -> Resolved
    {
        let isAnalytic = FunctionSignatures.analytic.contains(name)
        if call.over != nil {
            guard context.allowWindow else {
                throw BigQuerySQLError(.invalid, "Analytic function not allowed in \(context.clause)", offset: at)
            }
        } else if isAnalytic {
            throw BigQuerySQLError(
                .invalid, "Analytic function \(name) cannot be called without an OVER clause", offset: at)
        } else if !context.allowAggregate {
            if context.clause == "aggregate function argument" {
                throw BigQuerySQLError(.invalid, "Aggregations of aggregations are not allowed", offset: at)
            }
            throw BigQuerySQLError(.invalid, "Aggregate function \(name) not allowed in \(context.clause)", offset: at)
        }
        // Arguments: inside a plain aggregate nothing is grouped; with OVER they see the grouped row.
        var argumentContext = context
        argumentContext.allowWindow = false
        if call.over == nil {
            argumentContext.groupKeys = nil
            argumentContext.nulledKeys = []
            argumentContext.allowAggregate = false
            argumentContext.clause = "aggregate function argument"
            argumentContext.aliases = [:]
        }
        var args: [Resolved] = []
        for argument in call.arguments { args.append(try resolve(argument, argumentContext)) }
        var result = partialAggregate(
            try aggregateCall(call, name: name, args, argumentContext, at: at), call, name: name, args)
        if let over = call.over {
            result = try window(result, over, context, name: name, at: at)
            result.hasWindow = true
        } else {
            result.hasAggregate = true
            result.ungrouped = nil
        }
        result.isConstant = false
        result.column = nil
        return result
    }

    private func aggregateCall(
        _ call: FunctionCall, name: String, _ args: [Resolved], _ context: Context, at: Int
    ) throws(BigQuerySQLError) -> Resolved {
        func arity(_ counts: ClosedRange<Int>) throws(BigQuerySQLError) {
            guard counts.contains(args.count) else { throw noSignature("function \(name)", args, at: at) }
        }
        func plain(_ modifiersAllowed: Bool = false) throws(BigQuerySQLError) {
            if !modifiersAllowed && (!call.orderBy.isEmpty || call.limit != nil) {
                throw .unsupported("ORDER BY or LIMIT inside \(name)", at: at)
            }
            if call.ignoreNulls != nil && !["ARRAY_AGG", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE"].contains(name) {
                throw BigQuerySQLError(
                    .invalid, "IGNORE NULLS and RESPECT NULLS are not allowed for \(name)", offset: at)
            }
        }
        let distinct = call.distinct ? "DISTINCT " : ""
        let first = args.first
        switch name {
        case "COUNT":
            try plain()
            if call.star { return Resolved(sql: "count(*)", type: .int64) }
            try arity(1...1)
            return .combining(args, sql: "count(\(distinct)\(args[0].sql))", type: .int64)
        case "COUNTIF":
            try plain()
            try arity(1...1)
            try requireType(args[0], .bool, "function COUNTIF", call.arguments[0])
            if call.distinct { throw .unsupported("COUNTIF(DISTINCT ...)", at: at) }
            return .combining(args, sql: "count(CASE WHEN \(args[0].sql) THEN 1 END)", type: .int64)
        case "SUM", "AVG":
            try plain()
            try arity(1...1)
            guard let value = first, value.type.isNumeric || value.isNullLiteral else {
                throw noSignature("function \(name)", args, at: at)
            }
            if value.type.isDecimal {
                if call.distinct { throw .unsupported("\(name)(DISTINCT NUMERIC)", at: at) }
                return .combining(args, sql: "bq_\(name.lowercased())_numeric(\(value.sql))", type: value.type)
            }
            // SQLite's sum() of integers is exact and fails on overflow, as BigQuery's SUM of INT64 does.
            let type: SQLType = name == "AVG" ? .float64 : value.type
            return .combining(args, sql: "\(name.lowercased())(\(distinct)\(value.sql))", type: type)
        case "MIN", "MAX":
            try plain()
            try arity(1...1)
            guard let value = first, value.type.isOrderable, !value.type.isDecimal else {
                throw noSignature("function \(name)", args, at: at)
            }
            return .combining(args, sql: "\(name.lowercased())(\(value.sql))", type: value.type)
        case "ANY_VALUE":
            try plain()
            try arity(1...1)
            return .combining(args, sql: "bq_any_value(\(args[0].sql))", type: args[0].type)
        case "LOGICAL_AND", "LOGICAL_OR":
            try plain()
            try arity(1...1)
            try requireType(args[0], .bool, "function \(name)", call.arguments[0])
            return .combining(args, sql: "\(name == "LOGICAL_AND" ? "min" : "max")(\(args[0].sql))", type: .bool)
        case "APPROX_COUNT_DISTINCT":
            try plain()
            try arity(1...1)
            return .combining(args, sql: "count(DISTINCT \(args[0].sql))", type: .int64)
        case "STDDEV", "STDDEV_SAMP", "STDDEV_POP", "VARIANCE", "VAR_SAMP", "VAR_POP":
            try plain()
            try arity(1...1)
            if call.distinct { throw .unsupported("\(name)(DISTINCT ...)", at: at) }
            let value = try coerce(args[0], to: .float64, at: at, what: "literal")
            let function = ["STDDEV": "stddev_samp", "VARIANCE": "var_samp"][name] ?? name.lowercased()
            return .combining([value], sql: "bq_\(function)(\(value.sql))", type: .float64)
        case "CORR", "COVAR_POP", "COVAR_SAMP":
            try plain()
            try arity(2...2)
            let y = try coerce(args[0], to: .float64, at: at, what: "literal")
            let x = try coerce(args[1], to: .float64, at: at, what: "literal")
            return .combining([y, x], sql: "bq_\(name.lowercased())(\(y.sql), \(x.sql))", type: .float64)
        case "APPROX_QUANTILES":
            try plain()
            try arity(2...2)
            guard case .integer? = args[1].literal else { throw noSignature("function APPROX_QUANTILES", args, at: at) }
            return .combining(
                args,
                sql: "bq_approx_quantiles(\(args[0].sql), \(args[1].sql), \(sqlString(args[0].type.description)))",
                type: .array(args[0].type))
        case "STRING_AGG":
            try plain(true)
            try arity(1...2)
            guard let value = first, value.type == .string || value.type == .bytes else {
                throw noSignature("function STRING_AGG", args, at: at)
            }
            let delimiter = args.count == 2 ? args[1].sql : (value.type == .string ? "','" : "X'2C'")
            if call.orderBy.isEmpty && call.limit == nil && !call.distinct {
                // group_concat skips NULLs and returns NULL for no rows, as STRING_AGG does.
                return .combining(args, sql: "group_concat(\(value.sql), \(delimiter))", type: value.type)
            }
            let (limit, order) = try orderAndLimit(call, context)
            return .combining(
                args,
                sql: "bq_string_agg(\(value.sql), \(delimiter), \(call.distinct ? 1 : 0), \(limit)\(order))",
                type: value.type)
        case "ARRAY_AGG":
            try plain(true)
            try arity(1...1)
            guard let value = first else { throw noSignature("function ARRAY_AGG", args, at: at) }
            if case .array = value.type {
                throw BigQuerySQLError(
                    .type, "An aggregate function that has an ARRAY argument cannot return an ARRAY", offset: at)
            }
            let (limit, order) = try orderAndLimit(call, context)
            return .combining(
                args,
                sql:
                    "bq_array_agg(\(jsonElement(value)), \(sqlString(value.type.description)), \(call.distinct ? 1 : 0), "
                    + "\(call.ignoreNulls == true ? 1 : 0), \(limit)\(order))",
                type: .array(value.type))
        case "ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK", "CUME_DIST":
            try plain()
            try arity(0...0)
            let type: SQLType = name == "PERCENT_RANK" || name == "CUME_DIST" ? .float64 : .int64
            return Resolved(sql: "\(name.lowercased())()", type: type)
        case "NTILE":
            try plain()
            try arity(1...1)
            let n = try coerce(args[0], to: .int64, at: at, what: "literal")
            if case .integer(let value)? = n.literal, value <= 0 {
                throw BigQuerySQLError(
                    .invalid, "The N value (number of buckets) for the NTILE function must be positive", offset: at)
            }
            return .combining([n], sql: "ntile(\(n.sql))", type: .int64)
        case "LAG", "LEAD":
            try plain()
            try arity(1...3)
            var parts = [args[0].sql]
            if args.count >= 2 { parts.append(try coerce(args[1], to: .int64, at: at, what: "literal").sql) }
            if args.count == 3 {
                parts.append(try coerce(args[2], to: args[0].type, at: at, what: "literal").sql)
            }
            return .combining(args, sql: "\(name.lowercased())(\(parts.joined(separator: ", ")))", type: args[0].type)
        case "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE":
            try plain()
            try arity(name == "NTH_VALUE" ? 2...2 : 1...1)
            if call.ignoreNulls == true {
                // SQLite's navigation functions have no IGNORE NULLS: the pack's window aggregates do it.
                var parts = [args[0].sql]
                if args.count == 2 { parts.append(try coerce(args[1], to: .int64, at: at, what: "literal").sql) }
                return .combining(
                    args, sql: "bq_\(name.lowercased())_ignore_nulls(\(parts.joined(separator: ", ")))",
                    type: args[0].type)
            }
            return .combining(
                args, sql: "\(name.lowercased())(\(args.map(\.sql).joined(separator: ", ")))", type: args[0].type)
        case "PERCENTILE_CONT", "PERCENTILE_DISC":
            try plain()
            try arity(2...2)
            let value = name == "PERCENTILE_CONT" ? try coerce(args[0], to: .float64, at: at, what: "literal") : args[0]
            let p = try coerce(args[1], to: .float64, at: at, what: "literal")
            return .combining(
                [value, p], sql: "bq_\(name.lowercased())(\(value.sql), \(p.sql))", type: value.type)
        default:
            throw .unsupported("aggregate function \(name)", at: at)
        }
    }

    /// The LIMIT argument and `, 'ASC,DESC', key1, key2` for bq_string_agg/bq_array_agg.
    private func orderAndLimit(_ call: FunctionCall, _ context: Context) throws(BigQuerySQLError) -> (String, String) {
        var limit = "NULL"
        if let expression = call.limit {
            let r = try resolve(expression, context)
            guard case .integer(let n)? = r.literal, n >= 0 else {
                throw BigQuerySQLError(
                    .invalid, "LIMIT expects a non-negative integer literal or parameter", offset: expression.offset)
            }
            limit = String(n)
        }
        var directions: [String] = []
        var keys: [String] = []
        for item in call.orderBy {
            let key = try resolve(item.expression, context)
            guard key.type.isOrderable else {
                throw BigQuerySQLError(
                    .type, "ORDER BY does not support expressions of type \(key.type)", offset: item.expression.offset)
            }
            var direction = item.descending ? "DESC" : "ASC"
            if let first = item.nullsFirst { direction += first ? " NULLS FIRST" : " NULLS LAST" }
            directions.append(direction)
            keys.append(orderKey(key))
        }
        let order = ", " + sqlString(directions.joined(separator: ",")) + keys.map { ", " + $0 }.joined()
        return (limit, order)
    }

    /// `... OVER (PARTITION BY ... ORDER BY ... frame)`, with named windows merged in.
    private func window(
        _ function: Resolved, _ specification: WindowSpecification, _ context: Context, name: String, at: Int
    ) throws(BigQuerySQLError) -> Resolved {
        var spec = specification
        var seen = Set<String>()
        while let base = spec.base {
            guard seen.insert(base.text.lowercased()).inserted, let named = context.windows[base.text.lowercased()]
            else {
                throw BigQuerySQLError(.notFound, "Unrecognized window alias \(base.text)", offset: base.offset)
            }
            spec.base = named.base
            if spec.partitionBy.isEmpty { spec.partitionBy = named.partitionBy }
            if spec.orderBy.isEmpty { spec.orderBy = named.orderBy }
            if spec.frame == nil { spec.frame = named.frame }
        }
        var windowContext = context
        windowContext.allowWindow = false
        windowContext.aliases = [:]
        var parts: [Resolved] = [function]
        var clauses: [String] = []
        if !spec.partitionBy.isEmpty {
            var keys: [String] = []
            for expression in spec.partitionBy {
                let key = try resolve(expression, windowContext)
                guard key.type.isGroupable else {
                    throw BigQuerySQLError(
                        .type, "Partitioning by expressions of type \(key.type) is not allowed",
                        offset: expression.offset)
                }
                parts.append(key)
                keys.append(key.sql)
            }
            clauses.append("PARTITION BY " + keys.joined(separator: ", "))
        }
        if !spec.orderBy.isEmpty {
            var keys: [String] = []
            for item in spec.orderBy {
                let key = try resolve(item.expression, windowContext)
                parts.append(key)
                keys.append(try orderTerm(key, item))
            }
            clauses.append("ORDER BY " + keys.joined(separator: ", "))
        } else if ["RANK", "DENSE_RANK", "PERCENT_RANK", "CUME_DIST", "NTILE", "LAG", "LEAD"].contains(name) {
            throw BigQuerySQLError(.invalid, "Window ORDER BY is required for analytic function \(name)", offset: at)
        }
        if let frame = spec.frame {
            if ["ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK", "CUME_DIST", "NTILE", "LAG", "LEAD"].contains(name)
            {
                throw BigQuerySQLError(
                    .invalid, "Window framing clause is not allowed for analytic function \(name)", offset: frame.offset
                )
            }
            func bound(_ b: WindowFrame.Bound) throws(BigQuerySQLError) -> String {
                switch b {
                case .unboundedPreceding: return "UNBOUNDED PRECEDING"
                case .unboundedFollowing: return "UNBOUNDED FOLLOWING"
                case .currentRow: return "CURRENT ROW"
                case .preceding(let e), .following(let e):
                    let r = try resolve(e, windowContext)
                    guard r.isConstant, r.type.isNumeric else {
                        throw BigQuerySQLError(.invalid, "Window framing offset must be a constant", offset: e.offset)
                    }
                    if case .preceding = b { return "\(r.sql) PRECEDING" }
                    return "\(r.sql) FOLLOWING"
                }
            }
            var text = frame.unit + " "
            if let end = frame.end {
                text += "BETWEEN \(try bound(frame.start)) AND \(try bound(end))"
            } else {
                text += try bound(frame.start)
            }
            clauses.append(text)
        }
        var result = Resolved.combining(
            parts, sql: "\(function.sql) OVER (\(clauses.joined(separator: " ")))", type: function.type)
        result.hasAggregate = parts.contains(where: \.hasAggregate)
        return result
    }
}
