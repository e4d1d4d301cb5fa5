/// The contract's JSON text form of ARRAY and STRUCT values: building it, and splitting it into elements.
public enum JSONArrayText {
    /// One top-level element of a JSON array.
    public enum Element: Sendable, Hashable {
        /// `null`.
        case null
        /// `true` / `false`.
        case bool(Bool)
        /// A number, as written.
        case number(String)
        /// A string, unescaped.
        case string(String)
        /// A nested array or object, as written.
        case raw(String)
    }

    /// A JSON array of strings (nil elements are `null`).
    public static func strings(_ values: [String?]) -> String {
        var out = "["
        for (index, value) in values.enumerated() {
            if index > 0 { out += "," }
            if let value { appendQuoted(value, to: &out) } else { out += "null" }
        }
        return out + "]"
    }

    /// Builds the text of `elements`.
    public static func encode(_ elements: [Element]) -> String {
        var out = "["
        for (index, element) in elements.enumerated() {
            if index > 0 { out += "," }
            switch element {
            case .null: out += "null"
            case .bool(let b): out += b ? "true" : "false"
            case .number(let n): out += n
            case .string(let s): appendQuoted(s, to: &out)
            case .raw(let r): out += r
            }
        }
        return out + "]"
    }

    /// Appends `s` as a JSON string literal.
    public static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// The elements of the JSON array `text`; anything but a well-formed array is an error.
    public static func decode(_ text: String) throws(BigQueryError) -> [Element] {
        var parser = Parser(bytes: Array(text.utf8))
        guard let elements = parser.array(), parser.skipSpace(), parser.index == parser.bytes.count else {
            throw BigQueryError("Invalid ARRAY value: '\(text.prefix(80))'")
        }
        return elements
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var depth = 0

        @discardableResult mutating func skipSpace() -> Bool {
            while index < bytes.count, [32, 9, 10, 13].contains(bytes[index]) { index += 1 }
            return true
        }

        mutating func array() -> [Element]? {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
            index += 1
            var result: [Element] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return result
            }
            while true {
                guard let element = element() else { return nil }
                result.append(element)
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return result
                }
                return nil
            }
        }

        mutating func element() -> Element? {
            skipSpace()
            guard index < bytes.count else { return nil }
            let start = index
            switch bytes[index] {
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "\""): return string().map(Element.string)
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                guard skipNested() else { return nil }
                return .raw(String(decoding: bytes[start..<index], as: UTF8.self))
            default:
                while index < bytes.count, Parser.numberBytes.contains(bytes[index]) { index += 1 }
                guard index > start else { return nil }
                return .number(String(decoding: bytes[start..<index], as: UTF8.self))
            }
        }

        static let numberBytes: Set<UInt8> = Set(Array("0123456789+-.eE".utf8))

        mutating func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard index + w.count <= bytes.count, Array(bytes[index..<(index + w.count)]) == w else { return false }
            index += w.count
            return true
        }

        mutating func skipNested() -> Bool {
            var level = 0
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    guard string() != nil else { return false }
                    continue
                }
                if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") { level += 1 }
                if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") {
                    level -= 1
                    if level == 0 {
                        index += 1
                        return true
                    }
                }
                index += 1
            }
            return false
        }

        mutating func string() -> String? {
            index += 1
            var out = [UInt8]()
            while index < bytes.count {
                let b = bytes[index]
                index += 1
                if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                if b != UInt8(ascii: "\\") {
                    out.append(b)
                    continue
                }
                guard index < bytes.count else { return nil }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "u"):
                    guard var code = hex4() else { return nil }
                    if code >= 0xD800 && code < 0xDC00, index + 1 < bytes.count, bytes[index] == 92,
                        bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        guard let low = hex4(), low >= 0xDC00 && low < 0xE000 else { return nil }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { return nil }
                    out += Array(String(scalar).utf8)
                default: out.append(e)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = UInt32(String(UnicodeScalar(bytes[index])), radix: 16) else { return nil }
                value = value * 16 + digit
                index += 1
            }
            return value
        }
    }
}
