extension Analyzer {
    /// `CAST(x AS type FORMAT f [AT TIME ZONE z])` ("Format clause for CAST"): DATE, DATETIME, TIME and TIMESTAMP
    /// to STRING and back, through the pack's `bq_cast_format` (SAFE_CAST: through `bq_safe`). The format clauses
    /// of numbers and BYTES have no exact translation here and are refused.
    func castFormat(
        _ value: Resolved, to type: SQLType, _ formatExpression: Expression, safe: Bool, _ context: Context, at: Int
    ) throws(BigQuerySQLError) -> Resolved {
        var formatPart = formatExpression
        var zone: Resolved? = nil
        if case .structure(nil, let pair) = formatExpression.kind, pair.count == 2 {
            formatPart = pair[0].0
            zone = try resolve(pair[1].0, context)
        }
        let format = try resolve(formatPart, context)
        guard format.type == .string || format.isNullLiteral else {
            throw BigQuerySQLError(
                .type, "FORMAT expression must be STRING, but is \(format.type)", offset: formatPart.offset)
        }
        let temporal: [SQLType] = [.date, .datetime, .time, .timestamp]
        let source = value.isNullLiteral ? .string : value.type
        let supported =
            (temporal.contains(source) && type == .string) || (source == .string && temporal.contains(type))
        guard supported else {
            throw .unsupported("CAST from \(source) to \(type) with FORMAT", at: formatExpression.offset)
        }
        if let zone, zone.type != .string || (source != .timestamp && type != .timestamp) {
            throw BigQuerySQLError(
                .invalid, "AT TIME ZONE is only allowed in a CAST with FORMAT from or to TIMESTAMP",
                offset: formatExpression.offset)
        }
        var arguments = [value.sql, sqlString(source.description), sqlString(type.description), format.sql]
        if let zone { arguments.append(zone.sql) }
        let call = "bq_cast_format(\(arguments.joined(separator: ", ")))"
        return .combining(
            [value, format] + (zone.map { [$0] } ?? []), sql: safe ? Self.safeSQL(call) : call, type: type)
    }
}
