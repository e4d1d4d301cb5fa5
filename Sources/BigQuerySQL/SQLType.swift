import BigQueryDDL

/// The type of a BigQuery expression or result column, as the analyzer knows it.
public indirect enum SQLType: Sendable, Hashable, CustomStringConvertible {
    case int64, float64, numeric, bignumeric, bool, string, bytes, date, datetime, time, timestamp, interval, json
    /// `ARRAY<element>`.
    case array(SQLType)
    /// `STRUCT<name type, ...>`; unnamed fields have an empty name.
    case structure([StructField])

    /// One field of a struct type.
    public struct StructField: Sendable, Hashable {
        /// The field's name, empty when anonymous.
        public var name: String
        /// The field's type.
        public var type: SQLType

        /// Creates a field.
        public init(name: String, type: SQLType) {
            self.name = name
            self.type = type
        }
    }

    /// The type of a column the DDL declares.
    public init(_ type: BigQueryType) {
        switch type {
        case .string: self = .string
        case .bytes: self = .bytes
        case .int64: self = .int64
        case .float64: self = .float64
        case .numeric: self = .numeric
        case .bignumeric: self = .bignumeric
        case .bool: self = .bool
        case .date: self = .date
        case .datetime: self = .datetime
        case .time: self = .time
        case .timestamp: self = .timestamp
        }
    }

    /// The type named in SQL (`INT64`, `INTEGER`, `BOOLEAN`, `ARRAY<STRING>`), or `nil` for an unknown name.
    init?(_ name: TypeName) {
        switch name {
        case .simple(let text, _):
            let upper = text.uppercased()
            switch upper {
            case "INTERVAL": self = .interval
            case "JSON": self = .json
            default:
                guard let type = BigQueryType(sqlName: upper) else { return nil }
                self.init(type)
            }
        case .array(let element):
            guard let element = SQLType(element) else { return nil }
            self = .array(element)
        case .structure(let fields):
            var result: [StructField] = []
            for field in fields {
                guard let type = SQLType(field.type) else { return nil }
                result.append(StructField(name: field.name ?? "", type: type))
            }
            self = .structure(result)
        }
    }

    /// BigQuery's name for the type: `INT64`, `ARRAY<STRING>`, `STRUCT<a INT64, STRING>`.
    public var description: String {
        switch self {
        case .int64: "INT64"
        case .float64: "FLOAT64"
        case .numeric: "NUMERIC"
        case .bignumeric: "BIGNUMERIC"
        case .bool: "BOOL"
        case .string: "STRING"
        case .bytes: "BYTES"
        case .date: "DATE"
        case .datetime: "DATETIME"
        case .time: "TIME"
        case .timestamp: "TIMESTAMP"
        case .interval: "INTERVAL"
        case .json: "JSON"
        case .array(let element): "ARRAY<\(element)>"
        case .structure(let fields):
            "STRUCT<" + fields.map { $0.name.isEmpty ? "\($0.type)" : "\($0.name) \($0.type)" }.joined(separator: ", ")
                + ">"
        }
    }

    /// INT64, NUMERIC, BIGNUMERIC or FLOAT64.
    var isNumeric: Bool {
        switch self {
        case .int64, .float64, .numeric, .bignumeric: true
        default: false
        }
    }

    /// Whether values are stored as SQLite TEXT whose text order is not value order (NUMERIC).
    var isDecimal: Bool { self == .numeric || self == .bignumeric }

    /// Whether BigQuery can compare values of the type with `<` and sort them.
    var isOrderable: Bool {
        switch self {
        case .array, .structure, .json: false
        default: true
        }
    }

    /// Whether BigQuery can group by and compare with `=` values of the type.
    var isGroupable: Bool {
        switch self {
        case .json, .array: false
        case .structure(let fields): fields.allSatisfy { $0.type.isGroupable }
        default: true
        }
    }
}
