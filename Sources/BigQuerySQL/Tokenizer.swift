/// Splits a BigQuery query into tokens, skipping whitespace and `--`, `#` and `/* */` comments.
///
/// Reads UTF-8 bytes; every token keeps its byte offset, which errors turn into line and column.
struct Tokenizer {
    /// The query text.
    private let bytes: [UInt8]
    /// The next byte to read.
    private var index = 0

    /// Creates a tokenizer over `sql`.
    init(sql: String) {
        bytes = Array(sql.utf8)
    }

    /// Reads every token; the last one is always `.end`.
    mutating func tokenize() throws(BigQuerySQLError) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 4)
        while true {
            try skipTrivia()
            let start = index
            guard let byte = peek() else {
                tokens.append(Token(kind: .end, offset: start))
                return tokens
            }
            tokens.append(Token(kind: try readToken(startingWith: byte), offset: start))
        }
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        index + ahead < bytes.count ? bytes[index + ahead] : nil
    }

    private static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46)
    }

    private mutating func skipTrivia() throws(BigQuerySQLError) {
        while let b = peek() {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                index += 1
            } else if b == UInt8(ascii: "#") || (b == UInt8(ascii: "-") && peek(1) == UInt8(ascii: "-")) {
                while let c = peek(), c != 0x0A { index += 1 }
            } else if b == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                let start = index
                index += 2
                while true {
                    guard let c = peek() else { throw .syntax("Unclosed comment", at: start) }
                    if c == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
                        index += 2
                        break
                    }
                    index += 1
                }
            } else {
                return
            }
        }
    }

    private mutating func readToken(startingWith byte: UInt8) throws(BigQuerySQLError) -> Token.Kind {
        let start = index
        if Self.isIdentifierStart(byte) {
            // String prefixes: r, b, rb, br in any case, directly followed by a quote.
            var prefixLength = 0
            var raw = false
            var isBytes = false
            while prefixLength < 2, let c = peek(prefixLength) {
                let lower = c | 0x20
                if lower == UInt8(ascii: "r") && !raw {
                    raw = true
                } else if lower == UInt8(ascii: "b") && !isBytes {
                    isBytes = true
                } else {
                    break
                }
                prefixLength += 1
            }
            if prefixLength > 0, let q = peek(prefixLength), q == UInt8(ascii: "'") || q == UInt8(ascii: "\"") {
                index += prefixLength
                let value = try readQuoted(raw: raw, start: start)
                return isBytes ? .bytes(value) : .string(try Self.utf8(value, at: start))
            }
            while let c = peek(), Self.isIdentifierStart(c) || Self.isDigit(c) { index += 1 }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            let upper = word.uppercased()
            return reservedKeywords.contains(upper) ? .keyword(upper) : .identifier(word)
        }
        if Self.isDigit(byte) || (byte == UInt8(ascii: ".") && peek(1).map(Self.isDigit) == true) {
            return try readNumber()
        }
        switch byte {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .string(try Self.utf8(try readQuoted(raw: false, start: start), at: start))
        case UInt8(ascii: "`"):
            index += 1
            var value: [UInt8] = []
            while true {
                guard let c = peek(), c != 0x0A else { throw .syntax("Unclosed identifier literal", at: start) }
                index += 1
                if c == UInt8(ascii: "`") { break }
                if c == UInt8(ascii: "\\") {
                    try readEscape(into: &value, start: start)
                } else {
                    value.append(c)
                }
            }
            if value.isEmpty { throw .syntax("Invalid empty identifier", at: start) }
            return .quotedIdentifier(try Self.utf8(value, at: start))
        case UInt8(ascii: "@"):
            index += 1
            if peek() == UInt8(ascii: "@") {
                throw .unsupported("system variable @@", at: start)
            }
            let nameStart = index
            if peek() == UInt8(ascii: "`") {
                guard case .quotedIdentifier(let name) = try readToken(startingWith: UInt8(ascii: "`")) else {
                    throw .syntax("Expected parameter name", at: start)
                }
                return .parameter(name)
            }
            while let c = peek(), Self.isIdentifierStart(c) || Self.isDigit(c) { index += 1 }
            guard index > nameStart else { throw .syntax("Illegal input character \"@\"", at: start) }
            return .parameter(String(decoding: bytes[nameStart..<index], as: UTF8.self))
        default:
            return try readSymbol(byte, start: start)
        }
    }

    private mutating func readSymbol(_ byte: UInt8, start: Int) throws(BigQuerySQLError) -> Token.Kind {
        if let next = peek(1) {
            // Two-character operators, matched on bytes (no String or hash per symbol).
            let isPair: Bool
            switch (byte, next) {
            case (0x3C, 0x3D), (0x3E, 0x3D), (0x3C, 0x3E), (0x21, 0x3D), (0x7C, 0x7C), (0x3C, 0x3C), (0x3E, 0x3E),
                (0x3D, 0x3E):
                isPair = true
            default:
                isPair = false
            }
            if isPair {
                index += 2
                return .symbol(String(decoding: [byte, next], as: UTF8.self))
            }
        }
        let single = "(),.;+-*/=<>[]|&^~?:{}"
        if byte < 0x80, single.utf8.contains(byte) {
            index += 1
            return .symbol(String(UnicodeScalar(byte)))
        }
        let scalarEnd = Swift.min(bytes.count, index + 4)
        let text = String(decoding: bytes[index..<scalarEnd], as: UTF8.self).prefix(1)
        throw .syntax("Illegal input character \"\(text)\"", at: start)
    }

    private mutating func readNumber() throws(BigQuerySQLError) -> Token.Kind {
        let start = index
        if peek() == UInt8(ascii: "0"), let x = peek(1), x | 0x20 == UInt8(ascii: "x") {
            index += 2
            while let c = peek(), Self.isHexDigit(c) { index += 1 }
            guard index > start + 2 else { throw .syntax("Invalid hex literal", at: start) }
            try expectNumberEnd(start: start)
            return .integer(String(decoding: bytes[start..<index], as: UTF8.self))
        }
        var isFloat = false
        while let c = peek(), Self.isDigit(c) { index += 1 }
        if peek() == UInt8(ascii: ".") {
            isFloat = true
            index += 1
            while let c = peek(), Self.isDigit(c) { index += 1 }
        }
        if let e = peek(), e | 0x20 == UInt8(ascii: "e") {
            var ahead = 1
            if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { ahead = 2 }
            if let d = peek(ahead), Self.isDigit(d) {
                isFloat = true
                index += ahead
                while let c = peek(), Self.isDigit(c) { index += 1 }
            }
        }
        try expectNumberEnd(start: start)
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        return isFloat ? .float(text) : .integer(text)
    }

    /// A number directly followed by a letter (`123abc`) is an error, as in BigQuery.
    private func expectNumberEnd(start: Int) throws(BigQuerySQLError) {
        if let c = peek(), Self.isIdentifierStart(c) {
            throw .syntax("Missing whitespace between literal and alias", at: index)
        }
    }

    /// Reads a quoted literal whose opening quote is at `index`; returns its bytes.
    private mutating func readQuoted(raw: Bool, start: Int) throws(BigQuerySQLError) -> [UInt8] {
        guard let quote = peek() else { throw .syntax("Unclosed string literal", at: start) }
        let triple = peek(1) == quote && peek(2) == quote
        index += triple ? 3 : 1
        var value: [UInt8] = []
        while true {
            guard let c = peek() else {
                throw .syntax(triple ? "Unclosed triple-quoted string literal" : "Unclosed string literal", at: start)
            }
            if c == quote {
                if !triple {
                    index += 1
                    return value
                }
                if peek(1) == quote && peek(2) == quote {
                    index += 3
                    return value
                }
            }
            if c == 0x0A && !triple { throw .syntax("Unclosed string literal", at: start) }
            index += 1
            if c == UInt8(ascii: "\\") {
                if raw {
                    value.append(c)
                    guard let next = peek() else { throw .syntax("Unclosed string literal", at: start) }
                    value.append(next)
                    index += 1
                } else {
                    try readEscape(into: &value, start: start)
                }
            } else {
                value.append(c)
            }
        }
    }

    /// Reads the escape after a backslash (already consumed) and appends what it means.
    private mutating func readEscape(into value: inout [UInt8], start: Int) throws(BigQuerySQLError) {
        guard let c = peek() else { throw .syntax("Unclosed string literal", at: start) }
        let escapeAt = index - 1
        index += 1
        switch c {
        case UInt8(ascii: "n"): value.append(0x0A)
        case UInt8(ascii: "t"): value.append(0x09)
        case UInt8(ascii: "r"): value.append(0x0D)
        case UInt8(ascii: "a"): value.append(0x07)
        case UInt8(ascii: "b"): value.append(0x08)
        case UInt8(ascii: "f"): value.append(0x0C)
        case UInt8(ascii: "v"): value.append(0x0B)
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "?"):
            value.append(c)
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            value.append(UInt8(try readHex(digits: 2, at: escapeAt)))
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let code = try readHex(digits: c == UInt8(ascii: "u") ? 4 : 8, at: escapeAt)
            guard let scalar = Unicode.Scalar(code) else {
                throw .syntax("Illegal escape sequence: invalid Unicode code point", at: escapeAt)
            }
            value.append(contentsOf: Array(String(Character(scalar)).utf8))
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var code = UInt32(c - 0x30)
            for _ in 0..<2 {
                guard let d = peek(), d >= 0x30 && d <= 0x37 else {
                    throw .syntax("Illegal escape sequence: octal escapes need three digits", at: escapeAt)
                }
                code = code * 8 + UInt32(d - 0x30)
                index += 1
            }
            guard code <= 0xFF else { throw .syntax("Illegal escape sequence: octal value too large", at: escapeAt) }
            value.append(UInt8(code))
        default:
            throw .syntax("Illegal escape sequence: \\\(String(UnicodeScalar(c)))", at: escapeAt)
        }
    }

    private mutating func readHex(digits: Int, at offset: Int) throws(BigQuerySQLError) -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<digits {
            guard let d = peek(), Self.isHexDigit(d) else {
                throw .syntax("Illegal escape sequence: expected \(digits) hex digits", at: offset)
            }
            let v: UInt8 = Self.isDigit(d) ? d - 0x30 : (d | 0x20) - 0x61 + 10
            code = code * 16 + UInt32(v)
            index += 1
        }
        return code
    }

    private static func utf8(_ bytes: [UInt8], at offset: Int) throws(BigQuerySQLError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .syntax("String literal is not valid UTF-8", at: offset)
        }
        return text
    }
}
