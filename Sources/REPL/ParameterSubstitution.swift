/// Writes `@name` parameters into SQL as SQLite literals (for runners whose engine binds no names).
enum ParameterSubstitution {
    /// `sql` with every `@name` outside strings and comments replaced by its value; an unknown name is an error.
    static func apply(_ parameters: [QueryParameter], to sql: String) throws -> String {
        let bytes = Array(sql.utf8)
        guard bytes.contains(UInt8(ascii: "@")) else { return sql }
        var scanner = SQLScanner()
        var code = [Bool](repeating: false, count: bytes.count)
        for (i, byte) in bytes.enumerated() { code[i] = scanner.take(byte) }
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard code[i], bytes[i] == UInt8(ascii: "@"), i + 1 < bytes.count, isNameByte(bytes[i + 1]) else {
                out.append(bytes[i])
                i += 1
                continue
            }
            var end = i + 1
            while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
            let name = String(decoding: bytes[(i + 1)..<end], as: UTF8.self)
            guard let parameter = parameters.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw ShellError("no parameter @\(name) (set it with .parameter set \(name) TYPE VALUE)")
            }
            out.append(contentsOf: literal(parameter.value).utf8)
            i = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The SQLite literal for a value.
    static func literal(_ value: QueryValue) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let b): return b ? "1" : "0"
        case .integer(let i): return String(i)
        case .real(let d): return d.isFinite ? "\(d)" : "NULL"
        case .text(let s): return "'" + s.replacing("'", with: "''") + "'"
        case .bytes(let b): return "x'" + b.map { hexByte($0) }.joined() + "'"
        }
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }
}
