#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// POW, SQRT, LN, LOG, EXP with BigQuery's errors (libm for the arithmetic itself).
public enum FloatFunctions {
    /// POW(x, y): 0 to a negative power, a negative base to a fractional power, and overflow are errors.
    public static func pow(_ x: Double, _ y: Double) throws(BigQueryError) -> Double {
        if x == 0 && y < 0 {
            throw BigQueryError(
                "Floating point error in function: POW(\(FloatText.shortest(x)), \(FloatText.shortest(y)))")
        }
        if x < 0 && x.isFinite && y.isFinite && y != y.rounded() {
            throw BigQueryError(
                "Floating point error in function: POW(\(FloatText.shortest(x)), \(FloatText.shortest(y)))")
        }
        let r = cPow(x, y)
        if r.isInfinite && x.isFinite && y.isFinite {
            throw BigQueryError(
                "Floating point overflow in function: POW(\(FloatText.shortest(x)), \(FloatText.shortest(y)))")
        }
        return r
    }

    /// SQRT(x): negative is an error.
    public static func sqrt(_ x: Double) throws(BigQueryError) -> Double {
        guard !(x < 0) else { throw BigQueryError("Argument to SQRT cannot be negative: \(FloatText.shortest(x))") }
        return x.squareRoot()
    }

    /// LN(x): x <= 0 is an error.
    public static func ln(_ x: Double) throws(BigQueryError) -> Double {
        guard !(x <= 0) else {
            throw BigQueryError("Argument to LN cannot be negative or zero: \(FloatText.shortest(x))")
        }
        return cLog(x)
    }

    /// LOG(x, base).
    public static func log(_ x: Double, base: Double) throws(BigQueryError) -> Double {
        guard !(x <= 0), !(base <= 0), base != 1 else {
            throw BigQueryError(
                "Floating point error in function: LOG(\(FloatText.shortest(x)), \(FloatText.shortest(base)))")
        }
        return base == 10 ? cLog10(x) : cLog(x) / cLog(base)
    }

    /// EXP(x): overflow is an error.
    public static func exp(_ x: Double) throws(BigQueryError) -> Double {
        let r = cExp(x)
        guard r.isFinite || !x.isFinite else {
            throw BigQueryError("Floating point overflow in function: EXP(\(FloatText.shortest(x)))")
        }
        return r
    }
}

private func cPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
private func cLog(_ x: Double) -> Double { log(x) }
private func cLog10(_ x: Double) -> Double { log10(x) }
private func cExp(_ x: Double) -> Double { exp(x) }
