/// A value as SQLite returned it, before BigQuery typing.
public enum StoredValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// Prints result values by BigQuery type, as the `bq` command-line tool prints them.
///
/// BOOL `true`/`false`; DATE `2018-06-21`; TIMESTAMP `2018-06-21 12:30:00 UTC`; DATETIME `2018-06-21T12:30:00`;
/// FLOAT64 in shortest round-trip form; BYTES as base64; ARRAY and STRUCT as JSON (STRUCT as an object).
public enum ResultValueFormatter {
    /// The text of a value for CSV and pretty output; `nil` for NULL.
    public static func text(_ value: StoredValue, _ type: SQLType) -> String? {
        switch value {
        case .null:
            return nil
        case .integer(let n):
            switch type {
            case .bool: return n != 0 ? "true" : "false"
            case .float64: return float(Double(n))
            default: return String(n)
            }
        case .real(let d):
            if type == .int64 { return String(Int64(exactly: d).map(String.init) ?? float(d)) }
            return float(d)
        case .blob(let bytes):
            return base64(bytes)
        case .text(let s):
            switch type {
            case .timestamp: return s + " UTC"
            case .datetime: return s.count >= 11 ? s.replacingOccurrences(of: " ", with: "T") : s
            case .float64: return s
            case .array, .structure: return json(s, type)
            default: return s
            }
        }
    }

    /// The value as a JSON value: NULL is `null`, scalars are JSON strings as the BigQuery API returns them,
    /// ARRAY and STRUCT are JSON arrays and objects.
    public static func jsonValue(_ value: StoredValue, _ type: SQLType) -> String {
        guard let text = text(value, type) else { return "null" }
        switch type {
        case .array, .structure: return text
        default: return quote(text)
        }
    }

    /// FLOAT64 in shortest round-trip form (`0.1`, `1.0`, `1.0E20`), `NaN`, `Infinity`, `-Infinity`.
    public static func float(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
        return "\(d)"
    }

    /// A JSON string literal.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = Array("0123456789abcdef")
                    out += "\\u00" + String(hex[Int(scalar.value >> 4)]) + String(hex[Int(scalar.value & 15)])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A contract JSON array rendered by type: STRUCTs become objects with their field names.
    static func json(_ text: String, _ type: SQLType) -> String {
        switch type {
        case .array(let element):
            guard case .structure = element, let items = elements(of: text) else { return text }
            return "[" + items.map { json(String($0), element) }.joined(separator: ",") + "]"
        case .structure(let fields):
            guard let items = elements(of: text), items.count == fields.count else { return text }
            return "{"
                + zip(fields, items).enumerated().map { index, pair in
                    quote(pair.0.name.isEmpty ? "_field_\(index + 1)" : pair.0.name) + ":"
                        + json(String(pair.1), pair.0.type)
                }.joined(separator: ",") + "}"
        default:
            return text
        }
    }

    /// The top-level elements of a JSON array, as text.
    static func elements(of text: String) -> [Substring]? {
        let chars = Array(text.utf8)
        guard chars.first == UInt8(ascii: "["), chars.last == UInt8(ascii: "]") else { return nil }
        var result: [Substring] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start = 1
        let utf8 = text.utf8
        func slice(_ a: Int, _ b: Int) -> Substring {
            let from = utf8.index(utf8.startIndex, offsetBy: a)
            let to = utf8.index(utf8.startIndex, offsetBy: b)
            return Substring(text[from..<to]).trimmingSpaces()
        }
        for index in 1..<(chars.count - 1) {
            let c = chars[index]
            if inString {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch c {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 {
                    result.append(slice(start, index))
                    start = index + 1
                }
            default: break
            }
        }
        let last = slice(start, chars.count - 1)
        if !last.isEmpty || !result.isEmpty { result.append(last) }
        return result
    }

    /// Standard base64 with padding.
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var index = 0
        while index < bytes.count {
            let b0 = Int(bytes[index])
            let b1 = index + 1 < bytes.count ? Int(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? Int(bytes[index + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[((b0 & 3) << 4) | (b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[((b1 & 15) << 2) | (b2 >> 6)] : "=")
            out.append(index + 2 < bytes.count ? alphabet[b2 & 63] : "=")
            index += 3
        }
        return out
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    func trimmingSpaces() -> Substring {
        String(self).trimmingSpaces()
    }
}
