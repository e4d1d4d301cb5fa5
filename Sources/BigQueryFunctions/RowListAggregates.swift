import BigQueryRuntime
import SQLite

/// An aggregate that keeps its rows (oldest first) so a window frame can drop them: ANY_VALUE, ARRAY_AGG,
/// STRING_AGG, APPROX_QUANTILES, PERCENTILE_CONT/DISC.
class RowListAggregate: AggregateFunction {
    var rows: [[SQLiteValue]] = []
    var head = 0

    /// The live rows.
    var live: ArraySlice<[SQLiteValue]> { rows[head...] }

    func step(_ a: FunctionArguments) throws {
        try configure(a)
        rows.append((0..<a.count).map { a.value($0) })
    }

    func inverse(_ a: FunctionArguments) throws {
        head += 1
        if head > 1024 && head * 2 > rows.count {
            rows.removeFirst(head)
            head = 0
        }
    }

    /// Reads the constant arguments on the first row.
    func configure(_ a: FunctionArguments) throws {}

    func value() throws -> SQLiteValue { .null }
}

/// ANY_VALUE: the first non-NULL value.
final class AnyValue: RowListAggregate {
    override func value() throws -> SQLiteValue { live.first { $0[0] != .null }?[0] ?? .null }
}

/// Orders SQLite values as SQLite does: NULL, numbers, text (bytewise), blobs.
func compareValues(_ a: SQLiteValue, _ b: SQLiteValue) -> Int {
    func rank(_ v: SQLiteValue) -> Int {
        switch v {
        case .null: return 0
        case .integer, .real: return 1
        case .text: return 2
        case .blob: return 3
        }
    }
    let (ra, rb) = (rank(a), rank(b))
    if ra != rb { return ra < rb ? -1 : 1 }
    switch (a, b) {
    case (.integer(let x), .integer(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.integer, _), (.real, _):
        let x = a.doubleValue
        let y = b.doubleValue
        return x < y ? -1 : (x == y ? 0 : 1)
    case (.text(let x), .text(let y)):
        return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : (x == y ? 0 : 1)
    case (.blob(let x), .blob(let y)): return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
    default: return 0
    }
}

extension SQLiteValue {
    var doubleValue: Double {
        switch self {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        default: return 0
        }
    }

    var stored: StoredValue {
        switch self {
        case .null: return .null
        case .integer(let i): return .integer(i)
        case .real(let d): return .real(d)
        case .text(let s): return .text(s)
        case .blob(let b): return .blob(b)
        }
    }

    init(_ stored: StoredValue) {
        switch stored {
        case .null: self = .null
        case .integer(let i): self = .integer(i)
        case .real(let d): self = .real(d)
        case .text(let s): self = .text(s)
        case .blob(let b): self = .blob(b)
        }
    }
}

/// One ORDER BY key direction of ARRAY_AGG / STRING_AGG.
struct SortKey {
    let descending: Bool
    let nullsFirst: Bool

    /// Parses `ASC`, `DESC`, `ASC NULLS LAST`, … separated by commas; '' is no ordering.
    static func parse(_ text: String) throws -> [SortKey] {
        if text.isEmpty { return [] }
        return try text.split(separator: ",").map { part in
            let words = part.uppercased().split(separator: " ").map(String.init)
            guard let first = words.first, first == "ASC" || first == "DESC" else {
                throw BigQueryError("Invalid ORDER BY direction: \(part)")
            }
            let descending = first == "DESC"
            var nullsFirst = !descending
            if words.count == 3 && words[1] == "NULLS" && (words[2] == "FIRST" || words[2] == "LAST") {
                nullsFirst = words[2] == "FIRST"
            } else if words.count != 1 {
                throw BigQueryError("Invalid ORDER BY direction: \(part)")
            }
            return SortKey(descending: descending, nullsFirst: nullsFirst)
        }
    }

    /// Sorts rows (stable) by their key columns starting at `offset`.
    static func sort(_ rows: [[SQLiteValue]], by keys: [SortKey], keyOffset offset: Int) -> [[SQLiteValue]] {
        guard !keys.isEmpty else { return rows }
        return rows.enumerated().sorted { left, right in
            for (k, key) in keys.enumerated() {
                let a = left.element[offset + k]
                let b = right.element[offset + k]
                if a == .null || b == .null {
                    if a == .null && b == .null { continue }
                    return (a == .null) == key.nullsFirst
                }
                let c = compareValues(a, b)
                if c != 0 { return key.descending ? c > 0 : c < 0 }
            }
            return left.offset < right.offset
        }.map(\.element)
    }
}
