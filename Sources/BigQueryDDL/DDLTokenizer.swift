/// One lexical token of BigQuery DDL, with where it starts.
struct DDLToken: Sendable, Equatable {
    /// What the token is, with its value already unescaped.
    enum Kind: Sendable, Equatable {
        /// An unquoted word: a keyword or a name, compared case-insensitively as a keyword.
        case identifier(String)
        /// A backticked name, without the backticks and with escapes resolved.
        case quotedIdentifier(String)
        /// A single-, double- or triple-quoted string literal's value.
        case string(String)
        /// A number literal as written.
        case number(String)
        /// One punctuation character such as `(`, `,`, `;`, `.` or `=`.
        case symbol(Character)
        /// The end of the input.
        case end
    }

    /// What the token is.
    var kind: Kind
    /// The token as written in the source, for error messages.
    var text: String
    /// The 1-based line where the token starts.
    var line: Int
    /// The 1-based column (in Unicode scalars) where the token starts.
    var column: Int
}

/// Splits BigQuery DDL into tokens, skipping whitespace and `--`, `#` and `/* */` comments.
struct DDLTokenizer {
    /// The source text as Unicode scalars.
    private let scalars: [Unicode.Scalar]
    /// The source's name, for errors.
    private let source: String
    /// The index of the next scalar to read.
    private var index = 0
    /// The 1-based line of the next scalar.
    private var line = 1
    /// The 1-based column of the next scalar.
    private var column = 1

    /// Creates a tokenizer over `sql`, whose errors name `source`.
    init(sql: String, source: String) {
        scalars = Array(sql.unicodeScalars)
        self.source = source
    }

    /// Reads every token; the last one is always `.end`.
    mutating func tokenize() throws(DDLError) -> [DDLToken] {
        var tokens: [DDLToken] = []
        while true {
            try skipTrivia()
            let start = (line: line, column: column, index: index)
            guard let scalar = peek() else {
                tokens.append(DDLToken(kind: .end, text: "", line: line, column: column))
                return tokens
            }
            let kind: DDLToken.Kind
            if isIdentifierStart(scalar) {
                let word = readWhile(isIdentifierPart)
                if let quote = peek(), quote == "'" || quote == "\"", Self.literalPrefixes.contains(word.lowercased()) {
                    let construct = word.lowercased().contains("b") ? "bytes literal" : "raw string literal"
                    throw .unsupported(
                        construct, hint: "bmrs migrations use plain quoted strings",
                        at: position(start.line, start.column))
                }
                kind = .identifier(word)
            } else if scalar == "`" {
                advance()
                let name = try readQuoted(closing: "`", triple: false, start: start, what: "quoted identifier")
                if name.isEmpty {
                    throw .syntax("a quoted identifier cannot be empty", at: position(start.line, start.column))
                }
                kind = .quotedIdentifier(name)
            } else if scalar == "'" || scalar == "\"" {
                let triple = peek(1) == scalar && peek(2) == scalar
                advance(triple ? 3 : 1)
                kind = .string(try readQuoted(closing: scalar, triple: triple, start: start, what: "string literal"))
            } else if ("0"..."9").contains(scalar) {
                kind = .number(readNumber())
            } else if Self.symbols.contains(scalar) {
                advance()
                kind = .symbol(Character(scalar))
            } else {
                throw .syntax("unexpected character '\(scalar.escaped(asASCII: false))'", at: position(line, column))
            }
            let text = String(String.UnicodeScalarView(scalars[start.index..<index]))
            tokens.append(DDLToken(kind: kind, text: text, line: start.line, column: start.column))
        }
    }

    /// Punctuation that forms a one-character symbol token.
    private static let symbols: Set<Unicode.Scalar> = [
        "(", ")", ",", ";", ".", "=", "<", ">", "[", "]", "{", "}", "+", "-", "*", "/", ":", "@", "?", "!", "|",
        "&", "^", "~", "%",
    ]

    /// Word prefixes that make the following quoted text a raw string or bytes literal.
    private static let literalPrefixes: Set<String> = ["r", "b", "rb", "br"]

    private func position(_ line: Int, _ column: Int) -> SourcePosition {
        SourcePosition(source: source, line: line, column: column)
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < scalars.count {
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
    }

    private func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    private func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || ("0"..."9").contains(scalar)
    }

    private mutating func readWhile(_ predicate: (Unicode.Scalar) -> Bool) -> String {
        var result = String.UnicodeScalarView()
        while let scalar = peek(), predicate(scalar) {
            result.append(scalar)
            advance()
        }
        return String(result)
    }

    /// Skips whitespace and comments; throws on an unterminated block comment.
    private mutating func skipTrivia() throws(DDLError) {
        while let scalar = peek() {
            if scalar.properties.isWhitespace {
                advance()
            } else if scalar == "#" || (scalar == "-" && peek(1) == "-") {
                while let next = peek(), next != "\n" { advance() }
            } else if scalar == "/" && peek(1) == "*" {
                let start = position(line, column)
                advance(2)
                while !(peek() == "*" && peek(1) == "/") {
                    guard peek() != nil else { throw .syntax("unterminated /* comment", at: start) }
                    advance()
                }
                advance(2)
            } else {
                return
            }
        }
    }

    /// Reads digits with an optional fraction and exponent.
    private mutating func readNumber() -> String {
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        var text = readWhile(isDigit)
        if peek() == ".", let next = peek(1), isDigit(next) {
            advance()
            text += "." + readWhile(isDigit)
        }
        if let e = peek(), e == "e" || e == "E" {
            let signed = peek(1) == "+" || peek(1) == "-"
            if let digit = peek(signed ? 2 : 1), isDigit(digit) {
                text += String(e) + (signed ? String(peek(1) ?? "+") : "")
                advance(signed ? 2 : 1)
                text += readWhile(isDigit)
            }
        }
        return text
    }

    /// Reads the rest of a quoted token whose opening quote was consumed, resolving escapes.
    ///
    /// Single-quoted tokens end at the line's end; triple-quoted strings may span lines.
    private mutating func readQuoted(
        closing: Unicode.Scalar, triple: Bool, start: (line: Int, column: Int, index: Int), what: String
    ) throws(DDLError) -> String {
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw .syntax("unterminated \(what)", at: position(start.line, start.column))
            }
            if scalar == closing {
                if !triple {
                    advance()
                    return String(result)
                }
                if peek(1) == closing && peek(2) == closing {
                    advance(3)
                    return String(result)
                }
            } else if (scalar == "\n" || scalar == "\r") && !triple {
                throw .syntax(
                    "\(what) is not closed before the end of the line", at: position(start.line, start.column))
            } else if scalar == "\\" {
                result.append(try readEscape())
                continue
            }
            result.append(scalar)
            advance()
        }
    }

    /// Reads one backslash escape sequence and returns the scalar it stands for.
    private mutating func readEscape() throws(DDLError) -> Unicode.Scalar {
        let escapePosition = position(line, column)
        advance()
        guard let letter = peek() else { throw .syntax("unterminated escape sequence", at: escapePosition) }
        advance()
        switch letter {
        case "a": return "\u{07}"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "v": return "\u{0B}"
        case "\\", "?", "\"", "'", "`": return letter
        case "x", "X": return try readCodePoint(digits: 2, radix: 16, first: nil, at: escapePosition)
        case "u": return try readCodePoint(digits: 4, radix: 16, first: nil, at: escapePosition)
        case "U": return try readCodePoint(digits: 8, radix: 16, first: nil, at: escapePosition)
        case "0"..."7": return try readCodePoint(digits: 2, radix: 8, first: letter, at: escapePosition)
        default:
            throw .syntax("illegal escape sequence '\\\(letter.escaped(asASCII: false))'", at: escapePosition)
        }
    }

    /// Reads `digits` more digits in `radix` (after `first`, for octal) and returns that code point.
    private mutating func readCodePoint(
        digits: Int, radix: UInt32, first: Unicode.Scalar?, at escapePosition: SourcePosition
    ) throws(DDLError) -> Unicode.Scalar {
        var text = first.map { String($0) } ?? ""
        for _ in 0..<digits {
            guard let scalar = peek(), scalar.isASCII, Character(scalar).isHexDigit,
                radix == 16 || ("0"..."7").contains(scalar)
            else {
                throw .syntax("escape sequence needs \(digits) digits in base \(radix)", at: escapePosition)
            }
            text.unicodeScalars.append(scalar)
            advance()
        }
        guard let value = UInt32(text, radix: Int(radix)), let scalar = Unicode.Scalar(value) else {
            throw .syntax("escape sequence '\(text)' is not a Unicode code point", at: escapePosition)
        }
        return scalar
    }
}
