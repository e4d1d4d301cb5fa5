/// One value of a row inside the store, in its storage form.
///
/// DATE is a day number (days since 1970-01-01), TIMESTAMP microseconds since the Unix epoch (UTC),
/// BOOL 0 or 1, so that comparing two cells of one column compares the values.
public enum Cell: Hashable, Sendable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)

    /// Orders NULL first, then numbers, then text (as SQLite does).
    @inline(__always)
    public static func compare(_ a: Cell, _ b: Cell) -> Int {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.text(let x), .text(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.double(let x), .double(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.int(let x), .double(let y)): return Double(x) < y ? -1 : (Double(x) == y ? 0 : 1)
        case (.double(let x), .int(let y)): return x < Double(y) ? -1 : (x == Double(y) ? 0 : 1)
        case (.text, _): return 1
        case (_, .text): return -1
        }
    }

    /// The integer payload, or nil.
    public var intValue: Int64? {
        if case .int(let v) = self { return v }
        return nil
    }
}
