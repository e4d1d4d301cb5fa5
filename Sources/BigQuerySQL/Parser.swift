/// A recursive-descent parser for BigQuery's query grammar, producing a ``Query``.
///
/// Errors are worded as BigQuery words them (`Syntax error: Unexpected keyword QUALIFY`,
/// `Syntax error: Expected ")" but got keyword FROM`), at the offending token.
struct Parser {
    /// The tokens, ending with `.end`.
    let tokens: [Token]
    /// The next token.
    var position = 0

    /// Parses `sql` as one query, optionally followed by one `;`.
    static func parse(_ sql: String) throws(BigQuerySQLError) -> Query {
        let queries = try parseScript(sql)
        guard queries.count == 1 else {
            throw .syntax("Expected end of input but got \";\"", at: queries[1].offset)
        }
        return queries[0]
    }

    /// Parses a script: queries separated by `;`, with an optional `;` after the last.
    static func parseScript(_ sql: String) throws(BigQuerySQLError) -> [Query] {
        var tokenizer = Tokenizer(sql: sql)
        var parser = Parser(tokens: try tokenizer.tokenize())
        if case .end = parser.current.kind { throw .syntax("Unexpected end of script", at: parser.current.offset) }
        var queries: [Query] = []
        while true {
            queries.append(try parser.parseQuery())
            let separated = parser.accept(symbol: ";")
            if case .end = parser.current.kind { return queries }
            guard separated else {
                throw .syntax("Expected end of input but got \(parser.current.described)", at: parser.current.offset)
            }
        }
    }

    var current: Token { tokens[position] }

    func peek(_ ahead: Int) -> Token {
        tokens[Swift.min(position + ahead, tokens.count - 1)]
    }

    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    /// Consumes the keyword if it is next.
    mutating func accept(keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        position += 1
        return true
    }

    /// Consumes the symbol if it is next.
    mutating func accept(symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        position += 1
        return true
    }

    /// Consumes an unquoted non-reserved word (`OFFSET`, `NULLS`...) if it is next.
    mutating func accept(word: String) -> Bool {
        guard current.isWord(word) else { return false }
        position += 1
        return true
    }

    mutating func expect(keyword: String) throws(BigQuerySQLError) {
        guard accept(keyword: keyword) else { throw expected("keyword \(keyword)") }
    }

    mutating func expect(symbol: String) throws(BigQuerySQLError) {
        guard accept(symbol: symbol) else { throw expected("\"\(symbol)\"") }
    }

    mutating func expect(word: String) throws(BigQuerySQLError) {
        guard accept(word: word) else { throw expected("keyword \(word)") }
    }

    /// `Expected X but got Y` at the current token.
    func expected(_ what: String) -> BigQuerySQLError {
        .syntax("Expected \(what) but got \(current.described)", at: current.offset)
    }

    /// `Unexpected Y` at the current token.
    func unexpected() -> BigQuerySQLError {
        if case .end = current.kind { return .syntax("Unexpected end of script", at: current.offset) }
        return .syntax("Unexpected \(current.described)", at: current.offset)
    }

    /// An identifier, quoted or not (not a reserved keyword).
    mutating func parseName() throws(BigQuerySQLError) -> Name {
        let token = current
        switch token.kind {
        case .identifier(let text), .quotedIdentifier(let text):
            position += 1
            return Name(text: text, offset: token.offset)
        default:
            throw unexpected()
        }
    }

    /// Whether the current token can start a name.
    var atName: Bool {
        switch current.kind {
        case .identifier, .quotedIdentifier: true
        default: false
        }
    }

    /// A dotted path: `a.b.c`, where a backticked part may itself hold dots (`` `p.d.t` ``).
    mutating func parsePath() throws(BigQuerySQLError) -> [Name] {
        var names: [Name] = []
        repeat {
            let name = try parseName()
            if case .quotedIdentifier = tokens[position - 1].kind, name.text.contains(".") {
                var offset = name.offset + 1
                for part in name.text.split(separator: ".", omittingEmptySubsequences: false) {
                    names.append(Name(text: String(part), offset: offset))
                    offset += part.utf8.count + 1
                }
            } else {
                names.append(name)
            }
        } while accept(symbol: ".")
        return names
    }

    /// An optional alias: `[AS] name`.
    mutating func parseAlias() throws(BigQuerySQLError) -> Name? {
        if accept(keyword: "AS") { return try parseName() }
        if atName { return try parseName() }
        return nil
    }

    /// A type name: `INT64`, `STRING(10)`, `ARRAY<INT64>`, `STRUCT<a INT64, b STRING>`.
    mutating func parseType() throws(BigQuerySQLError) -> TypeName {
        let token = current
        if accept(keyword: "ARRAY") {
            try expect(symbol: "<")
            let element = try parseType()
            try expectClosingAngle()
            return .array(element)
        }
        if accept(keyword: "STRUCT") {
            try expect(symbol: "<")
            var fields: [(name: String?, type: TypeName)] = []
            repeat {
                var name: String? = nil
                if atName, !peek(1).isSymbol(","), !peek(1).isSymbol(">"), !peek(1).isSymbol(">>") {
                    name = try parseName().text
                }
                fields.append((name, try parseType()))
            } while accept(symbol: ",")
            try expectClosingAngle()
            return .structure(fields)
        }
        guard atName else { throw unexpected() }
        let name = try parseName()
        if accept(symbol: "(") {
            while !current.isSymbol(")") {
                if case .end = current.kind { throw unexpected() }
                position += 1
            }
            position += 1
        }
        return .simple(name.text, offset: token.offset)
    }

    /// Closes `<...>`, splitting a `>>` token that closes two levels.
    mutating func expectClosingAngle() throws(BigQuerySQLError) {
        if accept(symbol: ">") { return }
        if current.isSymbol(">>") {
            var copy = tokens
            copy[position] = Token(kind: .symbol(">"), offset: current.offset + 1)
            self = Parser(tokens: copy, position: position)
            return
        }
        throw expected("\">\"")
    }
}
