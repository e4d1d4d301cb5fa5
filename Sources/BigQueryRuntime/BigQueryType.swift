/// A BigQuery type, parsed from its name (`INT64`, `ARRAY<DATE>`, `STRUCT<a INT64, b STRING>`).
public indirect enum BigQueryType: Sendable, Hashable, CustomStringConvertible {
    case int64, float64, numeric, bigNumeric, bool, string, bytes, date, datetime, time, timestamp, interval, json
    case array(BigQueryType)
    case structure([Field])

    /// A STRUCT field.
    public struct Field: Sendable, Hashable {
        /// The name, if any.
        public let name: String?
        /// The type.
        public let type: BigQueryType
    }

    /// Parses a type name (aliases INT, INTEGER, BIGINT, FLOAT, DECIMAL, BOOLEAN … accepted).
    public init(_ text: String) throws(BigQueryError) {
        var parser = TypeNameParser(Array(text.utf8))
        guard let type = parser.type(), parser.atEnd else { throw BigQueryError("Unknown type: \(text)") }
        self = type
    }

    /// The name as BigQuery prints it.
    public var description: String {
        switch self {
        case .int64: return "INT64"
        case .float64: return "FLOAT64"
        case .numeric: return "NUMERIC"
        case .bigNumeric: return "BIGNUMERIC"
        case .bool: return "BOOL"
        case .string: return "STRING"
        case .bytes: return "BYTES"
        case .date: return "DATE"
        case .datetime: return "DATETIME"
        case .time: return "TIME"
        case .timestamp: return "TIMESTAMP"
        case .interval: return "INTERVAL"
        case .json: return "JSON"
        case .array(let element): return "ARRAY<\(element)>"
        case .structure(let fields):
            return "STRUCT<"
                + fields.map { ($0.name.map { $0 + " " } ?? "") + $0.type.description }.joined(separator: ", ")
                + ">"
        }
    }

    static func scalar(_ name: String) -> BigQueryType? {
        switch name.uppercased() {
        case "INT64", "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT": return .int64
        case "FLOAT64", "FLOAT", "DOUBLE": return .float64
        case "NUMERIC", "DECIMAL": return .numeric
        case "BIGNUMERIC", "BIGDECIMAL": return .bigNumeric
        case "BOOL", "BOOLEAN": return .bool
        case "STRING": return .string
        case "BYTES": return .bytes
        case "DATE": return .date
        case "DATETIME": return .datetime
        case "TIME": return .time
        case "TIMESTAMP": return .timestamp
        case "INTERVAL": return .interval
        case "JSON": return .json
        default: return nil
        }
    }
}

private struct TypeNameParser {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool {
        mutating get {
            skipSpace()
            return index >= bytes.count
        }
    }

    mutating func skipSpace() { while index < bytes.count && bytes[index] == 32 { index += 1 } }

    mutating func word() -> String? {
        skipSpace()
        let start = index
        while index < bytes.count,
            (bytes[index] | 0x20) >= 97 && (bytes[index] | 0x20) <= 122 || (bytes[index] >= 48 && bytes[index] <= 57)
                || bytes[index] == 95 || bytes[index] == 96
        {
            index += 1
        }
        return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    mutating func take(_ c: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == c else { return false }
        index += 1
        return true
    }

    mutating func type() -> BigQueryType? {
        guard let name = word() else { return nil }
        switch name.uppercased() {
        case "ARRAY":
            guard take(60), let element = type(), take(62) else { return nil }
            return .array(element)
        case "STRUCT":
            guard take(60) else { return nil }
            var fields: [BigQueryType.Field] = []
            if take(62) { return .structure(fields) }
            repeat {
                let mark = index
                if let first = word() {
                    let afterName = index
                    if let fieldType = type() {
                        fields.append(.init(name: first, type: fieldType))
                        continue
                    }
                    index = afterName
                    _ = index
                }
                index = mark
                guard let fieldType = type() else { return nil }
                fields.append(.init(name: nil, type: fieldType))
            } while take(44)
            guard take(62) else { return nil }
            return .structure(fields)
        default:
            return BigQueryType.scalar(name)
        }
    }
}
