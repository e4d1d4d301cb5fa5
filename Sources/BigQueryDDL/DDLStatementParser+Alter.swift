extension DDLStatementParser {
    /// Parses `ALTER TABLE name ADD COLUMN ..., ADD COLUMN ...` or `ALTER TABLE name SET OPTIONS(...)`.
    mutating func parseAlterTable() throws(DDLError) -> DDLStatement {
        let alterToken = advance()
        if !isKeyword("TABLE") {
            guard let word = wordAfter(0) else {
                throw .syntax("expected TABLE after ALTER, found \(describe(current))", at: here)
            }
            let construct = word == "MATERIALIZED" ? "ALTER MATERIALIZED VIEW" : "ALTER \(word)"
            throw .unsupported(construct, hint: DDLError.supportedStatements, at: position(of: alterToken))
        }
        advance()
        if isKeyword("IF") {
            throw refusal(
                ["ALTER TABLE IF EXISTS"], hint: "bmrs migrations alter tables that earlier migrations create")
        }
        let reference = try parseTableReference()
        if isKeyword("SET") {
            guard isKeyword("OPTIONS", at: 1) else {
                let construct = isKeyword("DEFAULT", at: 1) ? "SET DEFAULT COLLATE" : "SET \(wordAfter(1) ?? "")"
                throw refusal([construct], hint: DDLError.supportedStatements)
            }
            advance()
            advance()
            let options = try parseTableOptions()
            try expectEnd(after: "ALTER TABLE SET OPTIONS")
            return .setOptions(reference, options)
        }
        var clauses: [DDLStatement.AddColumn] = []
        repeat {
            switch wordAfter(0) {
            case "ADD" where isKeyword("COLUMN", at: 1):
                advance()
                advance()
                var ifNotExists = false
                if acceptKeyword("IF") {
                    try expectKeyword("NOT", "after ADD COLUMN IF")
                    try expectKeyword("EXISTS", "after ADD COLUMN IF NOT")
                    ifNotExists = true
                }
                clauses.append(DDLStatement.AddColumn(column: try parseColumnDefinition(), ifNotExists: ifNotExists))
            case "ADD" where isKeyword("PRIMARY", at: 1) || isKeyword("FOREIGN", at: 1):
                throw refusal(["ADD", wordAfter(1) ?? "", "KEY"], hint: DDLError.supportedStatements)
            case "ADD" where isKeyword("CONSTRAINT", at: 1):
                throw refusal(["ADD CONSTRAINT"], hint: DDLError.supportedStatements)
            case "ADD":
                throw .syntax(
                    "expected COLUMN after ADD, found \(describe(token(at: 1)))", at: position(of: token(at: 1)))
            case "DROP":
                let object = wordAfter(1).flatMap { ["COLUMN", "CONSTRAINT"].contains($0) ? $0 : nil }
                let words = isKeyword("PRIMARY", at: 1) ? ["DROP PRIMARY KEY"] : ["DROP", object ?? ""]
                throw refusal(words, hint: DDLError.supportedStatements)
            case "RENAME":
                let object = wordAfter(1).flatMap { ["COLUMN", "TO"].contains($0) ? $0 : nil }
                throw refusal(["RENAME", object ?? ""], hint: DDLError.supportedStatements)
            case "ALTER":
                throw refusal(["ALTER COLUMN"], hint: DDLError.supportedStatements)
            case "SET" where !clauses.isEmpty:
                throw .syntax("SET OPTIONS cannot be combined with ADD COLUMN in one ALTER TABLE statement", at: here)
            default:
                throw .syntax(
                    "expected ADD COLUMN or SET OPTIONS after the table name, found \(describe(current))", at: here)
            }
        } while acceptSymbol(",")
        try expectEnd(after: "the ALTER TABLE statement")
        return .addColumns(reference, clauses)
    }
}
