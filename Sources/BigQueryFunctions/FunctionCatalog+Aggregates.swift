extension FunctionCatalog {
    private typealias E = FunctionCatalogEntry

    /// Aggregates SQLite lacks or gets wrong; each also works as a window function (`OVER (...)`).
    ///
    /// ARRAY_AGG / STRING_AGG calling convention (SQLite 3.40 has no ORDER BY inside an aggregate call):
    /// `bq_array_agg(value, element_type, distinct, ignore_nulls, limit, order, key1, ..., keyN)` and
    /// `bq_string_agg(value, delimiter, distinct, limit, order, key1, ..., keyN)`, where `distinct` and
    /// `ignore_nulls` are 0/1, `limit` is an INT64 or NULL for none, and `order` is '' (no ORDER BY) or one
    /// direction per key, comma-separated: `ASC`, `DESC`, `ASC NULLS LAST`, `DESC NULLS FIRST` (BigQuery's
    /// defaults: ASC puts NULLs first, DESC last). Keys compare as SQLite values (numbers by value, TEXT by
    /// bytes, which is time order for the canonical date/time forms). DISTINCT compares values.
    static let aggregateEntries: [FunctionCatalogEntry] = [
        E(
            "bq_sum_int64", [1], "INT64", "INT64", "SUM of INT64: exact; overflow of the result is an error",
            kind: .aggregate),
        E("bq_sum_numeric", [1], "NUMERIC", "NUMERIC", "SUM of NUMERIC (canonical text)", kind: .aggregate),
        E("bq_avg_numeric", [1], "NUMERIC", "NUMERIC", "AVG of NUMERIC, rounded to 9 places", kind: .aggregate),
        E("bq_any_value", [1], "ANY", "ANY", "ANY_VALUE: the first non-NULL value, NULL if none", kind: .aggregate),
        E("bq_logical_and", [1], "BOOL", "BOOL", "LOGICAL_AND: NULLs ignored; NULL for no rows", kind: .aggregate),
        E("bq_logical_or", [1], "BOOL", "BOOL", "LOGICAL_OR: NULLs ignored; NULL for no rows", kind: .aggregate),
        E(
            "bq_array_agg", [-1], "ANY, TYPE, INT64, INT64, INT64, STRING, ANY...", "ARRAY",
            "ARRAY_AGG([DISTINCT] v [IGNORE NULLS] [ORDER BY keys] [LIMIT n]); NULL for no rows", kind: .aggregate),
        E(
            "bq_string_agg", [-1], "STRING or BYTES, STRING or BYTES, INT64, INT64, STRING, ANY...", "STRING or BYTES",
            "STRING_AGG([DISTINCT] v, delimiter [ORDER BY keys] [LIMIT n]); NULLs skipped; NULL for no rows",
            kind: .aggregate),
        E(
            "bq_approx_quantiles", [3], "ANY, INT64, TYPE", "ARRAY",
            "APPROX_QUANTILES(v, n) exactly: n + 1 values, min first, max last; NULLs ignored", kind: .aggregate),
        E("bq_stddev_samp", [1], "FLOAT64", "FLOAT64", "STDDEV_SAMP (= STDDEV); NULL under 2 rows", kind: .aggregate),
        E("bq_stddev_pop", [1], "FLOAT64", "FLOAT64", "STDDEV_POP; NULL for no rows", kind: .aggregate),
        E("bq_var_samp", [1], "FLOAT64", "FLOAT64", "VAR_SAMP (= VARIANCE); NULL under 2 rows", kind: .aggregate),
        E("bq_var_pop", [1], "FLOAT64", "FLOAT64", "VAR_POP; NULL for no rows", kind: .aggregate),
        E(
            "bq_corr", [2], "FLOAT64, FLOAT64", "FLOAT64", "CORR(y, x) over rows where both are non-NULL",
            kind: .aggregate),
        E("bq_covar_pop", [2], "FLOAT64, FLOAT64", "FLOAT64", "COVAR_POP(y, x)", kind: .aggregate),
        E(
            "bq_covar_samp", [2], "FLOAT64, FLOAT64", "FLOAT64", "COVAR_SAMP(y, x); NULL under 2 pairs",
            kind: .aggregate),
        E(
            "bq_percentile_cont", [2], "FLOAT64, FLOAT64", "FLOAT64",
            "PERCENTILE_CONT(v, p) OVER (PARTITION BY ...): linear interpolation, NULLs ignored", kind: .aggregate),
        E(
            "bq_percentile_disc", [2], "ANY, FLOAT64", "ANY",
            "PERCENTILE_DISC(v, p) OVER (PARTITION BY ...): first value whose cumulative distribution >= p",
            kind: .aggregate),
    ]
}
