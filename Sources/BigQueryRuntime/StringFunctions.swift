/// BigQuery's STRING functions; positions and lengths count Unicode code points, as BigQuery does.
public enum StringFunctions {
    /// LENGTH(s) in code points.
    public static func length(_ s: String) -> Int64 { Int64(s.unicodeScalars.count) }

    /// SUBSTR(s, position[, length]): 1-based; a negative position counts from the end; 0 is treated as 1.
    public static func substr(_ s: String, _ position: Int64, _ length: Int64? = nil) throws(BigQueryError) -> String {
        if let length, length < 0 { throw BigQueryError("Third argument in SUBSTR() cannot be negative") }
        let scalars = Array(s.unicodeScalars)
        let count = Int64(scalars.count)
        var start: Int64
        if position > 0 {
            start = position - 1
        } else if position == 0 {
            start = 0
        } else {
            start = max(count + position, 0)
        }
        if start >= count { return "" }
        var end = count
        if let length { end = length >= count - start ? count : start + length }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[Int(start)..<Int(end)])
        return String(out)
    }

    /// STRPOS(s, sub): the 1-based code point position of the first occurrence, 0 if none.
    public static func strpos(_ s: String, _ sub: String) -> Int64 {
        let hay = Array(s.unicodeScalars)
        let needle = Array(sub.unicodeScalars)
        if needle.isEmpty { return 1 }
        if needle.count > hay.count { return 0 }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if Array(hay[i..<(i + needle.count)]) == needle { return Int64(i + 1) }
        }
        return 0
    }

    /// SPLIT(s[, delimiter]): an empty delimiter splits into code points; an empty s gives [""].
    public static func split(_ s: String, _ delimiter: String = ",") -> [String] {
        if delimiter.isEmpty {
            if s.isEmpty { return [""] }
            return s.unicodeScalars.map { String($0) }
        }
        var parts: [String] = []
        let bytes = Array(s.utf8)
        let delim = Array(delimiter.utf8)
        var start = 0
        var i = 0
        while i + delim.count <= bytes.count {
            if bytes[i] == delim[0] && Array(bytes[i..<(i + delim.count)]) == delim {
                parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += delim.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }

    /// TRIM / LTRIM / RTRIM: removes whitespace, or any code point of `set`, from the chosen ends.
    public static func trim(_ s: String, _ set: String? = nil, leading: Bool = true, trailing: Bool = true) -> String {
        let scalars = Array(s.unicodeScalars)
        let members = set.map { Set($0.unicodeScalars) }
        func strip(_ c: Unicode.Scalar) -> Bool { members?.contains(c) ?? c.properties.isWhitespace }
        var start = 0
        var end = scalars.count
        if leading { while start < end && strip(scalars[start]) { start += 1 } }
        if trailing { while end > start && strip(scalars[end - 1]) { end -= 1 } }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return String(out)
    }

    /// LPAD / RPAD(s, length[, pattern]): pads or cuts to `length` code points.
    public static func pad(_ s: String, _ length: Int64, _ pattern: String = " ", left: Bool) throws(BigQueryError)
        -> String
    {
        let name = left ? "LPAD" : "RPAD"
        guard length >= 0 else { throw BigQueryError("\(name): return_length must be non-negative") }
        guard length <= 1_048_576 else { throw BigQueryError("\(name): return_length \(length) is too large") }
        let scalars = Array(s.unicodeScalars)
        if Int64(scalars.count) >= length {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[0..<Int(length)])
            return String(out)
        }
        let padScalars = Array(pattern.unicodeScalars)
        guard !padScalars.isEmpty else { throw BigQueryError("\(name): pattern cannot be empty") }
        let need = Int(length) - scalars.count
        var padding = String.UnicodeScalarView()
        for i in 0..<need { padding.append(padScalars[i % padScalars.count]) }
        return left ? String(padding) + s : s + String(padding)
    }

    /// REPLACE(s, from, to): every occurrence; an empty `from` changes nothing.
    public static func replace(_ s: String, _ from: String, _ to: String) -> String {
        if from.isEmpty { return s }
        return split(s, from).joined(separator: to)
    }

    /// REPEAT(s, n).
    public static func repeated(_ s: String, _ n: Int64) throws(BigQueryError) -> String {
        guard n >= 0 else { throw BigQueryError("Second argument in REPEAT() cannot be negative") }
        let (size, overflow) = Int64(s.utf8.count).multipliedReportingOverflow(by: n)
        guard !overflow, size <= 1_048_576 * 16 else { throw BigQueryError("REPEAT result is too large") }
        return String(repeating: s, count: Int(n))
    }

    /// REVERSE(s) by code points.
    public static func reverse(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.reversed())
        return String(out)
    }
}
