/// Parses the BigQuery DDL subset bmrs migrations use.
///
/// Supported: `CREATE TABLE [IF NOT EXISTS]` with scalar BigQuery types, `NOT NULL`,
/// `OPTIONS(description = ...)`, `PRIMARY KEY (...) NOT ENFORCED`, `PARTITION BY` (daily),
/// `CLUSTER BY` and table `OPTIONS(...)`; `ALTER TABLE ... ADD COLUMN [IF NOT EXISTS] ..., ...`;
/// `ALTER TABLE ... SET OPTIONS(...)`. Statements are separated by `;`. Anything else is a
/// ``DDLError`` with code ``DDLError/Code/unsupportedConstruct`` naming the construct, or
/// ``DDLError/Code/syntax`` when the text is not DDL at all; every error carries line and column.
public enum DDLParser {
    /// Parses every statement of a migration.
    ///
    /// - Parameters:
    ///   - sql: The migration's text.
    ///   - source: The migration's file name, used in errors.
    public static func parse(_ sql: String, source: String) throws(DDLError) -> [DDLStatement] {
        try parseLocated(sql, source: source).map(\.statement)
    }

    /// Parses every statement of a migration, keeping where each statement starts.
    public static func parseLocated(_ sql: String, source: String) throws(DDLError) -> [LocatedStatement] {
        var parser = try DDLStatementParser(sql: sql, source: source)
        return try parser.parseStatements()
    }
}

/// The recursive-descent parser behind ``DDLParser``: one instance reads one source text.
struct DDLStatementParser {
    /// The source's tokens; the last is always `.end`.
    private(set) var tokens: [DDLToken]
    /// The index of the current token.
    private(set) var index = 0
    /// The source's name, for errors.
    let source: String

    /// Tokenizes `sql`; throws on a lexical error.
    init(sql: String, source: String) throws(DDLError) {
        var tokenizer = DDLTokenizer(sql: sql, source: source)
        tokens = try tokenizer.tokenize()
        self.source = source
    }

    /// Parses statements separated by `;` until the end of the input.
    mutating func parseStatements() throws(DDLError) -> [LocatedStatement] {
        var statements: [LocatedStatement] = []
        while current.kind != .end {
            if acceptSymbol(";") { continue }
            let start = current
            let statement = try parseStatement()
            statements.append(
                LocatedStatement(statement: statement, source: source, line: start.line, column: start.column))
            if !acceptSymbol(";") {
                try expectEnd(after: "the statement")
            }
        }
        return statements
    }

    /// Statement keywords that are valid BigQuery but not supported in migrations.
    private static let refusedStatements: Set<String> = [
        "INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "SELECT", "WITH", "GRANT", "REVOKE", "DECLARE",
        "SET", "BEGIN", "CALL", "EXECUTE", "EXPORT", "LOAD", "UNDROP", "ASSERT", "IF", "LOOP", "WHILE", "RETURN",
        "COMMIT", "ROLLBACK", "RAISE",
    ]

    /// Parses one statement starting at the current token.
    private mutating func parseStatement() throws(DDLError) -> DDLStatement {
        guard case .identifier(let word) = current.kind else {
            throw .syntax("expected CREATE or ALTER at the start of a statement, found \(describe(current))", at: here)
        }
        switch word.uppercased() {
        case "CREATE":
            return try parseCreateTable()
        case "ALTER":
            return try parseAlterTable()
        case "DROP":
            throw refusal(["DROP", wordAfter(1) ?? ""], hint: DDLError.supportedStatements)
        case "TRUNCATE":
            throw refusal(["TRUNCATE TABLE"], hint: DDLError.supportedStatements)
        case let upper where Self.refusedStatements.contains(upper):
            throw refusal([upper], hint: DDLError.supportedStatements)
        default:
            throw .syntax("expected CREATE or ALTER at the start of a statement, found \(describe(current))", at: here)
        }
    }

    /// Parses `name`, `dataset.name` or `project.dataset.name`, each part bare or backticked.
    mutating func parseTableReference() throws(DDLError) -> TableReference {
        let start = current
        var parts: [String] = []
        repeat {
            switch current.kind {
            case .identifier(let word):
                if Self.reservedKeywords.contains(word.uppercased()) {
                    throw .syntax(
                        "expected a table name, found the reserved keyword '\(word)' "
                            + "(quote it with backticks to use it as a name)", at: here)
                }
                parts.append(word)
            case .quotedIdentifier(let quoted):
                parts += quoted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            default:
                throw .syntax("expected a table name, found \(describe(current))", at: here)
            }
            advance()
        } while acceptSymbol(".")
        guard let reference = TableReference(parts: parts) else {
            throw .syntax(
                "'\(parts.joined(separator: "."))' is not a table name of the form "
                    + "table, dataset.table or project.dataset.table",
                at: position(of: start))
        }
        return reference
    }

    /// Throws a syntax error unless the current token ends a statement (`;` or end of input).
    mutating func expectEnd(after what: String) throws(DDLError) {
        if current.kind == .end || isSymbol(";") { return }
        throw .syntax("expected ';' after \(what), found \(describe(current))", at: here)
    }

    // MARK: - Token helpers

    /// The current token.
    var current: DDLToken { tokens[index] }

    /// The position of the current token.
    var here: SourcePosition { position(of: current) }

    /// The token `offset` tokens ahead of the current one (the end token past the end).
    func token(at offset: Int) -> DDLToken {
        tokens[min(index + offset, tokens.count - 1)]
    }

    /// Moves to the next token and returns the one it leaves; stays on the end token.
    @discardableResult
    mutating func advance() -> DDLToken {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// The position of `token` in this source.
    func position(of token: DDLToken) -> SourcePosition {
        SourcePosition(source: source, line: token.line, column: token.column)
    }

    /// How an error names a token: `'PARTITION'` or `end of input`.
    func describe(_ token: DDLToken) -> String {
        token.kind == .end ? "end of input" : "'\(token.text)'"
    }

    /// Whether the token `offset` ahead is the unquoted keyword `keyword` (any letter case).
    func isKeyword(_ keyword: String, at offset: Int = 0) -> Bool {
        if case .identifier(let word) = token(at: offset).kind { return word.uppercased() == keyword }
        return false
    }

    /// The unquoted word `offset` tokens ahead, upper-cased, or `nil` if that token is not a word.
    func wordAfter(_ offset: Int) -> String? {
        if case .identifier(let word) = token(at: offset).kind { return word.uppercased() }
        return nil
    }

    /// Consumes the keyword if it is current.
    mutating func acceptKeyword(_ keyword: String) -> Bool {
        guard isKeyword(keyword) else { return false }
        advance()
        return true
    }

    /// Consumes the keyword or throws a syntax error saying what was expected where.
    mutating func expectKeyword(_ keyword: String, _ context: String) throws(DDLError) {
        guard acceptKeyword(keyword) else {
            throw .syntax("expected \(keyword) \(context), found \(describe(current))", at: here)
        }
    }

    /// Whether the current token is the punctuation `symbol`.
    func isSymbol(_ symbol: Character) -> Bool {
        current.kind == .symbol(symbol)
    }

    /// Consumes the punctuation if it is current.
    mutating func acceptSymbol(_ symbol: Character) -> Bool {
        guard isSymbol(symbol) else { return false }
        advance()
        return true
    }

    /// Consumes the punctuation or throws a syntax error saying what was expected where.
    mutating func expectSymbol(_ symbol: Character, _ context: String) throws(DDLError) {
        guard acceptSymbol(symbol) else {
            throw .syntax("expected '\(symbol)' \(context), found \(describe(current))", at: here)
        }
    }

    /// An unsupported-construct error at the current token naming the words joined by spaces.
    func refusal(_ words: [String], hint: String) -> DDLError {
        let construct = words.filter { !$0.isEmpty }.joined(separator: " ")
        return .unsupported(construct, hint: hint, at: here)
    }
}
