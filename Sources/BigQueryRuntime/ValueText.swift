/// Values as text: FORMAT's `%t` (printable) and `%T` (SQL literal), and results as the `bq` tool prints them.
public enum ValueText {
    /// `%t`: close to CAST(x AS STRING); NULL is `NULL`; arrays `[1, 2]`, structs `(1, "a")`.
    public static func printable(_ value: StoredValue, _ type: BigQueryType) throws(BigQueryError) -> String {
        if case .null = value { return "NULL" }
        switch type {
        case .bytes:
            guard case .blob(let bytes) = value else { return try value.asText() }
            return escapedBytes(bytes)
        case .array(let element):
            return "["
                + (try elements(value, element).map { (v) throws(BigQueryError) in try printable(v, element) })
                .joined(separator: ", ") + "]"
        case .structure(let fields):
            return "("
                + (try fieldValues(value, fields).map { (v, t) throws(BigQueryError) in try printable(v, t) })
                .joined(separator: ", ") + ")"
        default:
            return try Cast.toString(value, type)
        }
    }

    /// `%T`: a SQL literal that reads back as the value.
    public static func literal(_ value: StoredValue, _ type: BigQueryType) throws(BigQueryError) -> String {
        if case .null = value { return "NULL" }
        switch type {
        case .string: return quoted(try value.asText())
        case .bytes:
            guard case .blob(let bytes) = value else { return "b" + quoted(try value.asText()) }
            return "b\"" + escapedBytes(bytes) + "\""
        case .float64:
            let x = try value.asFloat()
            if x.isNaN { return "CAST(\"nan\" AS FLOAT64)" }
            if x.isInfinite { return x < 0 ? "CAST(\"-inf\" AS FLOAT64)" : "CAST(\"inf\" AS FLOAT64)" }
            let text = FloatText.shortest(x)
            return text.contains(".") || text.contains("e") ? text : text + ".0"
        case .date, .datetime, .time, .timestamp, .numeric, .bigNumeric, .interval, .json:
            return "\(type) " + quoted(try Cast.toString(value, type))
        case .array(let element):
            return "["
                + (try elements(value, element).map { (v) throws(BigQueryError) in try literal(v, element) })
                .joined(separator: ", ") + "]"
        case .structure(let fields):
            return "("
                + (try fieldValues(value, fields).map { (v, t) throws(BigQueryError) in try literal(v, t) })
                .joined(separator: ", ") + ")"
        default:
            return try Cast.toString(value, type)
        }
    }

    /// A result cell as `bq --format=csv` prints it: TIMESTAMP `2018-06-21 12:30:00 UTC`, DATETIME
    /// `2018-06-21T12:30:00`, BOOL `true`, FLOAT64 shortest round-trip, ARRAY/STRUCT as JSON, NULL as nil.
    public static func bq(_ value: StoredValue, _ type: BigQueryType) throws(BigQueryError) -> String? {
        if case .null = value { return nil }
        switch type {
        case .timestamp: return try Timestamp.parse(canonical: value.asText()).canonical + " UTC"
        case .datetime:
            let text = try CivilDateTime.parse(canonical: value.asText()).canonical
            return text.replacingFirstSpace(with: "T")
        case .bytes:
            guard case .blob(let bytes) = value else { return try value.asText() }
            return Base64.encode(bytes)
        case .array, .structure: return try value.asText()
        default: return try Cast.toString(value, type)
        }
    }

    /// The elements of an ARRAY's JSON text in stored form.
    public static func elements(_ value: StoredValue, _ element: BigQueryType) throws(BigQueryError) -> [StoredValue] {
        try JSONArrayText.decode(value.asText()).map { (e) throws(BigQueryError) in try stored(e, element) }
    }

    static func fieldValues(_ value: StoredValue, _ fields: [BigQueryType.Field]) throws(BigQueryError)
        -> [(StoredValue, BigQueryType)]
    {
        let items = try JSONArrayText.decode(value.asText())
        guard items.count == fields.count else { throw BigQueryError("Invalid STRUCT value: \(value)") }
        return try zip(items, fields).map { (pair) throws(BigQueryError) in
            (try stored(pair.0, pair.1.type), pair.1.type)
        }
    }

    /// A JSON element of an array of `type` in stored form.
    public static func stored(_ element: JSONArrayText.Element, _ type: BigQueryType) throws(BigQueryError)
        -> StoredValue
    {
        switch (element, type) {
        case (.null, _): return .null
        case (.bool(let b), .bool): return .integer(b ? 1 : 0)
        case (.number(let n), .int64):
            guard let i = Int64(n) else { throw BigQueryError("Invalid INT64 element: \(n)") }
            return .integer(i)
        case (.number(let n), .float64):
            guard let d = Double(n) else { throw BigQueryError("Invalid FLOAT64 element: \(n)") }
            return .real(d)
        case (.string(let s), .float64):
            switch s {
            case "NaN": return .text("NaN")
            case "Infinity": return .real(.infinity)
            case "-Infinity": return .real(-.infinity)
            default: throw BigQueryError("Invalid FLOAT64 element: \(s)")
            }
        case (.string(let s), .bytes): return .blob(try Base64.decode(s))
        case (.string(let s), _): return .text(s)
        case (.raw(let r), .array), (.raw(let r), .structure): return .text(r)
        default: throw BigQueryError("Invalid \(type) element: \(element)")
        }
    }

    /// The JSON element for a stored value of `type`.
    public static func element(_ value: StoredValue, _ type: BigQueryType) throws(BigQueryError)
        -> JSONArrayText.Element
    {
        switch (value, type) {
        case (.null, _): return .null
        case (.text("true"), .bool): return .bool(true)
        case (.text("false"), .bool): return .bool(false)
        case (_, .bool): return .bool(try value.asInteger() != 0)
        case (_, .int64): return .number(String(try value.asInteger()))
        case (_, .float64):
            let x = try value.asFloat()
            if x.isNaN { return .string("NaN") }
            if x.isInfinite { return .string(x < 0 ? "-Infinity" : "Infinity") }
            return .number(x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int64(x)) : x.description)
        case (.blob(let b), .bytes): return .string(Base64.encode(b))
        case (.text(let s), .bytes): return .string(Base64.encode(Array(s.utf8)))
        case (.text(let s), .array), (.text(let s), .structure):
            _ = try JSONArrayText.decode(s)
            return .raw(s)
        case (.text(let s), _): return .string(s)
        default: throw BigQueryError("Invalid \(type) value: \(value)")
        }
    }

    static func quoted(_ s: String) -> String {
        var out = ""
        JSONArrayText.appendQuoted(s, to: &out)
        return out
    }

    static func escapedBytes(_ bytes: [UInt8]) -> String {
        var out = ""
        for b in bytes {
            switch b {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x0D: out += "\\r"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = String(b, radix: 16)
                out += "\\x" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}

extension String {
    fileprivate func replacingFirstSpace(with replacement: String) -> String {
        guard let index = firstIndex(of: " ") else { return self }
        return self[..<index] + replacement + self[index...].dropFirst()
    }
}
