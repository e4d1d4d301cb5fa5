/// One lexical token of a BigQuery query, with the byte offset where it starts.
struct Token: Sendable, Equatable {
    /// What the token is, with literal values already unescaped.
    enum Kind: Sendable, Equatable {
        /// A reserved word, upper-cased (`SELECT`, `QUALIFY`).
        case keyword(String)
        /// An unquoted name as written (also non-reserved words such as `DATE` or `OFFSET`).
        case identifier(String)
        /// A backticked name without the backticks, escapes resolved; it may contain dots.
        case quotedIdentifier(String)
        /// A string literal's value.
        case string(String)
        /// A bytes literal's value.
        case bytes([UInt8])
        /// An integer literal as written (decimal or `0x` hexadecimal).
        case integer(String)
        /// A floating-point literal as written.
        case float(String)
        /// A named query parameter `@name`, without the `@`.
        case parameter(String)
        /// An operator or punctuation: `(`, `<=`, `||`, `.`, ...
        case symbol(String)
        /// The end of the input.
        case end
    }

    /// What the token is.
    var kind: Kind
    /// The byte offset of the token's first character.
    var offset: Int

    /// How BigQuery names the token in `Unexpected ...` syntax errors.
    var described: String {
        switch kind {
        case .keyword(let word): "keyword \(word)"
        case .identifier(let name): "identifier \"\(name)\""
        case .quotedIdentifier(let name): "identifier `\(name)`"
        case .string(let value): "string literal \"\(value)\""
        case .bytes: "bytes literal"
        case .integer(let text): "integer literal \"\(text)\""
        case .float(let text): "floating point literal \"\(text)\""
        case .parameter(let name): "query parameter @\(name)"
        case .symbol(let text): "\"\(text)\""
        case .end: "end of input"
        }
    }

    /// Whether the token is the keyword `word` (upper case).
    func isKeyword(_ word: String) -> Bool {
        if case .keyword(let k) = kind { return k == word }
        return false
    }

    /// Whether the token is the symbol `text`.
    func isSymbol(_ text: String) -> Bool {
        if case .symbol(let s) = kind { return s == text }
        return false
    }

    /// Whether the token is an unquoted identifier spelled `word` in any letter case.
    func isWord(_ word: String) -> Bool {
        if case .identifier(let name) = kind { return name.uppercased() == word }
        return false
    }
}

/// GoogleSQL's reserved keywords: these cannot be unquoted names.
let reservedKeywords: Set<String> = [
    "ALL", "AND", "ANY", "ARRAY", "AS", "ASC", "ASSERT_ROWS_MODIFIED", "AT", "BETWEEN", "BY", "CASE", "CAST",
    "COLLATE", "CONTAINS", "CREATE", "CROSS", "CUBE", "CURRENT", "DEFAULT", "DEFINE", "DESC", "DISTINCT", "ELSE",
    "END", "ENUM", "ESCAPE", "EXCEPT", "EXCLUDE", "EXISTS", "EXTRACT", "FALSE", "FETCH", "FOLLOWING", "FOR",
    "FROM", "FULL", "GROUP", "GROUPING", "GROUPS", "HASH", "HAVING", "IF", "IGNORE", "IN", "INNER", "INTERSECT",
    "INTERVAL", "INTO", "IS", "JOIN", "LATERAL", "LEFT", "LIKE", "LIMIT", "LOOKUP", "MERGE", "NATURAL", "NEW", "NO",
    "NOT", "NULL", "NULLS", "OF", "ON", "OR", "ORDER", "OUTER", "OVER", "PARTITION", "PRECEDING", "PROTO",
    "QUALIFY", "RANGE", "RECURSIVE", "RESPECT", "RIGHT", "ROLLUP", "ROWS", "SELECT", "SET", "SOME", "STRUCT",
    "TABLESAMPLE", "THEN", "TO", "TREAT", "TRUE", "UNBOUNDED", "UNION", "UNNEST", "USING", "WHEN", "WHERE",
    "WINDOW", "WITH", "WITHIN",
]
