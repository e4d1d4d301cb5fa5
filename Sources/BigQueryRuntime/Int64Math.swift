/// Checked INT64 arithmetic with BigQuery's error messages, and the FLOAT64 division family.
public enum Int64Math {
    /// a + b; overflow is `int64 overflow: a + b`.
    public static func add(_ a: Int64, _ b: Int64) throws(BigQueryError) -> Int64 {
        let (r, o) = a.addingReportingOverflow(b)
        guard !o else { throw BigQueryError("int64 overflow: \(a) + \(b)") }
        return r
    }

    /// a - b.
    public static func subtract(_ a: Int64, _ b: Int64) throws(BigQueryError) -> Int64 {
        let (r, o) = a.subtractingReportingOverflow(b)
        guard !o else { throw BigQueryError("int64 overflow: \(a) - \(b)") }
        return r
    }

    /// a * b.
    public static func multiply(_ a: Int64, _ b: Int64) throws(BigQueryError) -> Int64 {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        guard !o else { throw BigQueryError("int64 overflow: \(a) * \(b)") }
        return r
    }

    /// -a.
    public static func negate(_ a: Int64) throws(BigQueryError) -> Int64 {
        guard a != .min else { throw BigQueryError("int64 overflow: -(\(a))") }
        return -a
    }

    /// ABS(a).
    public static func abs(_ a: Int64) throws(BigQueryError) -> Int64 {
        guard a != .min else { throw BigQueryError("int64 overflow: ABS(\(a))") }
        return a < 0 ? -a : a
    }

    /// DIV(a, b): the quotient truncated toward zero.
    public static func div(_ a: Int64, _ b: Int64) throws(BigQueryError) -> Int64 {
        guard b != 0 else { throw BigQueryError("division by zero: \(a) / \(b)") }
        guard !(a == .min && b == -1) else { throw BigQueryError("int64 overflow: \(a) / \(b)") }
        return a / b
    }

    /// MOD(a, b): the remainder with the sign of a.
    public static func mod(_ a: Int64, _ b: Int64) throws(BigQueryError) -> Int64 {
        guard b != 0 else { throw BigQueryError("division by zero: \(a) / \(b)") }
        if b == -1 { return 0 }
        return a % b
    }

    /// a / b on FLOAT64 (the `/` operator): division by zero is an error, overflow too.
    public static func divide(_ a: Double, _ b: Double) throws(BigQueryError) -> Double {
        guard b != 0 else {
            throw BigQueryError("division by zero: \(FloatText.shortest(a)) / \(FloatText.shortest(b))")
        }
        let r = a / b
        guard r.isFinite || !a.isFinite || !b.isFinite else {
            throw BigQueryError("double overflow: \(FloatText.shortest(a)) / \(FloatText.shortest(b))")
        }
        return r
    }

    /// SAFE_DIVIDE(a, b): nil where `/` would fail.
    public static func safeDivide(_ a: Double, _ b: Double) -> Double? { try? divide(a, b) }

    /// IEEE_DIVIDE(a, b): never fails (x/0 is ±inf, 0/0 NaN).
    public static func ieeeDivide(_ a: Double, _ b: Double) -> Double { a / b }
}

/// ROUND, TRUNC, CEIL, FLOOR and the other FLOAT64 functions with BigQuery's edge cases.
public enum FloatMath {
    /// ROUND(x[, digits]): half away from zero; a huge `digits` leaves x unchanged.
    public static func round(_ x: Double, digits: Int64 = 0) throws(BigQueryError) -> Double {
        try scaled(x, digits, .toNearestOrAwayFromZero)
    }

    /// TRUNC(x[, digits]): toward zero.
    public static func trunc(_ x: Double, digits: Int64 = 0) throws(BigQueryError) -> Double {
        try scaled(x, digits, .towardZero)
    }

    private static func scaled(_ x: Double, _ digits: Int64, _ rule: FloatingPointRoundingRule) throws(BigQueryError)
        -> Double
    {
        guard x.isFinite else { return x }
        if digits == 0 { return x.rounded(rule) }
        if digits > 0 {
            guard digits <= 330 else { return x }
            let power = pow10(Int(digits))
            let scaledValue = x * power
            guard scaledValue.isFinite else { return x }
            let result = scaledValue.rounded(rule) / power
            return result.isFinite ? result : x
        }
        guard digits >= -330 else { return x.sign == .minus ? -0.0 : 0 }
        let power = pow10(Int(-digits))
        let result = (x / power).rounded(rule) * power
        guard result.isFinite else {
            throw BigQueryError("float64 overflow: ROUND(\(FloatText.shortest(x)), \(digits))")
        }
        return result
    }

    /// 10^n for 0 <= n.
    static func pow10(_ n: Int) -> Double {
        var result = 1.0
        var base = 10.0
        var e = n
        while e > 0 {
            if e & 1 == 1 { result *= base }
            base *= base
            e >>= 1
        }
        return result
    }
}
