/// A cursor over the bytes of a config file that knows its line and column, shared by the TOML and JSON readers.
///
/// The bytes are checked to be UTF-8 first, so the readers look at ASCII bytes only and copy the rest through.
struct ConfigScanner {
    let bytes: [UInt8]
    let file: String
    private(set) var index = 0
    /// The 1-based line and column (in characters) of `bytes[index]`.
    private(set) var line = 1
    private(set) var column = 1

    /// A scanner over `bytes`, after a UTF-8 byte order mark; throws at the first byte that is not UTF-8.
    init(_ bytes: [UInt8], file: String) throws {
        self.bytes = bytes
        self.file = file
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        var valid = index
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): valid += UTF8.width(scalar)
            case .emptyInput: break decoding
            case .error:
                while index < valid { advance() }
                throw error("the file is not UTF-8 text")
            }
        }
    }

    /// The byte `offset` ahead of the cursor, or nil past the end.
    func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    /// Whether the bytes at the cursor are `text`.
    func looksAt(_ text: String) -> Bool {
        bytes[index...].starts(with: text.utf8)
    }

    /// Whether the cursor is at the end.
    var atEnd: Bool { index >= bytes.count }

    /// Moves past one byte.
    mutating func advance() {
        guard index < bytes.count else { return }
        let byte = bytes[index]
        index += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    /// Moves past `count` bytes.
    mutating func advance(_ count: Int) {
        for _ in 0..<count { advance() }
    }

    /// Moves past spaces and tabs.
    mutating func skipBlanks() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 { advance() }
    }

    /// An error at the cursor (or at `line`:`column`).
    func error(_ message: String, line: Int? = nil, column: Int? = nil) -> CheckError {
        CheckError(message, file: file, line: line ?? self.line, column: column ?? self.column)
    }

    /// What the byte at the cursor is, for messages: `'x'`, "the end of the line", "the end of the file".
    var found: String {
        guard let byte = peek() else { return "the end of the file" }
        if byte == 0x0A { return "the end of the line" }
        if byte == 0x0D { return "a carriage return" }
        if byte < 0x20 || byte == 0x7F { return "a control character" }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'" + String(decoding: bytes[index..<end], as: UTF8.self) + "'"
    }

    /// Whether `byte` may appear in a TOML bare key: `A-Za-z0-9_-`.
    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default: return false
        }
    }

    /// Reads a string in double quotes with backslash escapes (the cursor on the opening quote): `\b \t \n \f
    /// \r \" \\ \uXXXX`, plus `\UXXXXXXXX` in TOML and `\/` and UTF-16 surrogate pairs in JSON. Raw control
    /// characters (other than a tab, in TOML) and line ends are errors.
    mutating func readQuoted(json: Bool) throws -> String {
        let quote = (line, column)
        advance()
        var out: [UInt8] = []
        while true {
            guard let byte = peek(), byte != 0x0A, byte != 0x0D else {
                throw error("a string opened at \(quote.0):\(quote.1) is not closed on its line")
            }
            if byte == UInt8(ascii: "\"") {
                advance()
                return String(decoding: out, as: UTF8.self)
            }
            if byte < 0x20 && !(byte == 0x09 && !json) || byte == 0x7F {
                throw error("a control character in a string must be escaped")
            }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                advance()
                continue
            }
            let escape = (line, column)
            advance()
            guard let next = peek(), next != 0x0A, next != 0x0D else {
                throw error("a string opened at \(quote.0):\(quote.1) is not closed on its line")
            }
            let simple: [UInt8: UInt8] = [
                UInt8(ascii: "b"): 0x08, UInt8(ascii: "t"): 0x09, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "f"): 0x0C,
                UInt8(ascii: "r"): 0x0D, UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C,
            ]
            if let replacement = simple[next] ?? (json && next == UInt8(ascii: "/") ? 0x2F : nil) {
                out.append(replacement)
                advance()
                continue
            }
            var value: UInt32
            if next == UInt8(ascii: "u") {
                value = try readHex(4, escape: escape)
                if json, (0xD800...0xDBFF).contains(value), looksAt("\\u") {
                    advance()
                    let low = try readHex(4, escape: escape)
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw error("\\u escape at \(escape.0):\(escape.1) is half a surrogate pair")
                    }
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                }
            } else if !json, next == UInt8(ascii: "U") {
                value = try readHex(8, escape: escape)
            } else {
                throw error("unknown escape '\\\(found.dropFirst().dropLast())' in a string")
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw error(
                    "escape at \(escape.0):\(escape.1) is not a Unicode scalar value", line: escape.0,
                    column: escape.1)
            }
            out.append(contentsOf: String(Character(scalar)).utf8)
        }
    }

    /// Reads `count` hexadecimal digits after the `u`/`U` at the cursor.
    private mutating func readHex(_ count: Int, escape: (Int, Int)) throws -> UInt32 {
        advance()
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let byte = peek(), let digit = Self.hexDigit(byte) else {
                throw error("escape at \(escape.0):\(escape.1) needs \(count) hexadecimal digits")
            }
            value = value << 4 | digit
            advance()
        }
        return value
    }

    /// The value of a hexadecimal digit.
    static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
