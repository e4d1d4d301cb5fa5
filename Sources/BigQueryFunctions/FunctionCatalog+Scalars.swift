extension FunctionCatalog {
    private typealias E = FunctionCatalogEntry

    /// Checked INT64 and NUMERIC operators.
    static let arithmeticEntries: [FunctionCatalogEntry] = [
        E("bq_add_int64", [2], "INT64, INT64", "INT64", "a + b; overflow is an error"),
        E("bq_sub_int64", [2], "INT64, INT64", "INT64", "a - b; overflow is an error"),
        E("bq_mul_int64", [2], "INT64, INT64", "INT64", "a * b; overflow is an error"),
        E("bq_neg_int64", [1], "INT64", "INT64", "-a; overflow is an error"),
        E("bq_divide", [2], "FLOAT64, FLOAT64", "FLOAT64", "a / b (the `/` operator); division by zero is an error"),
        E("bq_div", [2], "INT64, INT64", "INT64", "DIV: truncates toward zero; division by zero, overflow errors"),
        E("bq_mod", [2], "INT64, INT64", "INT64", "MOD: sign of the dividend; division by zero is an error"),
        E("bq_safe_divide", [2], "FLOAT64, FLOAT64", "FLOAT64", "SAFE_DIVIDE: NULL on division by zero"),
        E("bq_ieee_divide", [2], "FLOAT64, FLOAT64", "FLOAT64", "IEEE_DIVIDE: ±inf, 'NaN' for 0/0"),
        E("bq_safe_add", [2], "INT64, INT64", "INT64", "SAFE_ADD: NULL on overflow"),
        E("bq_safe_subtract", [2], "INT64, INT64", "INT64", "SAFE_SUBTRACT: NULL on overflow"),
        E("bq_safe_multiply", [2], "INT64, INT64", "INT64", "SAFE_MULTIPLY: NULL on overflow"),
        E("bq_safe_negate", [1], "INT64", "INT64", "SAFE_NEGATE: NULL on overflow"),
        E("bq_numeric_add", [2], "NUMERIC, NUMERIC", "NUMERIC", "a + b on canonical decimal text; overflow errors"),
        E("bq_numeric_sub", [2], "NUMERIC, NUMERIC", "NUMERIC", "a - b"),
        E("bq_numeric_mul", [2], "NUMERIC, NUMERIC", "NUMERIC", "a * b, rounded half away from zero to 9 places"),
        E("bq_numeric_div", [2], "NUMERIC, NUMERIC", "NUMERIC", "a / b, rounded to 9 places; by zero errors"),
        E("bq_numeric_compare", [2], "NUMERIC, NUMERIC", "INT64", "-1, 0 or 1 (text order is not number order)"),
    ]

    /// CAST, SAFE_CAST, FORMAT and ERROR.
    static let conversionEntries: [FunctionCatalogEntry] = [
        E(
            "bq_error", [1], "STRING", "ANY",
            "ERROR(message): fails the statement with the message (not deterministic, so "
                + "SQLite never evaluates it ahead of time)", deterministic: false),
        E(
            "bq_cast", [3], "ANY, TYPE from, TYPE to", "to",
            "CAST(value AS to) with BigQuery's rules; an impossible cast is an error naming value and types"),
        E("bq_safe_cast", [3], "ANY, TYPE from, TYPE to", "to", "SAFE_CAST: NULL where CAST would fail"),
        E(
            "bq_format", [-1], "STRING, then (TYPE, ANY) pairs", "STRING",
            "FORMAT(format, v1, v2, ...): each value is passed as its type name then the value"),
    ]

    /// Maths on FLOAT64 (INT64 arguments are accepted where BigQuery coerces them).
    static let mathEntries: [FunctionCatalogEntry] = [
        E("bq_round", [1, 2], "FLOAT64[, INT64]", "FLOAT64", "ROUND(x[, n]): half away from zero"),
        E("bq_trunc", [1, 2], "FLOAT64[, INT64]", "FLOAT64", "TRUNC(x[, n]): toward zero"),
        E("bq_ceil", [1], "FLOAT64", "FLOAT64", "CEIL"),
        E("bq_floor", [1], "FLOAT64", "FLOAT64", "FLOOR"),
        E("bq_pow", [2], "FLOAT64, FLOAT64", "FLOAT64", "POW/POWER; 0^-1 and overflow are errors"),
        E("bq_sqrt", [1], "FLOAT64", "FLOAT64", "SQRT; negative is an error"),
        E("bq_ln", [1], "FLOAT64", "FLOAT64", "LN; x <= 0 is an error"),
        E("bq_log", [1, 2], "FLOAT64[, FLOAT64]", "FLOAT64", "LOG(x[, base]); natural log by default"),
        E("bq_log10", [1], "FLOAT64", "FLOAT64", "LOG10"),
        E("bq_exp", [1], "FLOAT64", "FLOAT64", "EXP; overflow is an error"),
        E("bq_abs", [1], "INT64 or FLOAT64", "same", "ABS; ABS(-2^63) is an overflow error"),
        E("bq_sign", [1], "INT64 or FLOAT64", "same", "SIGN: -1, 0, 1 (0 and NaN keep their value for FLOAT64)"),
    ]

    /// String and regular-expression functions (positions and lengths in characters).
    static let stringEntries: [FunctionCatalogEntry] = [
        E("bq_concat", [-1], "STRING...", "STRING", "CONCAT; NULL if any argument is NULL"),
        E("bq_length", [1], "STRING or BYTES", "INT64", "LENGTH in characters (bytes for BYTES)"),
        E("bq_lower", [1], "STRING", "STRING", "LOWER (Unicode)"),
        E("bq_upper", [1], "STRING", "STRING", "UPPER (Unicode)"),
        E("bq_substr", [2, 3], "STRING, INT64[, INT64]", "STRING", "SUBSTR: 1-based, negative counts from the end"),
        E("bq_strpos", [2], "STRING, STRING", "INT64", "STRPOS: 1-based character position, 0 if absent"),
        E("bq_starts_with", [2], "STRING, STRING", "BOOL", "STARTS_WITH"),
        E("bq_ends_with", [2], "STRING, STRING", "BOOL", "ENDS_WITH"),
        E("bq_split", [1, 2], "STRING[, STRING]", "ARRAY<STRING>", "SPLIT (default ','; '' splits characters)"),
        E("bq_trim", [1, 2], "STRING[, STRING]", "STRING", "TRIM(s[, set]): whitespace or any character of set"),
        E("bq_ltrim", [1, 2], "STRING[, STRING]", "STRING", "LTRIM"),
        E("bq_rtrim", [1, 2], "STRING[, STRING]", "STRING", "RTRIM"),
        E("bq_lpad", [2, 3], "STRING, INT64[, STRING]", "STRING", "LPAD (default pad ' '; cuts to length)"),
        E("bq_rpad", [2, 3], "STRING, INT64[, STRING]", "STRING", "RPAD"),
        E("bq_replace", [3], "STRING, STRING, STRING", "STRING", "REPLACE; an empty pattern changes nothing"),
        E("bq_reverse", [1], "STRING", "STRING", "REVERSE (characters)"),
        E("bq_repeat", [2], "STRING, INT64", "STRING", "REPEAT; negative count is an error"),
        E("bq_regexp_contains", [2], "STRING, STRING", "BOOL", "REGEXP_CONTAINS (RE2 syntax)"),
        E(
            "bq_regexp_extract", [2, 3, 4], "STRING, STRING[, INT64[, INT64]]", "STRING",
            "REGEXP_EXTRACT(s, re[, position[, occurrence]]): group 1 if there is one"),
        E("bq_regexp_extract_all", [2], "STRING, STRING", "ARRAY<STRING>", "REGEXP_EXTRACT_ALL"),
        E(
            "bq_regexp_replace", [3], "STRING, STRING, STRING", "STRING",
            "REGEXP_REPLACE; \\1..\\9 and \\0 in the replacement"),
    ]

    /// Arrays, stored as JSON text.
    static let arrayEntries: [FunctionCatalogEntry] = [
        E("bq_array", [-1], "TYPE element, ANY...", "ARRAY<element>", "ARRAY[v1, v2, ...] of the element type"),
        E("bq_array_length", [1], "ARRAY", "INT64", "ARRAY_LENGTH"),
        E(
            "bq_array_to_string", [2, 3], "ARRAY<STRING>, STRING[, STRING]", "STRING",
            "ARRAY_TO_STRING(a, delimiter[, null_text]); NULL elements skipped without null_text"),
        E(
            "bq_array_offset", [3], "ARRAY, INT64, TYPE element", "element",
            "a[OFFSET(i)]; out of range is an error (ORDINAL: pass i - 1)"),
        E("bq_array_safe_offset", [3], "ARRAY, INT64, TYPE element", "element", "a[SAFE_OFFSET(i)]: NULL out of range"),
        E("bq_array_concat", [-1], "ARRAY...", "ARRAY", "ARRAY_CONCAT"),
        E(
            "bq_array_element", [2], "ANY, TYPE element", "element",
            "an UNNEST element as json_each's value column gives it, back in the contract's form ('NaN'/'Infinity' "
                + "FLOAT64 strings, base64 BYTES, true/false BOOL)"),
        E("bq_array_reverse", [1], "ARRAY", "ARRAY", "ARRAY_REVERSE"),
        E(
            "bq_generate_array", [3], "INT64 or FLOAT64 x3", "ARRAY<INT64 or FLOAT64>",
            "GENERATE_ARRAY(start, end, step): FLOAT64 elements if any argument is REAL; step 0 is an error"),
    ]
}
