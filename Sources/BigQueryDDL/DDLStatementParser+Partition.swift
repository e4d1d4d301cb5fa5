extension DDLStatementParser {
    /// The hint after a refused partitioning clause.
    static let partitionHint =
        "bmrs partitions tables by day: PARTITION BY date_column, DATE(timestamp_column) "
        + "or TIMESTAMP_TRUNC(timestamp_column, DAY)"

    /// Parses the expression after `PARTITION BY` and returns the partition column's declared name.
    ///
    /// Accepts daily partitioning only, in the forms BigQuery accepts for each column type:
    /// `date_column`; `DATE(timestamp_or_datetime_column)`; `TIMESTAMP_TRUNC(timestamp_column, DAY)`;
    /// `DATETIME_TRUNC(datetime_column, DAY)`. Refuses `RANGE_BUCKET`, ingestion-time partitioning
    /// (`_PARTITIONDATE`, `_PARTITIONTIME`) and `HOUR`, `MONTH` or `YEAR` granularity; a form that
    /// does not fit the column's type is ``DDLError/Code/invalidDefinition``.
    mutating func parsePartitionExpression(columns: [ColumnDefinition]) throws(DDLError) -> String {
        let start = current
        func invalid(_ detail: String) -> DDLError {
            .make(.invalidDefinition, "invalid definition: \(detail)", at: position(of: start))
        }
        guard case .identifier(let word) = start.kind, token(at: 1).kind == .symbol("(") else {
            let column = try parsePartitionArgument(columns: columns)
            switch column.type {
            case .date:
                return column.name
            case .timestamp:
                throw invalid(
                    "PARTITION BY a column needs a DATE column; for TIMESTAMP column '\(column.name)' "
                        + "write DATE(\(column.name)) or TIMESTAMP_TRUNC(\(column.name), DAY)")
            case .datetime:
                throw invalid(
                    "PARTITION BY a column needs a DATE column; for DATETIME column '\(column.name)' "
                        + "write DATE(\(column.name)) or DATETIME_TRUNC(\(column.name), DAY)")
            default:
                throw invalid(
                    "BigQuery partitions by a DATE, TIMESTAMP or DATETIME column; "
                        + "'\(column.name)' is \(column.type.rawValue)")
            }
        }
        let function = word.uppercased()
        switch function {
        case "RANGE_BUCKET":
            throw refusal(["RANGE_BUCKET"], hint: Self.partitionHint)
        case "DATE":
            advance()
            advance()
            let column = try parsePartitionArgument(columns: columns)
            try expectSymbol(")", "after the argument of DATE")
            guard column.type == .timestamp || column.type == .datetime else {
                let advice = column.type == .date ? "; write PARTITION BY \(column.name)" : ""
                throw invalid(
                    "DATE(...) in PARTITION BY needs a TIMESTAMP or DATETIME column; "
                        + "'\(column.name)' is \(column.type.rawValue)\(advice)")
            }
            return column.name
        case "TIMESTAMP_TRUNC", "DATETIME_TRUNC", "DATE_TRUNC":
            advance()
            advance()
            let column = try parsePartitionArgument(columns: columns)
            try expectSymbol(",", "after the column in \(function)")
            let unitToken = current
            guard let unit = wordAfter(0) else {
                throw .syntax("expected DAY, found \(describe(unitToken))", at: here)
            }
            advance()
            try expectSymbol(")", "after the granularity of \(function)")
            switch unit {
            case "DAY": break
            case "HOUR", "MONTH", "YEAR":
                throw .unsupported("\(unit) partitioning", hint: Self.partitionHint, at: position(of: unitToken))
            default:
                throw .syntax(
                    "expected DAY, HOUR, MONTH or YEAR, found \(describe(unitToken))", at: position(of: unitToken))
            }
            if function == "DATE_TRUNC" {
                throw invalid(
                    "BigQuery accepts DATE_TRUNC in PARTITION BY only with MONTH or YEAR; "
                        + "for daily partitions write PARTITION BY \(column.name)")
            }
            let expected: BigQueryType = function == "TIMESTAMP_TRUNC" ? .timestamp : .datetime
            guard column.type == expected else {
                throw invalid(
                    "\(function) in PARTITION BY needs a \(expected.rawValue) column; "
                        + "'\(column.name)' is \(column.type.rawValue)")
            }
            return column.name
        default:
            throw refusal(["PARTITION BY \(function)(...)"], hint: Self.partitionHint)
        }
    }

    /// Parses the column a partition expression names and finds it among the statement's columns.
    private mutating func parsePartitionArgument(columns: [ColumnDefinition]) throws(DDLError) -> ColumnDefinition {
        if let word = wordAfter(0), word == "_PARTITIONDATE" || word == "_PARTITIONTIME" {
            throw refusal(["ingestion-time partitioning (\(word))"], hint: Self.partitionHint)
        }
        let nameToken = current
        let name = try parseColumnName(role: "a partition column")
        guard let column = columns.first(where: { $0.isNamed(name) }) else {
            throw .make(
                .unknownColumn, "unknown column '\(name)' in the PARTITION BY clause", at: position(of: nameToken))
        }
        return column
    }
}
