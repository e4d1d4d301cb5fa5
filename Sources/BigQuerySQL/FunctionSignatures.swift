/// Scalar functions whose translation is a fixed call with typed arguments: BigQuery name → signatures.
///
/// Each signature lists the argument types (the last `optional` ones may be left out), the result type and
/// the SQLite function to call (a `bq_*` function of the function pack, or a built-in that agrees exactly).
struct FunctionSignature {
    var arguments: [SQLType]
    var optional: Int = 0
    var result: SQLType
    var sqlite: String
}

enum FunctionSignatures {
    private static func s(_ arguments: [SQLType], _ result: SQLType, _ sqlite: String, optional: Int = 0)
        -> FunctionSignature
    {
        FunctionSignature(arguments: arguments, optional: optional, result: result, sqlite: sqlite)
    }

    /// The table, keyed by upper-case BigQuery name.
    static let table: [String: [FunctionSignature]] = [
        // Maths.
        "ROUND": [s([.float64, .int64], .float64, "bq_round", optional: 1)],
        "TRUNC": [s([.float64, .int64], .float64, "bq_trunc", optional: 1)],
        "CEIL": [s([.float64], .float64, "bq_ceil")],
        "CEILING": [s([.float64], .float64, "bq_ceil")],
        "FLOOR": [s([.float64], .float64, "bq_floor")],
        "POW": [s([.float64, .float64], .float64, "bq_pow")],
        "POWER": [s([.float64, .float64], .float64, "bq_pow")],
        "SQRT": [s([.float64], .float64, "bq_sqrt")],
        "LN": [s([.float64], .float64, "bq_ln")],
        "LOG": [s([.float64, .float64], .float64, "bq_log", optional: 1)],
        "LOG10": [s([.float64], .float64, "bq_log10")],
        "EXP": [s([.float64], .float64, "bq_exp")],
        "DIV": [s([.int64, .int64], .int64, "bq_div")],
        "MOD": [s([.int64, .int64], .int64, "bq_mod")],
        "SAFE_DIVIDE": [s([.float64, .float64], .float64, "bq_safe_divide")],
        "IEEE_DIVIDE": [s([.float64, .float64], .float64, "bq_ieee_divide")],
        "SAFE_ADD": [s([.int64, .int64], .int64, "bq_safe_add")],
        "SAFE_SUBTRACT": [s([.int64, .int64], .int64, "bq_safe_subtract")],
        "SAFE_MULTIPLY": [s([.int64, .int64], .int64, "bq_safe_multiply")],
        "SAFE_NEGATE": [s([.int64], .int64, "bq_safe_negate")],
        "ABS": [s([.int64], .int64, "bq_abs"), s([.float64], .float64, "abs")],
        "SIGN": [s([.int64], .int64, "bq_sign"), s([.float64], .float64, "bq_sign")],
        // Strings.
        "LOWER": [s([.string], .string, "bq_lower")],
        "UPPER": [s([.string], .string, "bq_upper")],
        "LENGTH": [s([.string], .int64, "length"), s([.bytes], .int64, "length")],
        "CHAR_LENGTH": [s([.string], .int64, "length")],
        "CHARACTER_LENGTH": [s([.string], .int64, "length")],
        "SUBSTR": [s([.string, .int64, .int64], .string, "bq_substr", optional: 1)],
        "SUBSTRING": [s([.string, .int64, .int64], .string, "bq_substr", optional: 1)],
        "STRPOS": [s([.string, .string], .int64, "bq_strpos")],
        "STARTS_WITH": [s([.string, .string], .bool, "bq_starts_with")],
        "ENDS_WITH": [s([.string, .string], .bool, "bq_ends_with")],
        "SPLIT": [s([.string, .string], .array(.string), "bq_split", optional: 1)],
        "TRIM": [s([.string, .string], .string, "bq_trim", optional: 1)],
        "LTRIM": [s([.string, .string], .string, "bq_ltrim", optional: 1)],
        "RTRIM": [s([.string, .string], .string, "bq_rtrim", optional: 1)],
        "LPAD": [s([.string, .int64, .string], .string, "bq_lpad", optional: 1)],
        "RPAD": [s([.string, .int64, .string], .string, "bq_rpad", optional: 1)],
        "REPLACE": [s([.string, .string, .string], .string, "bq_replace")],
        "REVERSE": [s([.string], .string, "bq_reverse")],
        "REPEAT": [s([.string, .int64], .string, "bq_repeat")],
        "REGEXP_CONTAINS": [s([.string, .string], .bool, "bq_regexp_contains")],
        "REGEXP_EXTRACT": [s([.string, .string, .int64, .int64], .string, "bq_regexp_extract", optional: 2)],
        "REGEXP_EXTRACT_ALL": [s([.string, .string], .array(.string), "bq_regexp_extract_all")],
        "REGEXP_REPLACE": [s([.string, .string, .string], .string, "bq_regexp_replace")],
        // Dates and times.
        "DATE_DIFF": [s([.date, .date, .string], .int64, "bq_date_diff")],
        "DATE_TRUNC": [s([.date, .string], .date, "bq_date_trunc")],
        "LAST_DAY": [
            s([.date, .string], .date, "bq_last_day", optional: 1),
            s([.datetime, .string], .date, "bq_datetime_last_day", optional: 1),
        ],
        "DATETIME_DIFF": [s([.datetime, .datetime, .string], .int64, "bq_datetime_diff")],
        "DATETIME_TRUNC": [s([.datetime, .string], .datetime, "bq_datetime_trunc")],
        "TIME_DIFF": [s([.time, .time, .string], .int64, "bq_time_diff")],
        "TIME_TRUNC": [s([.time, .string], .time, "bq_time_trunc")],
        "TIMESTAMP_DIFF": [s([.timestamp, .timestamp, .string], .int64, "bq_timestamp_diff")],
        "TIMESTAMP_TRUNC": [s([.timestamp, .string, .string], .timestamp, "bq_timestamp_trunc", optional: 1)],
        "UNIX_DATE": [s([.date], .int64, "bq_unix_date")],
        "DATE_FROM_UNIX_DATE": [s([.int64], .date, "bq_date_from_unix_date")],
        "UNIX_SECONDS": [s([.timestamp], .int64, "bq_unix_seconds")],
        "UNIX_MILLIS": [s([.timestamp], .int64, "bq_unix_millis")],
        "UNIX_MICROS": [s([.timestamp], .int64, "bq_unix_micros")],
        "TIMESTAMP_SECONDS": [s([.int64], .timestamp, "bq_timestamp_seconds")],
        "TIMESTAMP_MILLIS": [s([.int64], .timestamp, "bq_timestamp_millis")],
        "TIMESTAMP_MICROS": [s([.int64], .timestamp, "bq_timestamp_micros")],
        "FORMAT_DATE": [s([.string, .date], .string, "bq_format_date")],
        "FORMAT_DATETIME": [s([.string, .datetime], .string, "bq_format_datetime")],
        "FORMAT_TIME": [s([.string, .time], .string, "bq_format_time")],
        "FORMAT_TIMESTAMP": [s([.string, .timestamp, .string], .string, "bq_format_timestamp", optional: 1)],
        "PARSE_DATE": [s([.string, .string], .date, "bq_parse_date")],
        "PARSE_DATETIME": [s([.string, .string], .datetime, "bq_parse_datetime")],
        "PARSE_TIME": [s([.string, .string], .time, "bq_parse_time")],
        "PARSE_TIMESTAMP": [s([.string, .string, .string], .timestamp, "bq_parse_timestamp", optional: 1)],
        "CURRENT_DATE": [s([.string], .date, "bq_current_date", optional: 1)],
        "CURRENT_DATETIME": [s([.string], .datetime, "bq_current_datetime", optional: 1)],
        "CURRENT_TIME": [s([.string], .time, "bq_current_time", optional: 1)],
        "CURRENT_TIMESTAMP": [s([], .timestamp, "bq_current_timestamp")],
        "DATE": [
            s([.int64, .int64, .int64], .date, "bq_date"),
            s([.timestamp, .string], .date, "bq_date_from_timestamp", optional: 1),
            s([.datetime], .date, "bq_date_from_datetime"),
        ],
        "DATETIME": [
            s([.int64, .int64, .int64, .int64, .int64, .int64], .datetime, "bq_datetime"),
            s([.date, .time], .datetime, "bq_datetime_from_date_time"),
            s([.date], .datetime, "bq_datetime_from_date"),
            s([.timestamp, .string], .datetime, "bq_datetime_from_timestamp", optional: 1),
        ],
        "TIME": [
            s([.int64, .int64, .int64], .time, "bq_time"),
            s([.timestamp, .string], .time, "bq_time_from_timestamp", optional: 1),
            s([.datetime], .time, "bq_time_from_datetime"),
        ],
        "TIMESTAMP": [
            s([.timestamp], .timestamp, ""),
            s([.date, .string], .timestamp, "bq_timestamp_from_date", optional: 1),
            s([.datetime, .string], .timestamp, "bq_timestamp_from_datetime", optional: 1),
            s([.string, .string], .timestamp, "bq_timestamp_from_string", optional: 1),
        ],
        "MAKE_INTERVAL": [
            s([.int64, .int64, .int64, .int64, .int64, .int64], .interval, "bq_make_interval", optional: 6)
        ],
        "JUSTIFY_DAYS": [s([.interval], .interval, "bq_justify_days")],
        "JUSTIFY_HOURS": [s([.interval], .interval, "bq_justify_hours")],
        "JUSTIFY_INTERVAL": [s([.interval], .interval, "bq_justify_interval")],
    ]

    /// Functions whose last argument is a date part written as a bare word (`DAY`, `WEEK(MONDAY)`).
    static let partArgument: [String: Int] = [
        "DATE_DIFF": 2, "DATE_TRUNC": 1, "LAST_DAY": 1, "DATETIME_DIFF": 2, "DATETIME_TRUNC": 1, "TIME_DIFF": 2,
        "TIME_TRUNC": 1, "TIMESTAMP_DIFF": 2, "TIMESTAMP_TRUNC": 1,
    ]

    /// Aggregate functions (also usable with OVER).
    static let aggregates: Set<String> = [
        "COUNT", "COUNTIF", "SUM", "AVG", "MIN", "MAX", "ANY_VALUE", "LOGICAL_AND", "LOGICAL_OR", "ARRAY_AGG",
        "STRING_AGG", "APPROX_COUNT_DISTINCT", "APPROX_QUANTILES", "STDDEV", "STDDEV_SAMP", "STDDEV_POP",
        "VARIANCE", "VAR_SAMP", "VAR_POP", "CORR", "COVAR_POP", "COVAR_SAMP", "BIT_AND", "BIT_OR", "BIT_XOR",
        "ARRAY_CONCAT_AGG", "APPROX_TOP_COUNT", "APPROX_TOP_SUM",
    ]

    /// Functions that exist only with OVER.
    static let analytic: Set<String> = [
        "ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK", "CUME_DIST", "NTILE", "LAG", "LEAD", "FIRST_VALUE",
        "LAST_VALUE", "NTH_VALUE", "PERCENTILE_CONT", "PERCENTILE_DISC",
    ]
}
