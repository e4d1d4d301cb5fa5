/// A TOML boolean, integer or float read from its text: `true`, `-12`, `1_000`, `0xff`, `0o17`, `0b101`, `1.5`,
/// `6.02e23`, `inf`, `-nan`.
enum TOMLScalar: Equatable {
    /// The text is this value.
    case value(ConfigDocument.Value)
    /// The text looks like a number but is not a valid one (the reason).
    case invalid(String)
    /// The text is no boolean or number at all.
    case unknown

    /// Reads `text`.
    init(_ text: String) {
        switch text {
        case "true": self = .value(.bool(true))
        case "false": self = .value(.bool(false))
        case "inf", "+inf": self = .value(.float(.infinity))
        case "-inf": self = .value(.float(-.infinity))
        case "nan", "+nan", "-nan": self = .value(.float(.nan))
        default: self = Self.number(Array(text.utf8), text: text)
        }
    }

    private static func number(_ bytes: [UInt8], text: String) -> TOMLScalar {
        guard let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || isDigit(first)
        else { return .unknown }
        let dateLike = bytes.count >= 5 && bytes.prefix(4).allSatisfy(isDigit) && bytes[4] == UInt8(ascii: "-")
        if dateLike || bytes.contains(UInt8(ascii: ":")) {
            return .invalid("dates and times are not supported in a config")
        }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"),
            let radix = [UInt8(ascii: "x"): 16, 0x6F: 8, 0x62: 2][bytes[1]]
        {
            guard let digits = separated(Array(bytes[2...]), radix: radix),
                let value = Int64(String(decoding: digits, as: UTF8.self), radix: radix)
            else {
                return digitsFit(Array(bytes[2...]), radix: radix)
                    ? .invalid("the integer \(text) does not fit in 64 bits")
                    : .invalid("'\(text)' is not a valid base-\(radix) integer")
            }
            return .value(.integer(value))
        }
        let signLength = isDigit(first) ? 0 : 1
        let body = Array(bytes[signLength...])
        let exponentAt = body.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        let mantissa = Array(body[..<(exponentAt ?? body.count)])
        let pointAt = mantissa.firstIndex(of: UInt8(ascii: "."))
        let whole = Array(mantissa[..<(pointAt ?? mantissa.count)])
        guard let wholeDigits = separated(whole, radix: 10),
            wholeDigits.count == 1 || wholeDigits.first != UInt8(ascii: "0")
        else { return .invalid("'\(text)' is not a valid number (no leading zeros; '_' only between digits)") }
        var clean = Array(bytes[..<signLength]) + wholeDigits
        if let pointAt {
            guard let fraction = separated(Array(mantissa[(pointAt + 1)...]), radix: 10) else {
                return .invalid("'\(text)' is not a valid number (digits must follow the '.')")
            }
            clean += [UInt8(ascii: ".")] + fraction
        }
        if let exponentAt {
            var exponent = Array(body[(exponentAt + 1)...])
            var sign: [UInt8] = []
            if let s = exponent.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
                sign = [s]
                exponent.removeFirst()
            }
            guard let digits = separated(exponent, radix: 10) else {
                return .invalid("'\(text)' is not a valid number (the exponent needs digits)")
            }
            clean += [UInt8(ascii: "e")] + sign + digits
        }
        let cleanText = String(decoding: clean, as: UTF8.self)
        if pointAt == nil && exponentAt == nil {
            guard let value = Int64(cleanText) else { return .invalid("the integer \(text) does not fit in 64 bits") }
            return .value(.integer(value))
        }
        guard let value = Double(cleanText), value.isFinite else {
            return .invalid("the float \(text) is out of range")
        }
        return .value(.float(value))
    }

    /// The digits of `bytes` without their `_` separators, or nil when empty, not all digits of `radix`, or a
    /// `_` is not between two digits.
    private static func separated(_ bytes: [UInt8], radix: Int) -> [UInt8]? {
        var digits: [UInt8] = []
        var previousWasDigit = false
        for byte in bytes {
            if byte == UInt8(ascii: "_") {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
                continue
            }
            guard let value = ConfigScanner.hexDigit(byte), value < UInt32(radix) else { return nil }
            digits.append(byte)
            previousWasDigit = true
        }
        return previousWasDigit ? digits : nil
    }

    private static func digitsFit(_ bytes: [UInt8], radix: Int) -> Bool {
        separated(bytes, radix: radix) != nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
