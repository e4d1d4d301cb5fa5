/// CAST and SAFE_CAST between BigQuery's scalar types, on values in stored form.
public enum Cast {
    /// CAST(value AS to) where value has type `from`; an impossible conversion is an error.
    public static func convert(_ value: StoredValue, from: BigQueryType, to: BigQueryType) throws(BigQueryError)
        -> StoredValue
    {
        if case .null = value { return .null }
        if from == to { return value }
        switch (from, to) {
        case (_, .string): return .text(try toString(value, from))
        case (.string, _): return try fromString(try value.asText(), to)
        case (.int64, .float64): return .real(Double(try value.asInteger()))
        case (.int64, .bool): return .integer(try value.asInteger() != 0 ? 1 : 0)
        case (.int64, .numeric), (.int64, .bigNumeric): return .text(NumericValue(try value.asInteger()).canonical)
        case (.bool, .int64): return .integer(try value.asInteger())
        case (.float64, .int64): return .integer(try floatToInteger(value.asFloat()))
        case (.float64, .numeric), (.float64, .bigNumeric):
            return .text(try NumericValue(double: value.asFloat()).canonical)
        case (.numeric, .float64), (.bigNumeric, .float64):
            return .real(try NumericValue.parse(canonical: value.asText()).double)
        case (.numeric, .int64), (.bigNumeric, .int64):
            let n = try NumericValue.parse(canonical: value.asText())
            let rounded = NumericValue.roundedDivide(n.scaled, NumericValue.scale)
            guard let i = Int64(exactly: rounded) else { throw BigQueryError("int64 overflow: \(n.canonical)") }
            return .integer(i)
        case (.numeric, .bigNumeric), (.bigNumeric, .numeric): return value
        case (.date, .datetime): return .text(try CivilDate.parse(canonical: value.asText()).canonical + " 00:00:00")
        case (.date, .timestamp): return .text(try CivilDate.parse(canonical: value.asText()).canonical + " 00:00:00")
        case (.datetime, .date): return .text(try CivilDateTime.parse(canonical: value.asText()).date.canonical)
        case (.datetime, .time): return .text(try CivilDateTime.parse(canonical: value.asText()).time.canonical)
        case (.datetime, .timestamp): return .text(try CivilDateTime.parse(canonical: value.asText()).canonical)
        case (.timestamp, .date): return .text(try Timestamp.parse(canonical: value.asText()).utc.date.canonical)
        case (.timestamp, .datetime): return .text(try Timestamp.parse(canonical: value.asText()).canonical)
        case (.timestamp, .time): return .text(try Timestamp.parse(canonical: value.asText()).utc.time.canonical)
        case (.array(let source), .array(let target)):
            let elements = try ValueText.elements(value, source).map { (element) throws(BigQueryError) in
                try ValueText.element(convert(element, from: source, to: target), target)
            }
            return .text(JSONArrayText.encode(elements))
        default:
            throw BigQueryError("Invalid cast from \(from) to \(to)")
        }
    }

    /// SAFE_CAST: nil where CAST fails (a cast the types forbid is still an error).
    public static func safeConvert(_ value: StoredValue, from: BigQueryType, to: BigQueryType) throws(BigQueryError)
        -> StoredValue
    {
        do {
            return try convert(value, from: from, to: to)
        } catch {
            if error.message.hasPrefix("Invalid cast from") { throw error }
            return .null
        }
    }

    /// FLOAT64 to INT64: half away from zero; non-finite or out of range is an error.
    static func floatToInteger(_ x: Double) throws(BigQueryError) -> Int64 {
        guard x.isFinite else {
            throw BigQueryError(
                "Illegal conversion of non-finite floating point number to an integer: \(FloatText.shortest(x))")
        }
        let rounded = x.rounded(.toNearestOrAwayFromZero)
        guard rounded >= -9_223_372_036_854_775_808.0 && rounded < 9_223_372_036_854_775_808.0 else {
            throw BigQueryError("int64 out of range: \(FloatText.shortest(x))")
        }
        return Int64(rounded)
    }

    /// CAST(x AS STRING).
    public static func toString(_ value: StoredValue, _ type: BigQueryType) throws(BigQueryError) -> String {
        switch type {
        case .int64: return String(try value.asInteger())
        case .float64: return FloatText.shortest(try value.asFloat())
        case .bool: return try value.asInteger() != 0 ? "true" : "false"
        case .bytes:
            guard case .blob(let bytes) = value else { return try value.asText() }
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            var text = String.UnicodeScalarView()
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): text.append(scalar)
                case .emptyInput: break decoding
                case .error: throw BigQueryError("Invalid cast of BYTES to STRING: not valid UTF-8")
                }
            }
            return String(text)
        case .date: return try CivilDate.parse(canonical: value.asText()).canonical
        case .datetime: return millisWhereExact(try CivilDateTime.parse(canonical: value.asText()).canonical)
        case .time: return millisWhereExact(try CivilTime.parse(canonical: value.asText()).canonical)
        case .timestamp:
            let ts = try Timestamp.parse(canonical: value.asText())
            return millisWhereExact(ts.canonical) + "+00"
        case .numeric, .bigNumeric, .interval, .string, .json: return try value.asText()
        case .array, .structure: throw BigQueryError("Invalid cast from \(type) to STRING")
        }
    }

    /// The canonical text with a 6-digit fraction cut to 3 digits when the microseconds are whole milliseconds
    /// (`.100`, `.000100`), as CAST(... AS STRING) prints it (zetasql/compliance/testdata/timestamp.test,
    /// [name=timestamp_to_string_2]).
    static func millisWhereExact(_ canonical: String) -> String {
        guard canonical.count > 7, canonical.hasSuffix("000"),
            canonical[canonical.index(canonical.endIndex, offsetBy: -7)] == "."
        else { return canonical }
        return String(canonical.dropLast(3))
    }

    /// CAST(string AS to).
    static func fromString(_ s: String, _ to: BigQueryType) throws(BigQueryError) -> StoredValue {
        let trimmed = StringFunctions.trim(s)
        switch to {
        case .int64:
            if let i = Int64(trimmed) { return .integer(i) }
            var hex = Substring(trimmed)
            var negative = false
            if hex.hasPrefix("-") {
                negative = true
                hex = hex.dropFirst()
            } else if hex.hasPrefix("+") {
                hex = hex.dropFirst()
            }
            if hex.hasPrefix("0x") || hex.hasPrefix("0X"), let magnitude = UInt64(hex.dropFirst(2), radix: 16) {
                if negative && magnitude == UInt64(Int64.max) + 1 { return .integer(.min) }
                if let i = Int64(exactly: magnitude) { return .integer(negative ? -i : i) }
            }
            throw BigQueryError("Bad int64 value: \(s)")
        case .float64:
            switch trimmed.lowercased() {
            case "nan", "+nan", "-nan": return .text("NaN")
            case "inf", "+inf", "infinity", "+infinity": return .real(.infinity)
            case "-inf", "-infinity": return .real(-.infinity)
            default: break
            }
            guard let d = Double(trimmed), !trimmed.isEmpty else { throw BigQueryError("Bad double value: \(s)") }
            return .real(d)
        case .numeric, .bigNumeric: return .text(try NumericValue(parsing: trimmed).canonical)
        case .bool:
            switch trimmed.lowercased() {
            case "true": return .integer(1)
            case "false": return .integer(0)
            default: throw BigQueryError("Bad bool value: \(s)")
            }
        case .bytes: return .blob(Array(s.utf8))
        case .date: return .text(try LiteralParser.date(trimmed).canonical)
        case .datetime: return .text(try LiteralParser.dateTime(trimmed).canonical)
        case .time: return .text(try LiteralParser.time(trimmed).canonical)
        case .timestamp: return .text(try LiteralParser.timestamp(trimmed).canonical)
        case .interval: return .text(try IntervalValue(parsing: trimmed).canonical)
        default: throw BigQueryError("Invalid cast from STRING to \(to)")
        }
    }
}
