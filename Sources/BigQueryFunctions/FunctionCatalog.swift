/// One SQLite function the pack registers: what the BigQuery SQL emitter may call.
///
/// Conventions every entry follows (see also /work/bq-contract.md):
/// - Values arrive and leave in the contract's SQLite representation (DATE/DATETIME/TIME/TIMESTAMP/INTERVAL/
///   NUMERIC as canonical TEXT, BOOL as 0/1, ARRAY/STRUCT as JSON TEXT). Input in any other form is an error.
/// - `PART` is a STRING date part as BigQuery spells it: `MICROSECOND`, `MILLISECOND`, `SECOND`, `MINUTE`,
///   `HOUR`, `DAY`, `DAYOFWEEK`, `DAYOFYEAR`, `WEEK`, `WEEK(MONDAY)`…`WEEK(SATURDAY)`, `ISOWEEK`, `MONTH`,
///   `QUARTER`, `YEAR`, `ISOYEAR` (case-insensitive); a part the function does not take is an error.
/// - `ZONE` is a STRING time zone: an IANA name (`Europe/London`) read from the system tz database, `UTC`, or a
///   fixed offset (`+01:00`, `-5`, `UTC+3`). Where it is optional, the default is `UTC`.
/// - `TYPE` is a STRING BigQuery type name (`INT64`, `DATE`, `ARRAY<STRING>`, `STRUCT<a INT64, b STRING>`).
/// - A NULL argument gives NULL unless the summary says otherwise (type, part and option arguments must be
///   non-NULL constants).
/// - FLOAT64 NaN: SQLite turns a NaN REAL into NULL, so a function whose BigQuery result is NaN returns the TEXT
///   `'NaN'` (the same spelling CAST uses); FLOAT64-taking functions accept that TEXT back as NaN.
/// - Errors carry BigQuery's message (`division by zero: 1 / 0`, `int64 overflow: 9223372036854775807 + 1`).
public struct FunctionCatalogEntry: Sendable, Hashable {
    /// How the function is registered.
    public enum Kind: String, Sendable, Hashable {
        /// A scalar function.
        case scalar
        /// An aggregate, also usable with `OVER (...)` (registered with `sqlite3_create_window_function`).
        case aggregate
    }

    /// The SQLite name, `bq_<snake_case>`.
    public let name: String
    /// The argument counts it is registered with; -1 means any number (the summary says how they pair up).
    public let argumentCounts: [Int]
    /// The BigQuery types of the arguments, in order (optional trailing ones in brackets).
    public let arguments: String
    /// The BigQuery result type.
    public let returns: String
    /// Scalar or aggregate.
    public let kind: Kind
    /// False only for CURRENT_* and ERROR (registered without SQLITE_DETERMINISTIC).
    public let deterministic: Bool
    /// One line of semantics.
    public let summary: String

    init(
        _ name: String, _ argumentCounts: [Int], _ arguments: String, _ returns: String, _ summary: String,
        kind: Kind = .scalar, deterministic: Bool = true
    ) {
        self.name = name
        self.argumentCounts = argumentCounts
        self.arguments = arguments
        self.returns = returns
        self.kind = kind
        self.deterministic = deterministic
        self.summary = summary
    }
}

/// Every function `BigQueryFunctions.register(on:)` registers. A test proves the list and the registrations agree.
public enum FunctionCatalog {
    /// All entries, grouped as BigQuery's documentation groups them.
    public static let entries: [FunctionCatalogEntry] =
        dateTimeEntries + arithmeticEntries + conversionEntries + mathEntries + stringEntries + arrayEntries
        + aggregateEntries + constructEntries

    /// The entry named `name`, if any (the first, should two share a name).
    public static func entry(named name: String) -> FunctionCatalogEntry? {
        byName[name]
    }

    /// The entries by name: registering the pack looks up every function, once per connection.
    private static let byName: [String: FunctionCatalogEntry] = Dictionary(
        entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
}
