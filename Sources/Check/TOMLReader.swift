/// A strict reader of the TOML a config file needs: `[a.b]` tables, `key = value` with bare, quoted and dotted
/// keys, basic and literal strings, integers (decimal, `0x`, `0o`, `0b`, `_` separators), floats (with `inf`
/// and `nan`), booleans, arrays (over several lines, trailing comma allowed) and `#` comments.
///
/// What a config does not need is refused with an error, not guessed at: multi-line strings, inline tables,
/// arrays of tables, dates and times. A key or table defined twice, or a key that is both a value and a table,
/// is an error. Every error says file:line:column.
struct TOMLReader {
    private var scanner: ConfigScanner
    private var entries: [ConfigDocument.Entry] = []
    /// What each key path defined so far is, and the line that defined it.
    private var defined: [[String]: (kind: Kind, line: Int)] = [:]
    /// The table the following keys belong to (the last `[header]`).
    private var table: [String] = []
    /// Arrays nested deeper than this are refused (hostile input must not exhaust the stack).
    private static let maxDepth = 32

    private enum Kind: Equatable {
        case value
        case table(explicit: Bool)
    }

    /// A reader of `bytes`, the contents of `file`.
    init(_ bytes: [UInt8], file: String) throws {
        scanner = try ConfigScanner(bytes, file: file)
    }

    /// Reads the whole file.
    mutating func read() throws -> ConfigDocument {
        while true {
            scanner.skipBlanks()
            guard let byte = scanner.peek() else { break }
            switch byte {
            case 0x0A, 0x0D, UInt8(ascii: "#"): try endOfLine()
            case UInt8(ascii: "["): try header()
            default: try keyValue()
            }
        }
        return ConfigDocument(file: scanner.file, entries: entries)
    }

    /// Moves past blanks, a comment and the line end; anything else there is an error.
    private mutating func endOfLine(after what: String = "") throws {
        scanner.skipBlanks()
        if scanner.peek() == UInt8(ascii: "#") { try skipComment() }
        if scanner.looksAt("\r\n") {
            scanner.advance(2)
        } else if scanner.peek() == 0x0A {
            scanner.advance()
        } else if !scanner.atEnd {
            throw scanner.error("expected the end of the line\(what), found \(scanner.found)")
        }
    }

    /// Moves past a `#` comment up to (not over) the line end; control characters other than tab are errors.
    private mutating func skipComment() throws {
        while let byte = scanner.peek(), byte != 0x0A, !scanner.looksAt("\r\n") {
            if byte < 0x20 && byte != 0x09 || byte == 0x7F {
                throw scanner.error("a control character in a comment")
            }
            scanner.advance()
        }
    }

    /// `[a.b]`: the following keys belong to table `a.b`.
    private mutating func header() throws {
        let line = scanner.line
        let column = scanner.column
        scanner.advance()
        if scanner.peek() == UInt8(ascii: "[") {
            throw scanner.error("arrays of tables ([[...]]) are not supported in a config", line: line, column: column)
        }
        scanner.skipBlanks()
        let path = try key()
        scanner.skipBlanks()
        guard scanner.peek() == UInt8(ascii: "]") else {
            throw scanner.error("expected ']' to close the table header, found \(scanner.found)")
        }
        scanner.advance()
        try endOfLine(after: " after the table header")
        try definePrefixes(of: path, line: line, column: column)
        switch defined[path] {
        case .some((.value, let first)):
            throw scanner.error(
                "'\(dotted(path))' already holds a value (line \(first))", line: line, column: column)
        case .some((.table(explicit: true), let first)):
            throw scanner.error(
                "table [\(dotted(path))] is defined twice (first at line \(first))", line: line, column: column)
        default:
            defined[path] = (.table(explicit: true), line)
        }
        table = path
    }

    /// `key = value`.
    private mutating func keyValue() throws {
        let line = scanner.line
        let column = scanner.column
        let path = table + (try key())
        scanner.skipBlanks()
        guard scanner.peek() == UInt8(ascii: "=") else {
            throw scanner.error("expected '=' after the key '\(dotted(path))', found \(scanner.found)")
        }
        scanner.advance()
        scanner.skipBlanks()
        let valueLine = scanner.line
        let valueColumn = scanner.column
        let value = try self.value(depth: 0)
        try endOfLine(after: " after the value of '\(dotted(path))'")
        try definePrefixes(of: path, line: line, column: column)
        if let (kind, first) = defined[path] {
            let what = kind == .value ? "is defined twice" : "is already a table"
            throw scanner.error("'\(dotted(path))' \(what) (first at line \(first))", line: line, column: column)
        }
        defined[path] = (.value, line)
        entries.append(.init(path: path, value: value, line: valueLine, column: valueColumn))
    }

    /// Makes every proper prefix of `path` a table (implicitly), refusing one that already holds a value.
    private mutating func definePrefixes(of path: [String], line: Int, column: Int) throws {
        for length in 1..<max(path.count, 1) {
            let prefix = Array(path.prefix(length))
            if let (kind, first) = defined[prefix] {
                guard kind != .value else {
                    throw scanner.error(
                        "'\(dotted(prefix))' already holds a value (line \(first)), so it cannot be a table",
                        line: line, column: column)
                }
            } else {
                defined[prefix] = (.table(explicit: false), line)
            }
        }
    }

    /// A dotted key: simple keys joined by `.` (blanks allowed around the dots).
    private mutating func key() throws -> [String] {
        var path = [try simpleKey()]
        while true {
            let save = scanner
            scanner.skipBlanks()
            guard scanner.peek() == UInt8(ascii: ".") else {
                scanner = save
                return path
            }
            scanner.advance()
            scanner.skipBlanks()
            path.append(try simpleKey())
        }
    }

    /// A bare key (`A-Za-z0-9_-`), a "basic" key or a 'literal' key.
    private mutating func simpleKey() throws -> String {
        switch scanner.peek() {
        case UInt8(ascii: "\""): return try scanner.readQuoted(json: false)
        case UInt8(ascii: "'"): return try literalString()
        default:
            var bytes: [UInt8] = []
            while let byte = scanner.peek(), ConfigScanner.isBareKeyByte(byte) {
                bytes.append(byte)
                scanner.advance()
            }
            guard !bytes.isEmpty else { throw scanner.error("expected a key, found \(scanner.found)") }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// A 'literal string': no escapes, on one line.
    private mutating func literalString() throws -> String {
        let line = scanner.line
        let column = scanner.column
        scanner.advance()
        var bytes: [UInt8] = []
        while let byte = scanner.peek(), byte != UInt8(ascii: "'") {
            if byte == 0x0A || byte == 0x0D {
                throw scanner.error("a string opened at \(line):\(column) is not closed on its line")
            }
            if byte < 0x20 && byte != 0x09 || byte == 0x7F {
                throw scanner.error("a control character in a string")
            }
            bytes.append(byte)
            scanner.advance()
        }
        guard !scanner.atEnd else {
            throw scanner.error("a string opened at \(line):\(column) is not closed on its line")
        }
        scanner.advance()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A value: string, number, boolean or array.
    private mutating func value(depth: Int) throws -> ConfigDocument.Value {
        switch scanner.peek() {
        case UInt8(ascii: "\""):
            if scanner.looksAt("\"\"\"") { throw scanner.error("multi-line strings are not supported in a config") }
            return .string(try scanner.readQuoted(json: false))
        case UInt8(ascii: "'"):
            if scanner.looksAt("'''") { throw scanner.error("multi-line strings are not supported in a config") }
            return .string(try literalString())
        case UInt8(ascii: "["):
            return try array(depth: depth + 1)
        case UInt8(ascii: "{"):
            throw scanner.error("inline tables ({...}) are not supported in a config; use a [table]")
        default:
            return try scalar()
        }
    }

    /// `[v, v, ...]`, over any number of lines, with comments and a trailing comma allowed.
    private mutating func array(depth: Int) throws -> ConfigDocument.Value {
        guard depth <= Self.maxDepth else { throw scanner.error("arrays nested more than \(Self.maxDepth) deep") }
        let line = scanner.line
        let column = scanner.column
        scanner.advance()
        var elements: [ConfigDocument.Value] = []
        while true {
            try skipArrayGap()
            if scanner.peek() == UInt8(ascii: "]") { break }
            guard !scanner.atEnd else { throw scanner.error("the array opened at \(line):\(column) is not closed") }
            elements.append(try value(depth: depth))
            try skipArrayGap()
            if scanner.peek() == UInt8(ascii: ",") {
                scanner.advance()
            } else if scanner.atEnd {
                throw scanner.error("the array opened at \(line):\(column) is not closed")
            } else if scanner.peek() != UInt8(ascii: "]") {
                throw scanner.error(
                    "expected ',' or ']' in the array opened at \(line):\(column), found \(scanner.found)")
            }
        }
        scanner.advance()
        return .array(elements)
    }

    /// Blanks, line ends and comments between array elements.
    private mutating func skipArrayGap() throws {
        while true {
            scanner.skipBlanks()
            if scanner.peek() == UInt8(ascii: "#") {
                try skipComment()
            } else if scanner.peek() == 0x0A {
                scanner.advance()
            } else if scanner.looksAt("\r\n") {
                scanner.advance(2)
            } else {
                return
            }
        }
    }

    /// A boolean or a number: the bytes up to the next blank, line end, comment, `,` or `]`.
    private mutating func scalar() throws -> ConfigDocument.Value {
        let line = scanner.line
        let column = scanner.column
        var bytes: [UInt8] = []
        while let byte = scanner.peek(), byte > 0x20, byte != 0x7F, !"#,]".utf8.contains(byte) {
            bytes.append(byte)
            scanner.advance()
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard !text.isEmpty else { throw scanner.error("expected a value, found \(scanner.found)") }
        switch TOMLScalar(text) {
        case .value(let value): return value
        case .invalid(let reason): throw scanner.error(reason, line: line, column: column)
        case .unknown:
            throw scanner.error(
                "'\(text)' is not a value (a string in quotes, a number, true, false or an array)", line: line,
                column: column)
        }
    }

    private func dotted(_ path: [String]) -> String { ConfigDocument.dotted(path) }
}
