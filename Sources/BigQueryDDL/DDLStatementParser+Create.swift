extension DDLStatementParser {
    /// The hint after a refused column-level construct.
    static let columnHint = "bmrs migrations declare columns as name TYPE [NOT NULL] [OPTIONS(description = ...)]"

    /// The hint after a refused constraint.
    static let constraintHint = "the only constraint bmrs migrations support is PRIMARY KEY (...) NOT ENFORCED"

    /// Parses `CREATE TABLE [IF NOT EXISTS] name (elements) [PARTITION BY ...] [CLUSTER BY ...] [OPTIONS(...)]`,
    /// refusing the other kinds of `CREATE`.
    mutating func parseCreateTable() throws(DDLError) -> DDLStatement {
        let createToken = current
        func refuse(_ construct: String) -> DDLError {
            .unsupported(construct, hint: DDLError.supportedStatements, at: position(of: createToken))
        }
        advance()
        if isKeyword("OR") { throw refuse("CREATE OR REPLACE") }
        if isKeyword("TEMP") || isKeyword("TEMPORARY") { throw refuse("CREATE TEMP TABLE") }
        if isKeyword("MATERIALIZED") { throw refuse("CREATE MATERIALIZED VIEW") }
        if !isKeyword("TABLE") {
            guard let word = wordAfter(0) else {
                throw .syntax("expected TABLE after CREATE, found \(describe(current))", at: here)
            }
            let construct = ["EXTERNAL", "SNAPSHOT"].contains(word) ? "CREATE \(word) TABLE" : "CREATE \(word)"
            throw refuse(construct)
        }
        advance()
        var ifNotExists = false
        if acceptKeyword("IF") {
            try expectKeyword("NOT", "after CREATE TABLE IF")
            try expectKeyword("EXISTS", "after CREATE TABLE IF NOT")
            ifNotExists = true
        }
        let reference = try parseTableReference()
        for word in ["LIKE", "COPY", "CLONE"] where isKeyword(word) {
            throw refusal(["CREATE TABLE", word], hint: DDLError.supportedStatements)
        }
        if isKeyword("AS") { throw refusal(["CREATE TABLE AS SELECT"], hint: DDLError.supportedStatements) }
        try expectSymbol("(", "and the column list after the table name")
        var table = TableDefinition(reference: reference, columns: [])
        try parseTableElements(into: &table)
        guard acceptSymbol(")") else {
            throw .syntax("expected ',' or ')' after a column definition, found \(describe(current))", at: here)
        }

        if isKeyword("DEFAULT") { throw refusal(["DEFAULT COLLATE"], hint: Self.columnHint) }
        if acceptKeyword("PARTITION") {
            try expectKeyword("BY", "after PARTITION")
            table.partitionColumn = try parsePartitionExpression(columns: table.columns)
            table.partitionGranularity = .day
        }
        if acceptKeyword("CLUSTER") {
            try expectKeyword("BY", "after CLUSTER")
            repeat {
                table.clusterColumns.append(try parseColumnName(role: "a cluster column"))
            } while acceptSymbol(",")
        }
        if isKeyword("WITH") { throw refusal(["WITH CONNECTION"], hint: DDLError.supportedStatements) }
        if acceptKeyword("OPTIONS") {
            table.apply(try parseTableOptions())
        }
        if isKeyword("AS") { throw refusal(["CREATE TABLE AS SELECT"], hint: DDLError.supportedStatements) }
        if isKeyword("PARTITION") || isKeyword("CLUSTER") {
            throw .syntax("PARTITION BY, CLUSTER BY and OPTIONS must come in that order", at: here)
        }
        try expectEnd(after: "the CREATE TABLE statement")
        return .createTable(table, ifNotExists: ifNotExists)
    }

    /// Parses the comma-separated column definitions and table constraints between the parentheses.
    private mutating func parseTableElements(into table: inout TableDefinition) throws(DDLError) {
        var primaryKeyToken: DDLToken?
        repeat {
            if isKeyword("PRIMARY") && isKeyword("KEY", at: 1) {
                if let primaryKeyToken {
                    throw .make(
                        .invalidDefinition,
                        "invalid definition: a second PRIMARY KEY; the first is at line \(primaryKeyToken.line)",
                        at: here)
                }
                primaryKeyToken = current
                table.primaryKey = try parsePrimaryKey()
            } else if isKeyword("FOREIGN") && isKeyword("KEY", at: 1) {
                throw refusal(["FOREIGN KEY"], hint: Self.constraintHint)
            } else if isKeyword("CONSTRAINT") {
                let construct = isKeyword("FOREIGN", at: 2) ? "FOREIGN KEY" : "CONSTRAINT"
                throw refusal([construct], hint: Self.constraintHint)
            } else {
                table.columns.append(try parseColumnDefinition())
            }
        } while acceptSymbol(",")
        if table.columns.isEmpty {
            throw .make(.invalidDefinition, "invalid definition: a table needs at least one column", at: here)
        }
    }

    /// Parses `PRIMARY KEY (a, b) NOT ENFORCED`, refusing a key BigQuery would enforce.
    private mutating func parsePrimaryKey() throws(DDLError) -> [String] {
        let primaryToken = advance()
        advance()
        try expectSymbol("(", "after PRIMARY KEY")
        var columns: [String] = []
        repeat {
            columns.append(try parseColumnName(role: "a primary key column"))
        } while acceptSymbol(",")
        try expectSymbol(")", "after the primary key columns")
        guard isKeyword("NOT") && isKeyword("ENFORCED", at: 1) else {
            throw .unsupported(
                "PRIMARY KEY without NOT ENFORCED",
                hint: "BigQuery requires PRIMARY KEY (...) NOT ENFORCED", at: position(of: primaryToken))
        }
        advance()
        advance()
        return columns
    }

    /// Parses `name TYPE [NOT NULL] [OPTIONS(description = ...)]`, refusing other column clauses.
    mutating func parseColumnDefinition() throws(DDLError) -> ColumnDefinition {
        let name = try parseColumnName(role: "a column name")
        let type = try parseType()
        var column = ColumnDefinition(name: name, type: type)
        try refuseColumnClause()
        if acceptKeyword("NOT") {
            try expectKeyword("NULL", "after NOT in a column definition")
            column.isRequired = true
            try refuseColumnClause()
        }
        if acceptKeyword("OPTIONS") {
            let options = try parseOptionList(supported: ["description"], hint: Self.columnHint)
            for option in options {
                column.description = try option.stringValue()
            }
            try refuseColumnClause()
        }
        return column
    }

    /// Throws if the current token starts a column clause bmrs does not support.
    private func refuseColumnClause() throws(DDLError) {
        switch wordAfter(0) {
        case "DEFAULT": throw refusal(["DEFAULT value"], hint: Self.columnHint)
        case "COLLATE": throw refusal(["COLLATE"], hint: Self.columnHint)
        case "PRIMARY": throw refusal(["column-level PRIMARY KEY"], hint: Self.constraintHint)
        case "REFERENCES": throw refusal(["REFERENCES"], hint: Self.constraintHint)
        case "GENERATED", "AS": throw refusal(["generated column"], hint: Self.columnHint)
        default: return
        }
    }

    /// Parses a scalar type name, refusing parameterised, `ARRAY`, `STRUCT` and unsupported types.
    private mutating func parseType() throws(DDLError) -> BigQueryType {
        let typeToken = current
        let hint =
            "bmrs migrations use the types " + BigQueryType.allCases.map(\.rawValue).joined(separator: ", ")
            + " without parameters"
        guard case .identifier(let word) = typeToken.kind else {
            throw .syntax("expected a column type, found \(describe(typeToken))", at: here)
        }
        if let construct = BigQueryType.unsupportedTypeNames[word.uppercased()] {
            throw refusal([construct], hint: hint)
        }
        guard let type = BigQueryType(sqlName: word) else {
            throw .syntax("unknown type \(describe(typeToken))", at: here)
        }
        advance()
        if isSymbol("(") {
            var written = word.uppercased()
            while current.kind != .end {
                let token = advance()
                written += token.text + (token.kind == .symbol(",") ? " " : "")
                if token.kind == .symbol(")") { break }
            }
            throw .unsupported(written, hint: hint, at: position(of: typeToken))
        }
        return type
    }

    /// Parses a column name, bare or backticked; a bare reserved keyword is a syntax error.
    mutating func parseColumnName(role: String) throws(DDLError) -> String {
        switch current.kind {
        case .identifier(let word):
            if Self.reservedKeywords.contains(word.uppercased()) {
                throw .syntax(
                    "expected \(role), found the reserved keyword '\(word)' (quote it with backticks to use it as a name)",
                    at: here)
            }
            advance()
            return word
        case .quotedIdentifier(let name):
            advance()
            return name
        default:
            throw .syntax("expected \(role), found \(describe(current))", at: here)
        }
    }

    /// BigQuery's reserved keywords, which cannot be bare names.
    static let reservedKeywords: Set<String> = [
        "ALL", "AND", "ANY", "ARRAY", "AS", "ASC", "ASSERT_ROWS_MODIFIED", "AT", "BETWEEN", "BY", "CASE", "CAST",
        "COLLATE", "CONTAINS", "CREATE", "CROSS", "CUBE", "CURRENT", "DEFAULT", "DEFINE", "DESC", "DISTINCT", "ELSE",
        "END", "ENUM", "ESCAPE", "EXCEPT", "EXCLUDE", "EXISTS", "EXTRACT", "FALSE", "FETCH", "FOLLOWING", "FOR", "FROM",
        "FULL", "GROUP", "GROUPING", "GROUPS", "HASH", "HAVING", "IF", "IGNORE", "IN", "INNER", "INTERSECT",
        "INTERVAL", "INTO", "IS", "JOIN", "LATERAL", "LEFT", "LIKE", "LIMIT", "LOOKUP", "MERGE", "NATURAL", "NEW", "NO",
        "NOT", "NULL", "NULLS", "OF", "ON", "OR", "ORDER", "OUTER", "OVER", "PARTITION", "PRECEDING", "PROTO",
        "QUALIFY", "RANGE", "RECURSIVE", "RESPECT", "RIGHT", "ROLLUP", "ROWS", "SELECT", "SET", "SOME", "STRUCT",
        "TABLESAMPLE", "THEN", "TO", "TREAT", "TRUE", "UNBOUNDED", "UNION", "UNNEST", "USING", "WHEN", "WHERE",
        "WINDOW", "WITH", "WITHIN",
    ]
}
