/// FLOAT64 to text: the shortest round-trip form (CAST AS STRING, and results as `bq` prints them) and printf's
/// `%f`, `%e`, `%g` with exact rounding (FORMAT).
public enum FloatText {
    /// Shortest digits that read back as `x`, laid out like `%g`: plain notation for exponents -5 < e < 15,
    /// otherwise `1e+20` / `1.5e-07`; `inf`, `-inf`, `nan` for the non-finite values; `-0` for negative zero.
    public static func shortest(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return x.sign == .minus ? "-0" : "0" }
        let (digits, exponent) = shortestDigits(x)
        return layout(negative: x < 0, digits: digits, exponent: exponent, style: .general, precision: nil)
    }

    /// The shortest round-trip digits of |x| (non-zero, finite) and the decimal exponent of the first digit.
    static func shortestDigits(_ x: Double) -> (digits: [UInt8], exponent: Int) {
        let text = Array(Swift.abs(x).description.utf8)
        var mantissa: [UInt8] = []
        var exponent = 0
        var pointSeen = false
        var integerDigits = 0
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                let rest = String(decoding: text[(index + 1)...], as: UTF8.self)
                exponent = Int(rest) ?? 0
                break
            }
            if byte == UInt8(ascii: ".") {
                pointSeen = true
            } else {
                mantissa.append(byte - 48)
                if !pointSeen { integerDigits += 1 }
            }
            index += 1
        }
        var leading = 0
        while leading < mantissa.count - 1 && mantissa[leading] == 0 { leading += 1 }
        mantissa.removeFirst(leading)
        while mantissa.count > 1 && mantissa.last == 0 { mantissa.removeLast() }
        return (mantissa, exponent + integerDigits - leading - 1)
    }

    enum Style { case fixed, exponent, general }

    /// Lays out digits d1d2… (value d1.d2… × 10^exponent).
    static func layout(negative: Bool, digits: [UInt8], exponent: Int, style: Style, precision: Int?) -> String {
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        func digit(_ i: Int) -> UInt8 { 48 + (i >= 0 && i < digits.count ? digits[i] : 0) }
        var resolved = style
        var fraction = precision ?? 0
        if style == .general {
            let p = precision ?? 15
            if exponent < -4 || exponent >= p {
                resolved = .exponent
                fraction = precision == nil ? max(digits.count - 1, 0) : max(min(p - 1, digits.count - 1), 0)
            } else {
                resolved = .fixed
                fraction = max(digits.count - 1 - exponent, 0)
            }
        }
        switch resolved {
        case .fixed:
            if exponent < 0 {
                out.append(48)
            } else {
                for i in 0...exponent { out.append(digit(i)) }
            }
            if fraction > 0 {
                out.append(UInt8(ascii: "."))
                for i in 0..<fraction { out.append(digit(exponent + 1 + i)) }
            }
        case .exponent, .general:
            out.append(digit(0))
            if fraction > 0 {
                out.append(UInt8(ascii: "."))
                for i in 0..<fraction { out.append(digit(1 + i)) }
            }
            out.append(UInt8(ascii: "e"))
            out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = Swift.abs(exponent)
            if magnitude < 10 { out.append(48) }
            out += Array(String(magnitude).utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// printf `%.<precision>f`.
    public static func fixed(_ x: Double, precision: Int = 6) -> String {
        if let special = nonFinite(x) { return special }
        let exact = BigDecimalDigits(x).rounded(toFraction: precision)
        return layout(
            negative: x.sign == .minus, digits: exact.digits, exponent: exact.digits.isEmpty ? 0 : exact.point - 1,
            style: .fixed, precision: precision)
    }

    /// printf `%.<precision>e`.
    public static func exponent(_ x: Double, precision: Int = 6) -> String {
        if let special = nonFinite(x) { return special }
        let exact = BigDecimalDigits(x).rounded(toSignificant: precision + 1)
        let exponent = exact.digits.isEmpty ? 0 : exact.point - 1
        return layout(
            negative: x.sign == .minus, digits: exact.digits, exponent: exponent, style: .exponent,
            precision: precision)
    }

    /// printf `%.<precision>g` (trailing zeros removed).
    public static func general(_ x: Double, precision: Int = 6) -> String {
        if let special = nonFinite(x) { return special }
        let p = max(precision, 1)
        let exact = BigDecimalDigits(x).rounded(toSignificant: p)
        if exact.digits.isEmpty { return x.sign == .minus ? "-0" : "0" }
        return layout(
            negative: x.sign == .minus, digits: exact.digits, exponent: exact.point - 1, style: .general, precision: p)
    }

    private static func nonFinite(_ x: Double) -> String? {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return nil
    }
}
