import Rows
import SQLite

/// The row order a `PartitionedTable` scan promises SQLite, so that SQLite skips its sorter for a GROUP BY
/// or ORDER BY led by the partition column.
///
/// Days are read in ascending date order, so rows already come sorted by the partition column; within a
/// day the cursor visits rows sorted by the other terms' columns (sealed days usually are already, and then
/// nothing is sorted). Terms must be ascending, on INT64, BOOL or STRING columns (compared as SQLite's BINARY
/// collation does). A GROUP BY gets the same full order, not only grouping: when its ORDER BY matches,
/// SQLite 3.40 reports "grouping only" (`sqlite3_vtab_distinct` 1) yet relies on the GROUP BY's order.
struct PartitionOrdering: Equatable {
    /// The columns rows of a day are sorted by, ascending, in order.
    var columns: [Int]

    /// The ordering a plan can deliver for what `info` asks, marking the ORDER BY consumed; nil when it
    /// cannot (SQLite then sorts).
    static func plan(_ info: IndexInfo, schema: TableSchema) -> PartitionOrdering? {
        let terms = info.orderBy
        guard let first = terms.first, first.column == Int32(schema.partitionIndex), !first.descending,
            info.orderNeed != .other
        else { return nil }
        var columns: [Int] = []
        for term in terms.dropFirst() {
            guard term.column >= 0, Int(term.column) < schema.columns.count, !term.descending else { return nil }
            let column = Int(term.column)
            guard column != schema.partitionIndex else { continue }
            let kind = schema.columns[column].kind
            guard kind == .integer || kind == .boolean || kind == .text else { return nil }
            if !columns.contains(column) { columns.append(column) }
        }
        info.orderByConsumed = true
        return PartitionOrdering(columns: columns)
    }

    /// The ordering as it travels in the plan string (`o` then comma-separated columns).
    var planText: String { "o" + columns.map(String.init).joined(separator: ",") }

    /// Reads `planText`; nil for anything else.
    init?(planText: Substring) {
        guard planText.first == "o" else { return nil }
        var columns: [Int] = []
        for part in planText.dropFirst().split(separator: ",") {
            guard let column = Int(part) else { return nil }
            columns.append(column)
        }
        self.columns = columns
    }

    init(columns: [Int]) { self.columns = columns }

    /// The order to visit the rows of `day` in; empty when they already are in that order.
    func permutation(of day: ColumnarDay) -> [Int32] {
        var keys: [SortKey] = []
        for column in columns where column < day.columns.count {
            keys.append(SortKey(day.columns[column], rowCount: day.rowCount))
        }
        guard !keys.isEmpty, day.rowCount > 1 else { return [] }
        func compare(_ a: Int, _ b: Int) -> Int {
            for key in keys {
                let c = key.compare(a, b)
                if c != 0 { return c }
            }
            return 0
        }
        var sorted = true
        for row in 1..<day.rowCount where compare(row - 1, row) > 0 {
            sorted = false
            break
        }
        if sorted { return [] }
        var order = (0..<day.rowCount).map { Int32($0) }
        order.sort { compare(Int($0), Int($1)) < 0 }
        return order
    }
}

/// One column of a day as comparable integers: NULL first, then INT64 values, or STRING ranks by bytes.
private struct SortKey {
    var values: [Int64]
    var nulls: [Bool]

    init(_ column: ColumnarDay.Column, rowCount: Int) {
        var nulls = column.nulls ?? [Bool](repeating: false, count: rowCount)
        switch column.values {
        case .ints(let ints):
            values = ints
        case .reals(let reals):
            // Never planned (FLOAT64 terms are left to SQLite); ordered by bit pattern only to stay total.
            values = reals.map { Int64(bitPattern: $0.bitPattern) }
        case .texts(let dictionary, let indices):
            let byBytes = dictionary.indices.sorted {
                dictionary[$0].utf8.lexicographicallyPrecedes(dictionary[$1].utf8)
            }
            var rank = [Int64](repeating: 0, count: dictionary.count)
            for (position, index) in byBytes.enumerated() { rank[index] = Int64(position) }
            values = indices.enumerated().map { row, index in
                if Int(index) < rank.count { return rank[Int(index)] }
                nulls[row] = true
                return 0
            }
        }
        self.nulls = nulls
    }

    @inline(__always) func compare(_ a: Int, _ b: Int) -> Int {
        let (na, nb) = (nulls[a], nulls[b])
        if na || nb { return na == nb ? 0 : (na ? -1 : 1) }
        let (x, y) = (values[a], values[b])
        return x < y ? -1 : (x == y ? 0 : 1)
    }
}
