extension Analyzer {
    /// Analyzes an expression: resolves names, checks and infers types, emits SQLite SQL.
    func resolve(_ expression: Expression, _ context: Context) throws(BigQuerySQLError) -> Resolved {
        var resolved = try resolveNode(expression, context)
        if let keys = context.groupKeys, resolved.ungrouped != nil, !resolved.hasAggregate || true,
            keys.contains(resolved.sql)
        {
            resolved.ungrouped = nil
        }
        if !context.nulledKeys.isEmpty, context.nulledKeys.contains(resolved.sql) {
            resolved = Resolved(sql: "NULL", type: resolved.type)
        }
        return resolved
    }

    private func resolveNode(_ expression: Expression, _ context: Context) throws(BigQuerySQLError) -> Resolved {
        let at = expression.offset
        switch expression.kind {
        case .null:
            return .constant("NULL", .int64, literal: .null)
        case .bool(let value):
            return .constant(value ? "1" : "0", .bool, literal: .bool(value))
        case .integer(let text):
            guard let value = Self.integerLiteral(text) else {
                throw BigQuerySQLError(.syntax, "Invalid integer literal: \(text)", offset: at)
            }
            return .constant(String(value), .int64, literal: .integer(value))
        case .float(let text):
            guard let value = Double(text) else {
                throw BigQuerySQLError(.syntax, "Invalid floating point literal: \(text)", offset: at)
            }
            return .constant(floatSQL(value), .float64, literal: .float(value))
        case .string(let text):
            return .constant(sqlString(text), .string, literal: .string(text))
        case .bytes(let value):
            return .constant("X'" + value.map { CivilLiteral.hex($0) }.joined() + "'", .bytes)
        case .typedLiteral(let type, let text):
            return try typedLiteral(type, text, at: at)
        case .interval:
            throw .unsupported("INTERVAL value outside DATE_ADD/DATE_SUB and friends", at: at)
        case .parameter(let name):
            return try parameter(name, at: at)
        case .path(let names):
            return try resolvePath(names, context)
        case .field(let base, let name):
            return try fieldAccess(try resolve(base, context), name)
        case .unary(let op, let operand):
            return try unary(op, try resolve(operand, context), operand, at: at)
        case .binary(let op, let left, let right):
            return try binary(op, left, right, context, at: at)
        case .isValue(let operand, let value, let negated):
            let r = try resolve(operand, context)
            if value != nil { try requireType(r, .bool, "IS \(value! ? "TRUE" : "FALSE")", operand) }
            let word = value.map { $0 ? "TRUE" : "FALSE" } ?? "NULL"
            return .combining([r], sql: "(\(r.sql) IS \(negated ? "NOT " : "")\(word))", type: .bool)
        case .isDistinct(let left, let right, let negated):
            let (l, r) = try comparable(
                try resolve(left, context), try resolve(right, context), "IS DISTINCT FROM", left)
            return .combining([l, r], sql: "(\(l.sql) IS \(negated ? "" : "NOT ")\(r.sql))", type: .bool)
        case .between(let value, let low, let high, let negated):
            var v = try resolve(value, context)
            var lo = try resolve(low, context)
            var hi = try resolve(high, context)
            (v, lo) = try comparable(v, lo, "BETWEEN", value)
            (v, hi) = try comparable(v, hi, "BETWEEN", value)
            (lo, hi) = try comparable(lo, hi, "BETWEEN", value)
            let sql: String
            if v.type.isDecimal {
                sql = "(bq_numeric_compare(\(v.sql), \(lo.sql)) >= 0 AND bq_numeric_compare(\(v.sql), \(hi.sql)) <= 0)"
            } else {
                sql = "(\(v.sql) \(negated ? "NOT " : "")BETWEEN \(lo.sql) AND \(hi.sql))"
            }
            if v.type.isDecimal && negated { return .combining([v, lo, hi], sql: "(NOT \(sql))", type: .bool) }
            return .combining([v, lo, hi], sql: sql, type: .bool)
        case .like(let value, let pattern, let negated):
            return try like(try resolve(value, context), try resolve(pattern, context), negated, value, pattern)
        case .inList(let value, let items, let negated):
            var v = try resolve(value, context)
            var parts: [Resolved] = [v]
            var sqls: [String] = []
            for item in items {
                var r = try resolve(item, context)
                (v, r) = try comparable(v, r, "IN", value)
                if v.type.isDecimal { throw .unsupported("IN with NUMERIC values", at: at) }
                parts.append(r)
                sqls.append(r.sql)
            }
            parts[0] = v
            return .combining(
                parts, sql: "(\(v.sql) \(negated ? "NOT " : "")IN (\(sqls.joined(separator: ", "))))", type: .bool)
        case .inSubquery(let value, let query, let negated):
            let v = try resolve(value, context)
            let result = try translate(query, outer: context.scope)
            guard result.columns.count == 1 else {
                throw BigQuerySQLError(
                    .invalid, "Subquery of type IN must have only one output column", offset: query.offset)
            }
            let (l, _) = try comparable(v, Resolved(sql: "", type: result.columns[0].type), "IN", value)
            var r = Resolved.combining(
                [l],
                sql:
                    "(\(l.sql) \(negated ? "NOT " : "")IN (SELECT \(sqlName(result.columns[0].sqlName)) FROM (\(result.sql))))",
                type: .bool)
            r.isConstant = false
            return r
        case .inUnnest(let value, let array, let negated):
            let v = try resolve(value, context)
            let a = try resolve(array, context)
            guard case .array(let element) = a.type else {
                throw BigQuerySQLError(
                    .type, "Second argument of IN UNNEST must be an array but was \(a.type)", offset: array.offset)
            }
            let (l, _) = try comparable(v, Resolved(sql: "", type: element), "IN UNNEST", value)
            let elementSQL = decodeJSONElement("value", element)
            return .combining(
                [l, a], sql: "(\(l.sql) \(negated ? "NOT " : "")IN (SELECT \(elementSQL) FROM json_each(\(a.sql))))",
                type: .bool)
        case .exists(let query):
            let result = try translate(query, outer: context.scope)
            return Resolved(sql: "(EXISTS (\(result.sql)))", type: .bool)
        case .scalarSubquery(let query):
            let result = try translate(query, outer: context.scope)
            guard result.columns.count == 1 else {
                throw BigQuerySQLError(
                    .invalid,
                    "Scalar subquery cannot have more than one column unless using SELECT AS STRUCT to build STRUCT values",
                    offset: at)
            }
            let column = sqlName(result.columns[0].sqlName)
            if result.singleRow {
                return Resolved(sql: "(SELECT \(column) FROM (\(result.sql)))", type: result.columns[0].type)
            }
            // BigQuery fails when a scalar subquery returns more than one row; SQLite would take the first.
            return Resolved(
                sql: "(SELECT CASE WHEN count(*) > 1 THEN bq_error('Scalar subquery produced more than one element') "
                    + "ELSE min(\(column)) END FROM (SELECT \(column) FROM (\(result.sql)) LIMIT 2))",
                type: result.columns[0].type)
        case .arraySubquery(let query):
            let result = try translate(query, outer: context.scope)
            guard result.columns.count == 1 else {
                throw BigQuerySQLError(
                    .invalid,
                    "ARRAY subquery cannot have more than one column unless using SELECT AS STRUCT to build STRUCT values",
                    offset: at)
            }
            let element = result.columns[0].type
            let value = jsonElement(Resolved(sql: sqlName(result.columns[0].sqlName), type: element))
            return Resolved(
                sql: "(SELECT coalesce(json_group_array(\(value)), '[]') FROM (\(result.sql)))", type: .array(element))
        case .caseWhen(let operand, let whens, let otherwise):
            return try caseWhen(operand, whens, otherwise, context, at: at)
        case .cast(let value, let typeName, let safe, let format):
            guard let type = SQLType(typeName) else {
                if case .simple(let name, let offset) = typeName {
                    throw BigQuerySQLError(.type, "Type not found: \(name)", offset: offset)
                }
                throw BigQuerySQLError(.type, "Type not found", offset: at)
            }
            if let format {
                return try castFormat(try resolve(value, context), to: type, format, safe: safe, context, at: at)
            }
            return try cast(try resolve(value, context), to: type, safe: safe, at: at)
        case .extract(let part, let value, let zone):
            return try extract(
                part, try resolve(value, context), zone.map { e throws(BigQuerySQLError) in try resolve(e, context) },
                at: at)
        case .call(let call):
            return try resolveCall(call, context, at: at)
        case .array(let typeName, let elements):
            var items: [Resolved] = []
            for element in elements { items.append(try resolve(element, context)) }
            var elementType: SQLType? = typeName.flatMap { SQLType($0) }
            if elementType == nil {
                elementType = try supertype(items, "ARRAY", at: at)
            }
            guard let elementType else {
                throw BigQuerySQLError(
                    .type, "Cannot infer the element type of an empty array literal; write ARRAY<type>[]", offset: at)
            }
            var coerced: [Resolved] = []
            for (index, item) in items.enumerated() {
                coerced.append(try coerce(item, to: elementType, at: elements[index].offset, what: "array element"))
            }
            if case .array = elementType {
                throw BigQuerySQLError(.type, "Arrays of arrays are not supported", offset: at)
            }
            let values = coerced.map { jsonElement($0) }
            return .combining(coerced, sql: "json_array(\(values.joined(separator: ", ")))", type: .array(elementType))
        case .structure(let typeName, let fields):
            var items: [Resolved] = []
            var typeFields: [SQLType.StructField] = []
            let declared: [SQLType.StructField]? = {
                if let typeName, case .structure(let f)? = SQLType(typeName) { return f }
                return nil
            }()
            for (index, (expression, alias)) in fields.enumerated() {
                var r = try resolve(expression, context)
                var name = alias?.text ?? ""
                if alias == nil, case .path(let names) = expression.kind { name = names.last?.text ?? "" }
                if let declared {
                    guard index < declared.count else {
                        throw BigQuerySQLError(
                            .type,
                            "STRUCT type has \(declared.count) fields but constructor call has \(fields.count) fields",
                            offset: at)
                    }
                    r = try coerce(r, to: declared[index].type, at: expression.offset, what: "struct field")
                    name = declared[index].name
                }
                items.append(r)
                typeFields.append(SQLType.StructField(name: name, type: r.type))
            }
            return .combining(
                items, sql: "json_array(\(items.map { jsonElement($0) }.joined(separator: ", ")))",
                type: .structure(typeFields))
        case .element(let base, let accessor, let index):
            let a = try resolve(base, context)
            let i = try coerce(try resolve(index, context), to: .int64, at: index.offset, what: "array index")
            guard case .array(let element) = a.type else {
                throw BigQuerySQLError(
                    .type, "Array element access is not supported for values of type \(a.type)", offset: at)
            }
            let position = accessor.hasSuffix("ORDINAL") ? "(\(i.sql) - 1)" : i.sql
            let function = accessor.hasPrefix("SAFE") ? "bq_array_safe_offset" : "bq_array_offset"
            let raw = "\(function)(\(a.sql), \(position), \(sqlString(element.description)))"
            return .combining([a, i], sql: raw, type: element)
        case .datePart(let part):
            throw BigQuerySQLError(.notFound, "Unrecognized name: \(part)", offset: at)
        }
    }

    /// The start of an expression in the text: for operators, the start of the left operand.
    func start(of expression: Expression) -> Int {
        switch expression.kind {
        case .binary(_, let left, _), .isValue(let left, _, _), .isDistinct(let left, _, _),
            .between(let left, _, _, _), .like(let left, _, _), .inList(let left, _, _), .inSubquery(let left, _, _),
            .inUnnest(let left, _, _), .element(let left, _, _), .field(let left, _):
            return start(of: left)
        default:
            return expression.offset
        }
    }

    static func integerLiteral(_ text: String) -> Int64? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return Int64(text.dropFirst(2), radix: 16) }
        return Int64(text)
    }

    /// SQLite text for a FLOAT64 constant (`1.0`, `2.5e-07`, `9e999` for infinity).
    func floatSQL(_ value: Double) -> String {
        if value.isNaN { return "'NaN'" }
        if value.isInfinite { return value > 0 ? "9e999" : "-9e999" }
        let text = "\(value)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    private func parameter(_ name: String, at: Int) throws(BigQuerySQLError) -> Resolved {
        guard let parameter = parameters[name.lowercased()] else {
            throw BigQuerySQLError(.notFound, "Query parameter '\(name)' not found", offset: at)
        }
        guard let value = parameter.value else { return .constant("NULL", parameter.type) }
        let literal = Resolved.constant(sqlString(value), .string, literal: .string(value))
        switch parameter.type {
        case .string: return literal
        case .int64:
            guard let n = Int64(value) else {
                throw BigQuerySQLError(.type, "Invalid INT64 value for query parameter \(name): \(value)", offset: at)
            }
            return .constant(String(n), .int64, literal: .integer(n))
        case .float64:
            guard let d = Double(value) else {
                throw BigQuerySQLError(.type, "Invalid FLOAT64 value for query parameter \(name): \(value)", offset: at)
            }
            return .constant(floatSQL(d), .float64, literal: .float(d))
        case .bool:
            switch value.lowercased() {
            case "true": return .constant("1", .bool, literal: .bool(true))
            case "false": return .constant("0", .bool, literal: .bool(false))
            default:
                throw BigQuerySQLError(.type, "Invalid BOOL value for query parameter \(name): \(value)", offset: at)
            }
        default:
            var typed = try coerce(literal, to: parameter.type, at: at, what: "query parameter \(name)")
            typed.literal = nil
            return typed
        }
    }

    /// `DATE '...'` and the other typed literals, checked and in canonical form.
    private func typedLiteral(_ type: String, _ text: String, at: Int) throws(BigQuerySQLError) -> Resolved {
        let target: SQLType
        switch type {
        case "DATE": target = .date
        case "DATETIME": target = .datetime
        case "TIME": target = .time
        case "TIMESTAMP": target = .timestamp
        case "NUMERIC": target = .numeric
        case "BIGNUMERIC": target = .bignumeric
        default: throw .unsupported("\(type) literal", at: at)
        }
        var r = try coerce(
            .constant(sqlString(text), .string, literal: .string(text)), to: target, at: at, what: "typed literal")
        r.literal = nil
        return r
    }
}
