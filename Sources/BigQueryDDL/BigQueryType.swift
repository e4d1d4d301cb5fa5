/// A BigQuery scalar column type that bmrs migrations can declare.
///
/// The raw value is BigQuery's canonical GoogleSQL name (`INT64`, `FLOAT64`, `BOOL`, ...). The
/// table-resource JSON uses the older "legacy" names instead (`INTEGER`, `FLOAT`, `BOOLEAN`, ...);
/// see ``legacyName``. Parameterised types (`STRING(10)`, `NUMERIC(10, 2)`), `ARRAY`, `STRUCT` and
/// the types the local store cannot hold (`GEOGRAPHY`, `JSON`, `INTERVAL`, `RANGE`) are not cases:
/// the parser refuses them with an error naming the construct.
public enum BigQueryType: String, Sendable, Equatable, CaseIterable {
    /// Variable-length Unicode text.
    case string = "STRING"
    /// Variable-length binary data.
    case bytes = "BYTES"
    /// A 64-bit signed integer.
    case int64 = "INT64"
    /// A 64-bit IEEE 754 floating-point number.
    case float64 = "FLOAT64"
    /// A decimal with 38 digits of precision and 9 of scale.
    case numeric = "NUMERIC"
    /// A decimal with 76.76 digits of precision and 38 of scale.
    case bignumeric = "BIGNUMERIC"
    /// A boolean.
    case bool = "BOOL"
    /// A calendar date without a time zone.
    case date = "DATE"
    /// A civil date and time without a time zone.
    case datetime = "DATETIME"
    /// A time of day without a date or time zone.
    case time = "TIME"
    /// An absolute point in time with microsecond precision.
    case timestamp = "TIMESTAMP"

    /// Creates a type from a name as written in DDL, accepting BigQuery's aliases, in any letter case.
    ///
    /// `INT`, `SMALLINT`, `INTEGER`, `BIGINT`, `TINYINT` and `BYTEINT` mean `INT64`; `FLOAT` means
    /// `FLOAT64`; `BOOLEAN` means `BOOL`; `DECIMAL` means `NUMERIC`; `BIGDECIMAL` means `BIGNUMERIC`.
    /// Returns `nil` for any other name.
    public init?(sqlName: String) {
        let upper = sqlName.uppercased()
        if let type = BigQueryType(rawValue: upper) {
            self = type
            return
        }
        switch upper {
        case "INT", "SMALLINT", "INTEGER", "BIGINT", "TINYINT", "BYTEINT": self = .int64
        case "FLOAT": self = .float64
        case "BOOLEAN": self = .bool
        case "DECIMAL": self = .numeric
        case "BIGDECIMAL": self = .bignumeric
        default: return nil
        }
    }

    /// Creates a type from the `type` of a field in BigQuery's table-resource JSON.
    ///
    /// Accepts the legacy names (`INTEGER`, `FLOAT`, `BOOLEAN`, ...) and, like the BigQuery API,
    /// the canonical ones and their aliases. Returns `nil` for `RECORD`, `GEOGRAPHY` and the like.
    public init?(legacyName: String) {
        self.init(sqlName: legacyName)
    }

    /// The name of this type in BigQuery's table-resource JSON (`schema.fields[].type`).
    public var legacyName: String {
        switch self {
        case .string: "STRING"
        case .bytes: "BYTES"
        case .int64: "INTEGER"
        case .float64: "FLOAT"
        case .numeric: "NUMERIC"
        case .bignumeric: "BIGNUMERIC"
        case .bool: "BOOLEAN"
        case .date: "DATE"
        case .datetime: "DATETIME"
        case .time: "TIME"
        case .timestamp: "TIMESTAMP"
        }
    }

    /// Whether BigQuery accepts a column of this type in `CLUSTER BY`.
    ///
    /// BigQuery clusters on `BIGNUMERIC`, `BOOL`, `DATE`, `DATETIME`, `INT64`, `NUMERIC`, `STRING` and
    /// `TIMESTAMP` (and `GEOGRAPHY`/`RANGE`, which bmrs does not support); not on `FLOAT64`, `BYTES`
    /// or `TIME`.
    public var isClusterable: Bool {
        switch self {
        case .bignumeric, .bool, .date, .datetime, .int64, .numeric, .string, .timestamp: true
        case .float64, .bytes, .time: false
        }
    }

    /// Whether a column of this type can carry daily time partitioning.
    ///
    /// `DATE` columns are partitioned as they are; `TIMESTAMP` and `DATETIME` columns through
    /// `DATE(column)` or `TIMESTAMP_TRUNC`/`DATETIME_TRUNC(column, DAY)`.
    public var isPartitionable: Bool {
        switch self {
        case .date, .timestamp, .datetime: true
        default: false
        }
    }

    /// Real BigQuery type names that bmrs migrations do not support, mapped to how errors name them.
    static let unsupportedTypeNames: [String: String] = [
        "ARRAY": "ARRAY type",
        "STRUCT": "STRUCT type",
        "RECORD": "RECORD type",
        "GEOGRAPHY": "GEOGRAPHY type",
        "JSON": "JSON type",
        "INTERVAL": "INTERVAL type",
        "RANGE": "RANGE type",
    ]
}
