extension FunctionCatalog {
    private typealias E = FunctionCatalogEntry

    /// The SAFE. prefix, LIKE with a computed pattern, and navigation functions with IGNORE NULLS.
    static let constructEntries: [FunctionCatalogEntry] = [
        E(
            "bq_safe", [-1], "STRING name, then that function's arguments", "ANY",
            "SAFE.f(...): calls the registered scalar `name` with the other arguments; NULL where it fails"),
        E(
            "bq_like", [2], "STRING, STRING or BYTES, BYTES", "BOOL",
            "value LIKE pattern: case-sensitive, `%` any run, `_` one character (byte), `\\` escapes; a pattern "
                + "ending in `\\` is an error"),
        E(
            "bq_cast_format", [4, 5], "ANY, TYPE from, TYPE to, STRING format[, ZONE]", "to",
            "CAST(x AS to FORMAT format [AT TIME ZONE zone]) between STRING and DATE/DATETIME/TIME/TIMESTAMP, with "
                + "the CAST format elements (YYYY, MM, MON, DD, HH24, MI, SS, FFn, AM, TZH, ...)"),
        E(
            "bq_first_value_ignore_nulls", [1], "ANY", "ANY",
            "FIRST_VALUE(x IGNORE NULLS): the frame's first non-NULL value", kind: .aggregate),
        E(
            "bq_last_value_ignore_nulls", [1], "ANY", "ANY",
            "LAST_VALUE(x IGNORE NULLS): the frame's last non-NULL value", kind: .aggregate),
        E(
            "bq_nth_value_ignore_nulls", [2], "ANY, INT64", "ANY",
            "NTH_VALUE(x, n IGNORE NULLS): the frame's n-th non-NULL value (n > 0)", kind: .aggregate),
    ]
}
