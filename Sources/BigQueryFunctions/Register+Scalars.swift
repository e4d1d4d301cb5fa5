import BigQueryRuntime
import SQLite

extension Registrar {
    /// Checked INT64 operators and FLOAT64 maths.
    func registerMath() throws {
        try scalar("bq_add_int64") { a in .integer(try Int64Math.add(a.integer(0), a.integer(1))) }
        try scalar("bq_sub_int64") { a in .integer(try Int64Math.subtract(a.integer(0), a.integer(1))) }
        try scalar("bq_mul_int64") { a in .integer(try Int64Math.multiply(a.integer(0), a.integer(1))) }
        try scalar("bq_neg_int64") { a in .integer(try Int64Math.negate(a.integer(0))) }
        try scalar("bq_divide") { a in .float(try Int64Math.divide(a.float(0), a.float(1))) }
        try scalar("bq_div") { a in .integer(try Int64Math.div(a.integer(0), a.integer(1))) }
        try scalar("bq_mod") { a in .integer(try Int64Math.mod(a.integer(0), a.integer(1))) }
        try scalar("bq_safe_divide") { a in
            (try Int64Math.safeDivide(a.float(0), a.float(1))).map(SQLiteValue.float) ?? .null
        }
        try scalar("bq_ieee_divide") { a in .float(Int64Math.ieeeDivide(try a.float(0), try a.float(1))) }
        try scalar("bq_safe_add") { a in
            (try? Int64Math.add(a.integer(0), a.integer(1))).map(SQLiteValue.integer) ?? .null
        }
        try scalar("bq_safe_subtract") { a in
            (try? Int64Math.subtract(a.integer(0), a.integer(1))).map(SQLiteValue.integer) ?? .null
        }
        try scalar("bq_safe_multiply") { a in
            (try? Int64Math.multiply(a.integer(0), a.integer(1))).map(SQLiteValue.integer) ?? .null
        }
        try scalar("bq_safe_negate") { a in (try? Int64Math.negate(a.integer(0))).map(SQLiteValue.integer) ?? .null }
        try scalar("bq_round") { a in .float(try FloatMath.round(a.float(0), digits: a.count > 1 ? a.integer(1) : 0)) }
        try scalar("bq_trunc") { a in .float(try FloatMath.trunc(a.float(0), digits: a.count > 1 ? a.integer(1) : 0)) }
        try scalar("bq_ceil") { a in .float(try a.float(0).rounded(.up)) }
        try scalar("bq_floor") { a in .float(try a.float(0).rounded(.down)) }
        try scalar("bq_pow") { a in .float(try FloatFunctions.pow(a.float(0), a.float(1))) }
        try scalar("bq_sqrt") { a in .float(try FloatFunctions.sqrt(a.float(0))) }
        try scalar("bq_ln") { a in .float(try FloatFunctions.ln(a.float(0))) }
        try scalar("bq_log") { a in
            .float(
                a.count > 1 ? try FloatFunctions.log(a.float(0), base: a.float(1)) : try FloatFunctions.ln(a.float(0)))
        }
        try scalar("bq_log10") { a in .float(try FloatFunctions.log(a.float(0), base: 10)) }
        try scalar("bq_exp") { a in .float(try FloatFunctions.exp(a.float(0))) }
        try scalar("bq_abs") { a in
            a.kind(0) == .integer ? .integer(try Int64Math.abs(a.int64(0))) : .float(Swift.abs(try a.float(0)))
        }
        try scalar("bq_sign") { a in
            if a.kind(0) == .integer { return .integer(a.int64(0).signum()) }
            let x = try a.float(0)
            return .float(x > 0 ? 1 : (x < 0 ? -1 : x))
        }
    }

    /// STRING functions and regular expressions.
    func registerStrings() throws {
        try scalar("bq_concat") { a in
            var out = ""
            for i in 0..<a.count {
                out += a.kind(i) == .integer || a.kind(i) == .real ? try display(a, i) : a.string(i)
            }
            return .text(out)
        }
        try scalar("bq_length") { a in
            a.kind(0) == .blob ? .integer(Int64(a.blob(0).count)) : .integer(StringFunctions.length(a.string(0)))
        }
        try scalar("bq_lower") { a in .text(a.string(0).lowercased()) }
        try scalar("bq_upper") { a in .text(a.string(0).uppercased()) }
        try scalar("bq_substr") { a in
            .text(try StringFunctions.substr(a.string(0), a.integer(1), a.count > 2 ? a.integer(2) : nil))
        }
        try scalar("bq_strpos") { a in .integer(StringFunctions.strpos(a.string(0), a.string(1))) }
        try scalar("bq_starts_with") { a in .bool(a.string(0).utf8.starts(with: a.string(1).utf8)) }
        try scalar("bq_ends_with") { a in .bool(a.string(0).utf8.reversed().starts(with: a.string(1).utf8.reversed())) }
        try scalar("bq_split") { a in
            .text(JSONArrayText.strings(StringFunctions.split(a.string(0), a.count > 1 ? a.string(1) : ",")))
        }
        try scalar("bq_trim") { a in .text(StringFunctions.trim(a.string(0), a.count > 1 ? a.string(1) : nil)) }
        try scalar("bq_ltrim") { a in
            .text(StringFunctions.trim(a.string(0), a.count > 1 ? a.string(1) : nil, trailing: false))
        }
        try scalar("bq_rtrim") { a in
            .text(StringFunctions.trim(a.string(0), a.count > 1 ? a.string(1) : nil, leading: false))
        }
        try scalar("bq_lpad") { a in
            .text(try StringFunctions.pad(a.string(0), a.integer(1), a.count > 2 ? a.string(2) : " ", left: true))
        }
        try scalar("bq_rpad") { a in
            .text(try StringFunctions.pad(a.string(0), a.integer(1), a.count > 2 ? a.string(2) : " ", left: false))
        }
        try scalar("bq_replace") { a in .text(StringFunctions.replace(a.string(0), a.string(1), a.string(2))) }
        try scalar("bq_reverse") { a in .text(StringFunctions.reverse(a.string(0))) }
        try scalar("bq_repeat") { a in .text(try StringFunctions.repeated(a.string(0), a.integer(1))) }

        let cache = RegexCache()
        try scalar("bq_regexp_contains") { a in .bool(try cache.regex(a.string(1)).contains(a.string(0))) }
        try scalar("bq_regexp_extract") { a in
            let found = try cache.regex(a.string(1)).extract(
                a.string(0), position: a.count > 2 ? a.integer(2) : 1, occurrence: a.count > 3 ? a.integer(3) : 1)
            return found.map(SQLiteValue.text) ?? .null
        }
        try scalar("bq_regexp_extract_all") { a in
            .text(JSONArrayText.strings(try cache.regex(a.string(1)).extractAll(a.string(0))))
        }
        try scalar("bq_regexp_replace") { a in
            .text(try cache.regex(a.string(1)).replace(a.string(0), with: a.string(2)))
        }
    }
}

/// Compiled regular expressions of one connection, by pattern (a connection is used by one thread at a time).
final class RegexCache {
    private var compiled: [String: BigQueryRegex] = [:]

    func regex(_ pattern: String) throws -> BigQueryRegex {
        if let hit = compiled[pattern] { return hit }
        let regex = try BigQueryRegex(pattern)
        if compiled.count > 256 { compiled.removeAll() }
        compiled[pattern] = regex
        return regex
    }
}

/// A numeric argument as CAST(... AS STRING) would print it.
private func display(_ a: FunctionArguments, _ i: Int) throws -> String {
    a.kind(i) == .integer ? String(a.int64(i)) : FloatText.shortest(try a.float(i))
}
