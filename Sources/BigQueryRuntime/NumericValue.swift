/// A BigQuery NUMERIC: a decimal with 38 digits of precision and 9 after the point, held as an integer count of
/// 10^-9 units. Canonical text: plain decimal, no exponent, no trailing zeros after the point (`12.5`, `-0.001`).
public struct NumericValue: Sendable, Hashable, Comparable {
    /// The value times 10^9.
    public let scaled: Int128

    static let scale: Int128 = 1_000_000_000
    /// The largest magnitude, 99999999999999999999999999999.999999999, times 10^9.
    static let limit: Int128 = {
        var v: Int128 = 0
        for _ in 0..<38 { v = v * 10 + 9 }
        return v
    }()

    /// The value `scaled` × 10^-9; out of range is an error.
    public init(scaled: Int128) throws(BigQueryError) {
        guard scaled <= NumericValue.limit && scaled >= -NumericValue.limit else {
            throw BigQueryError("numeric overflow")
        }
        self.scaled = scaled
    }

    /// An integer.
    public init(_ value: Int64) { scaled = Int128(value) * NumericValue.scale }

    public static func < (a: NumericValue, b: NumericValue) -> Bool { a.scaled < b.scaled }

    /// Parses decimal text (`-12.5`, `1e3`, ` 7 `), rounding beyond 9 places half away from zero.
    public init(parsing text: String) throws(BigQueryError) {
        let failure = BigQueryError("Invalid NUMERIC value: \(text)")
        var bytes = Array(text.utf8)
        while bytes.last == 32 { bytes.removeLast() }
        while bytes.first == 32 { bytes.removeFirst() }
        var index = 0
        var negative = false
        if index < bytes.count && (bytes[index] == 43 || bytes[index] == 45) {
            negative = bytes[index] == 45
            index += 1
        }
        var digits: [UInt8] = []
        var pointAt: Int?
        while index < bytes.count {
            let b = bytes[index]
            if b >= 48 && b <= 57 {
                digits.append(b - 48)
            } else if b == 46 && pointAt == nil {
                pointAt = digits.count
            } else {
                break
            }
            index += 1
        }
        guard !digits.isEmpty else { throw failure }
        var exponent = 0
        if index < bytes.count && (bytes[index] | 0x20) == 101 {
            index += 1
            var expNegative = false
            if index < bytes.count && (bytes[index] == 43 || bytes[index] == 45) {
                expNegative = bytes[index] == 45
                index += 1
            }
            let start = index
            while index < bytes.count && bytes[index] >= 48 && bytes[index] <= 57 && index - start < 5 {
                exponent = exponent * 10 + Int(bytes[index] - 48)
                index += 1
            }
            guard index > start else { throw failure }
            if expNegative { exponent = -exponent }
        }
        guard index == bytes.count else { throw failure }
        // value = digits × 10^(exponent - fractionDigits); scaled = value × 10^9.
        let shift = exponent - (digits.count - (pointAt ?? digits.count)) + 9
        var value: Int128 = 0
        var roundUp = false
        let keep = shift >= 0 ? digits.count : digits.count + shift
        for (i, d) in digits.enumerated() {
            if i < keep {
                guard value <= NumericValue.limit / 10 else { throw BigQueryError("numeric overflow: \(text)") }
                value = value * 10 + Int128(d)
            } else if i == keep {
                roundUp = d >= 5
            }
        }
        if shift > 0 {
            for _ in 0..<shift {
                guard value <= NumericValue.limit / 10 else { throw BigQueryError("numeric overflow: \(text)") }
                value *= 10
            }
        }
        if roundUp { value += 1 }
        try self.init(scaled: negative ? -value : value)
    }

    /// The canonical text.
    public var canonical: String {
        let negative = scaled < 0
        let magnitude = negative ? -scaled : scaled
        let whole = magnitude / NumericValue.scale
        var fraction = magnitude % NumericValue.scale
        var text = (negative ? "-" : "") + String(whole)
        if fraction != 0 {
            var fractionDigits = 9
            while fraction % 10 == 0 {
                fraction /= 10
                fractionDigits -= 1
            }
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: fractionDigits - digits.count) + digits
        }
        return text
    }

    /// Canonical text from the stored form, strictly.
    public static func parse(canonical text: String) throws(BigQueryError) -> NumericValue {
        let value = try NumericValue(parsing: text)
        guard value.canonical == text else { throw BigQueryError("Invalid NUMERIC value: '\(text)'") }
        return value
    }

    /// a + b.
    public static func add(_ a: NumericValue, _ b: NumericValue) throws(BigQueryError) -> NumericValue {
        try NumericValue(scaled: a.scaled + b.scaled)
    }

    /// a - b.
    public static func subtract(_ a: NumericValue, _ b: NumericValue) throws(BigQueryError) -> NumericValue {
        try NumericValue(scaled: a.scaled - b.scaled)
    }

    /// a * b, rounded half away from zero.
    public static func multiply(_ a: NumericValue, _ b: NumericValue) throws(BigQueryError) -> NumericValue {
        let (product, overflow) = a.scaled.multipliedReportingOverflow(by: b.scaled)
        guard !overflow else { throw BigQueryError("numeric overflow: \(a.canonical) * \(b.canonical)") }
        return try NumericValue(scaled: roundedDivide(product, scale))
    }

    /// a / b, rounded half away from zero; division by zero is an error.
    public static func divide(_ a: NumericValue, _ b: NumericValue) throws(BigQueryError) -> NumericValue {
        guard b.scaled != 0 else { throw BigQueryError("division by zero: \(a.canonical) / \(b.canonical)") }
        let (numerator, overflow) = a.scaled.multipliedReportingOverflow(by: scale)
        guard !overflow else { throw BigQueryError("numeric overflow: \(a.canonical) / \(b.canonical)") }
        return try NumericValue(scaled: roundedDivide(numerator, b.scaled))
    }

    /// n / d rounded half away from zero.
    static func roundedDivide(_ n: Int128, _ d: Int128) -> Int128 {
        let q = n / d
        let r = n % d
        let twice = (r < 0 ? -r : r) * 2
        let magnitude = d < 0 ? -d : d
        if twice >= magnitude { return (n < 0) != (d < 0) ? q - 1 : q + 1 }
        return q
    }

    /// The nearest FLOAT64.
    public var double: Double { Double(canonical) ?? 0 }

    /// From a FLOAT64, rounded to 9 places; non-finite or out of range is an error.
    public init(double x: Double) throws(BigQueryError) {
        guard x.isFinite else {
            throw BigQueryError(
                "Illegal conversion of non-finite floating point number to numeric: \(FloatText.shortest(x))")
        }
        try self.init(parsing: FloatText.fixed(x, precision: 10))
    }
}
