/// BigQuery's FORMAT(format, values...): printf-style `%d %i %o %x %X %f %F %e %E %g %G %s %t %T %%` with flags
/// `- + space # 0 '`, width and precision (`*` takes them from the arguments).
public enum FormatFunction {
    /// The formatted string, or nil when a value consumed by a specifier other than %t/%T is NULL.
    public static func format(_ format: String, _ arguments: [(type: BigQueryType, value: StoredValue)])
        throws(BigQueryError) -> String?
    {
        let f = Array(format.unicodeScalars)
        var out = ""
        var i = 0
        var next = 0
        func take() throws(BigQueryError) -> (type: BigQueryType, value: StoredValue) {
            guard next < arguments.count else {
                throw BigQueryError("Too few arguments to FORMAT for pattern \"\(format)\"")
            }
            next += 1
            return arguments[next - 1]
        }
        var resultIsNull = false
        while i < f.count {
            let c = f[i]
            i += 1
            guard c == "%" else {
                out.unicodeScalars.append(c)
                continue
            }
            var flags = Set<Unicode.Scalar>()
            while i < f.count, "-+ #0'".unicodeScalars.contains(f[i]) {
                flags.insert(f[i])
                i += 1
            }
            var width: Int? = nil
            if i < f.count && f[i] == "*" {
                i += 1
                let w = try take().value.asInteger()
                guard w > -100_000 && w < 100_000 else { throw BigQueryError("FORMAT width is too large") }
                if w < 0 { flags.insert("-") }
                width = Int(w.magnitude)
            } else {
                var w = 0
                var seen = false
                while i < f.count, let d = Int(String(f[i])), f[i].isASCII {
                    w = w * 10 + d
                    seen = true
                    i += 1
                    guard w < 100_000 else { throw BigQueryError("FORMAT width is too large") }
                }
                if seen { width = w }
            }
            var precision: Int? = nil
            if i < f.count && f[i] == "." {
                i += 1
                if i < f.count && f[i] == "*" {
                    i += 1
                    let p = try take().value.asInteger()
                    guard p < 100_000 else { throw BigQueryError("FORMAT precision is too large") }
                    precision = p < 0 ? nil : Int(p)
                } else {
                    var p = 0
                    while i < f.count, let d = Int(String(f[i])), f[i].isASCII {
                        p = p * 10 + d
                        i += 1
                        guard p < 100_000 else { throw BigQueryError("FORMAT precision is too large") }
                    }
                    precision = p
                }
            }
            guard i < f.count else { throw BigQueryError("Invalid format specifier at the end of \"\(format)\"") }
            let conversion = f[i]
            i += 1
            if conversion == "%" {
                out += "%"
                continue
            }
            let argument = try take()
            if case .null = argument.value, conversion != "t" && conversion != "T" {
                resultIsNull = true
                continue
            }
            var body: String
            var numeric = false
            switch conversion {
            case "d", "i":
                guard argument.type == .int64 else { throw mismatch(conversion, argument.type) }
                let n = try argument.value.asInteger()
                body = grouped(String(n.magnitude), flags.contains("'"))
                body = sign(n < 0, flags) + body
                numeric = true
            case "o", "x", "X":
                guard argument.type == .int64 else { throw mismatch(conversion, argument.type) }
                let n = try argument.value.asInteger()
                var digits = String(n.magnitude, radix: conversion == "o" ? 8 : 16, uppercase: conversion == "X")
                if flags.contains("#") && n != 0 {
                    digits = (conversion == "o" ? "0" : (conversion == "X" ? "0X" : "0x")) + digits
                }
                body = sign(n < 0, flags) + digits
                numeric = true
            case "f", "F", "e", "E", "g", "G":
                let x: Double
                switch argument.type {
                case .float64: x = try argument.value.asFloat()
                case .numeric, .bigNumeric: x = try NumericValue.parse(canonical: argument.value.asText()).double
                default: throw mismatch(conversion, argument.type)
                }
                let p = precision ?? 6
                if !x.isFinite {
                    body = x.isNaN ? "nan" : (x < 0 ? "-inf" : (flags.contains("+") ? "+inf" : "inf"))
                } else {
                    switch conversion {
                    case "f", "F": body = FloatText.fixed(Swift.abs(x), precision: p)
                    case "e", "E": body = FloatText.exponent(Swift.abs(x), precision: p)
                    default: body = FloatText.general(Swift.abs(x), precision: p)
                    }
                    if flags.contains("'") && (conversion == "f" || conversion == "F") {
                        let parts = body.split(separator: ".", maxSplits: 1)
                        body = grouped(String(parts[0]), true) + (parts.count > 1 ? "." + parts[1] : "")
                    }
                    body = sign(x.sign == .minus, flags) + body
                }
                if conversion.properties.isUppercase { body = body.uppercased() }
                numeric = true
            case "s":
                body =
                    try argument.type == .string
                    ? argument.value.asText() : ValueText.printable(argument.value, argument.type)
                if let precision { body = String(body.unicodeScalars.prefix(precision)) }
            case "t":
                body = try ValueText.printable(argument.value, argument.type)
                if let precision { body = String(body.unicodeScalars.prefix(precision)) }
            case "T":
                body = try ValueText.literal(argument.value, argument.type)
                if let precision { body = String(body.unicodeScalars.prefix(precision)) }
            default:
                throw BigQueryError("Invalid format specifier %\(conversion) in \"\(format)\"")
            }
            if let width, body.unicodeScalars.count < width {
                let fill = width - body.unicodeScalars.count
                if flags.contains("-") {
                    body += String(repeating: " ", count: fill)
                } else if flags.contains("0") && numeric && !body.hasSuffix("inf") && !body.hasSuffix("nan") {
                    let signed = body.hasPrefix("-") || body.hasPrefix("+") || body.hasPrefix(" ")
                    let head = signed ? String(body.prefix(1)) : ""
                    body = head + String(repeating: "0", count: fill) + body.dropFirst(signed ? 1 : 0)
                } else {
                    body = String(repeating: " ", count: fill) + body
                }
            }
            out += body
        }
        guard next == arguments.count else {
            throw BigQueryError("Too many arguments to FORMAT for pattern \"\(format)\"")
        }
        return resultIsNull ? nil : out
    }

    private static func sign(_ negative: Bool, _ flags: Set<Unicode.Scalar>) -> String {
        negative ? "-" : (flags.contains("+") ? "+" : (flags.contains(" ") ? " " : ""))
    }

    private static func grouped(_ digits: String, _ enabled: Bool) -> String {
        guard enabled, digits.count > 3 else { return digits }
        var out: [Character] = []
        for (index, c) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }

    private static func mismatch(_ conversion: Unicode.Scalar, _ type: BigQueryType) -> BigQueryError {
        BigQueryError("Invalid type for argument of FORMAT specifier %\(conversion): \(type)")
    }
}
