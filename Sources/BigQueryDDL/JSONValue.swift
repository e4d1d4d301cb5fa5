/// A JSON value whose objects keep their keys in the order given, for deterministic output.
enum JSONValue {
    /// A string.
    case string(String)
    /// `true` or `false`.
    case bool(Bool)
    /// An array.
    case array([JSONValue])
    /// An object whose members are written in this order.
    case object([(String, JSONValue)])

    /// The value pretty-printed with two-space indentation and a trailing newline.
    ///
    /// The layout is that of `json.dumps(value, indent=2)` in Python: `"key": value`, one member or
    /// element per line, and `[]` / `{}` for empty containers.
    func prettyPrinted() -> String {
        var output = ""
        write(to: &output, indent: 0)
        output += "\n"
        return output
    }

    private func write(to output: inout String, indent: Int) {
        let inner = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch self {
        case .string(let text):
            output += Self.quoted(text)
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "[\n"
            for (offset, element) in elements.enumerated() {
                output += inner
                element.write(to: &output, indent: indent + 1)
                output += offset == elements.count - 1 ? "\n" : ",\n"
            }
            output += closing + "]"
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += "{\n"
            for (offset, (key, value)) in members.enumerated() {
                output += inner + Self.quoted(key) + ": "
                value.write(to: &output, indent: indent + 1)
                output += offset == members.count - 1 ? "\n" : ",\n"
            }
            output += closing + "}"
        }
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped.
    ///
    /// Other characters, including non-ASCII ones, are written as they are (JSON text is UTF-8).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// `text` as a JSON string literal (the one JSON string escaper the project uses).
public func jsonStringLiteral(_ text: String) -> String {
    JSONValue.quoted(text)
}
