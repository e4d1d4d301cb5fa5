/// A strict JSON (RFC 8259) reader for config files: one object at the top; nested objects give dotted key
/// paths like TOML tables; values are strings, numbers, booleans and arrays of them. `null`, objects inside
/// arrays, a duplicate key and anything after the object are errors, each at file:line:column.
struct JSONConfigReader {
    private var scanner: ConfigScanner
    private var entries: [ConfigDocument.Entry] = []
    /// Objects and arrays nested deeper than this are refused (hostile input must not exhaust the stack).
    private static let maxDepth = 32

    /// A reader of `bytes`, the contents of `file`.
    init(_ bytes: [UInt8], file: String) throws {
        scanner = try ConfigScanner(bytes, file: file)
    }

    /// Reads the whole file.
    mutating func read() throws -> ConfigDocument {
        skipWhitespace()
        guard scanner.peek() == UInt8(ascii: "{") else {
            throw scanner.error("a JSON config is one object ({...}), found \(scanner.found)")
        }
        try object(path: [], depth: 1)
        skipWhitespace()
        guard scanner.atEnd else {
            throw scanner.error("expected the end of the file after the object, found \(scanner.found)")
        }
        return ConfigDocument(file: scanner.file, entries: entries)
    }

    private mutating func skipWhitespace() {
        while let byte = scanner.peek(), [0x20, 0x09, 0x0A, 0x0D].contains(byte) { scanner.advance() }
    }

    /// `{"key": value, ...}` at the cursor: leaves become entries under `path`.
    private mutating func object(path: [String], depth: Int) throws {
        guard depth <= Self.maxDepth else { throw scanner.error("objects nested more than \(Self.maxDepth) deep") }
        let line = scanner.line
        let column = scanner.column
        scanner.advance()
        skipWhitespace()
        if scanner.peek() == UInt8(ascii: "}") {
            scanner.advance()
            return
        }
        var seen: [String: Int] = [:]
        while true {
            skipWhitespace()
            guard scanner.peek() == UInt8(ascii: "\"") else {
                throw scanner.error("expected a key in double quotes, found \(scanner.found)")
            }
            let keyLine = scanner.line
            let keyColumn = scanner.column
            let key = try scanner.readQuoted(json: true)
            if let first = seen[key] {
                throw scanner.error(
                    "duplicate key \"\(key)\" (first at line \(first))", line: keyLine, column: keyColumn)
            }
            seen[key] = keyLine
            skipWhitespace()
            guard scanner.peek() == UInt8(ascii: ":") else {
                throw scanner.error("expected ':' after the key \"\(key)\", found \(scanner.found)")
            }
            scanner.advance()
            skipWhitespace()
            if scanner.peek() == UInt8(ascii: "{") {
                try object(path: path + [key], depth: depth + 1)
            } else {
                let valueLine = scanner.line
                let valueColumn = scanner.column
                let value = try self.value(depth: depth)
                entries.append(.init(path: path + [key], value: value, line: valueLine, column: valueColumn))
            }
            skipWhitespace()
            if scanner.peek() == UInt8(ascii: ",") {
                scanner.advance()
            } else if scanner.peek() == UInt8(ascii: "}") {
                scanner.advance()
                return
            } else {
                throw scanner.error(
                    "expected ',' or '}' in the object opened at \(line):\(column), found \(scanner.found)")
            }
        }
    }

    /// A string, number, boolean or array at the cursor.
    private mutating func value(depth: Int) throws -> ConfigDocument.Value {
        switch scanner.peek() {
        case UInt8(ascii: "\""): return .string(try scanner.readQuoted(json: true))
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "{"): throw scanner.error("objects inside arrays are not supported in a config")
        case UInt8(ascii: "t") where scanner.looksAt("true"):
            scanner.advance(4)
            return .bool(true)
        case UInt8(ascii: "f") where scanner.looksAt("false"):
            scanner.advance(5)
            return .bool(false)
        case UInt8(ascii: "n") where scanner.looksAt("null"):
            throw scanner.error("null is not a value a setting takes; leave the key out for the default")
        case let byte? where byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte):
            return try number()
        default:
            throw scanner.error("expected a value (a string, number, true, false or an array), found \(scanner.found)")
        }
    }

    /// `[value, ...]`.
    private mutating func array(depth: Int) throws -> ConfigDocument.Value {
        guard depth <= Self.maxDepth else { throw scanner.error("arrays nested more than \(Self.maxDepth) deep") }
        let line = scanner.line
        let column = scanner.column
        scanner.advance()
        skipWhitespace()
        var elements: [ConfigDocument.Value] = []
        if scanner.peek() == UInt8(ascii: "]") {
            scanner.advance()
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth))
            skipWhitespace()
            if scanner.peek() == UInt8(ascii: ",") {
                scanner.advance()
            } else if scanner.peek() == UInt8(ascii: "]") {
                scanner.advance()
                return .array(elements)
            } else {
                throw scanner.error(
                    "expected ',' or ']' in the array opened at \(line):\(column), found \(scanner.found)")
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`: an integer when it has no fraction or exponent and fits
    /// in 64 bits, else a float.
    private mutating func number() throws -> ConfigDocument.Value {
        let line = scanner.line
        let column = scanner.column
        var text: [UInt8] = []
        func digits(_ scanner: inout ConfigScanner, _ text: inout [UInt8]) -> Int {
            var count = 0
            while let byte = scanner.peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                text.append(byte)
                scanner.advance()
                count += 1
            }
            return count
        }
        func fail() -> CheckError {
            scanner.error("not a valid JSON number", line: line, column: column)
        }
        if scanner.peek() == UInt8(ascii: "-") {
            text.append(UInt8(ascii: "-"))
            scanner.advance()
        }
        let leadingZero = scanner.peek() == UInt8(ascii: "0")
        let whole = digits(&scanner, &text)
        guard whole > 0, !(leadingZero && whole > 1) else { throw fail() }
        var isInteger = true
        if scanner.peek() == UInt8(ascii: ".") {
            isInteger = false
            text.append(UInt8(ascii: "."))
            scanner.advance()
            guard digits(&scanner, &text) > 0 else { throw fail() }
        }
        if let e = scanner.peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            isInteger = false
            text.append(UInt8(ascii: "e"))
            scanner.advance()
            if let sign = scanner.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                text.append(sign)
                scanner.advance()
            }
            guard digits(&scanner, &text) > 0 else { throw fail() }
        }
        let string = String(decoding: text, as: UTF8.self)
        if isInteger, let value = Int64(string) { return .integer(value) }
        guard let value = Double(string), value.isFinite else {
            throw scanner.error("the number \(string) is out of range", line: line, column: column)
        }
        return .float(value)
    }
}
