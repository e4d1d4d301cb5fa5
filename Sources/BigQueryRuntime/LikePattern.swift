/// A compiled BigQuery `LIKE` pattern.
///
/// BigQuery's rules ("Comparison operators", `LIKE`): case-sensitive; `%` matches any number of characters (or
/// bytes, for BYTES), `_` exactly one; a backslash makes the next character literal, and a pattern that ends in
/// an unescaped backslash is an error. STRING patterns match Unicode scalar values, BYTES patterns bytes.
public struct LikePattern: Sendable, Equatable {
    /// One element of a compiled pattern.
    enum Element: Sendable, Equatable {
        case literal(UInt32)
        case one
        case many
    }

    let elements: [Element]

    /// Compiles a STRING pattern.
    public init(_ pattern: String) throws(BigQueryError) {
        try self.init(units: pattern.unicodeScalars.map(\.value))
    }

    /// Compiles a BYTES pattern.
    public init(bytes pattern: [UInt8]) throws(BigQueryError) {
        try self.init(units: pattern.map(UInt32.init))
    }

    private init(units: [UInt32]) throws(BigQueryError) {
        var elements: [Element] = []
        var escaped = false
        for unit in units {
            if escaped {
                elements.append(.literal(unit))
                escaped = false
                continue
            }
            switch unit {
            case 0x5C: escaped = true
            case 0x25: if elements.last != .many { elements.append(.many) }
            case 0x5F: elements.append(.one)
            default: elements.append(.literal(unit))
            }
        }
        if escaped { throw BigQueryError("LIKE pattern ends with a backslash") }
        self.elements = elements
    }

    /// Whether `text` matches.
    public func matches(_ text: String) -> Bool {
        matches(units: text.unicodeScalars.map(\.value))
    }

    /// Whether `bytes` match (a BYTES pattern).
    public func matches(bytes: [UInt8]) -> Bool {
        matches(units: bytes.map(UInt32.init))
    }

    /// The classic wildcard match with one backtracking point (the last `%` seen): linear in practice,
    /// O(n·m) at worst, never exponential.
    private func matches(units: [UInt32]) -> Bool {
        var t = 0
        var p = 0
        var star = -1
        var starText = 0
        while t < units.count {
            if p < elements.count {
                switch elements[p] {
                case .many:
                    star = p
                    starText = t
                    p += 1
                    continue
                case .one:
                    t += 1
                    p += 1
                    continue
                case .literal(let unit) where unit == units[t]:
                    t += 1
                    p += 1
                    continue
                default:
                    break
                }
            }
            guard star >= 0 else { return false }
            p = star + 1
            starText += 1
            t = starText
        }
        while p < elements.count, elements[p] == .many { p += 1 }
        return p == elements.count
    }
}
