import BigQueryDDL

/// How values are spelled in each output format.
enum ValueText {
    /// The plain text of a value: numbers as digits (a whole FLOAT64 keeps its `.0`), NULL as "".
    static func plain(_ value: QueryValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .real(let d): return real(d)
        case .text(let s): return s
        case .bytes(let b): return "x'" + hex(b) + "'"
        }
    }

    /// A FLOAT64 as text: whole numbers below 1e15 with one decimal (`3.0`), others as Swift prints them.
    static func real(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return "\(d)"
    }

    /// A value as JSON.
    static func json(_ value: QueryValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .real(let d): return d.isFinite ? real(d) : "null"
        case .text(let s): return jsonString(s)
        case .bytes: return jsonString(plain(value))
        }
    }

    /// A JSON string literal.
    static func jsonString(_ s: String) -> String { jsonStringLiteral(s) }

    /// Appends a CSV field (quoted when it holds a comma, quote or line break) to `out`.
    static func appendCSV(_ value: QueryValue, to out: inout [UInt8]) {
        switch value {
        case .null: return
        case .integer(let i): appendDecimal(i, to: &out)
        case .text(let s):
            let done: Void? = s.utf8.withContiguousStorageIfAvailable { appendCSV(bytes: $0, to: &out) }
            if done == nil { appendCSV(bytes: Array(s.utf8), to: &out) }
        default: appendCSV(.text(plain(value)), to: &out)
        }
    }

    /// Appends the decimal digits of `value` without making a string.
    static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[start...].reverse()
    }

    /// Appends text bytes as a CSV field, quoted when they hold a comma, quote or line break.
    private static func appendCSV(bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        var plain = true
        for byte in bytes where byte == 44 || byte == 34 || byte == 10 || byte == 13 {
            plain = false
            break
        }
        guard !plain else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(34)
        for byte in bytes {
            out.append(byte)
            if byte == 34 { out.append(34) }
        }
        out.append(34)
    }

    /// Lower-case hexadecimal, two digits per byte.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A count with thousands separators: 17,520.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
