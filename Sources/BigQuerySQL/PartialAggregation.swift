/// The state of translating one grouped SELECT over a partitioned base table as a two-level aggregate.
///
/// The inner query groups by the partition column and the plain-column GROUP BY keys, so the store's
/// virtual table delivers its rows in that order and SQLite needs no sorter; the outer query groups the few
/// partial rows by the real keys and combines decomposable aggregates (COUNT, COUNTIF and SUM of INT64 as
/// SUM of the partial counts and sums, MIN, MAX, LOGICAL_AND, LOGICAL_OR). Anything else (AVG, FLOAT64 or
/// NUMERIC SUM, DISTINCT, window functions, subqueries, keys computed from other columns) blocks the plan
/// and the SELECT is translated as usual.
struct PartialAggregation {
    /// The index in ``Analyzer/scans`` the SELECT's table gets.
    var scan: Int
    /// The table's partition column.
    var partitionColumn: String
    /// The planned SELECT's own translation has started; another SELECT inside it blocks the plan.
    var entered = false
    /// Something cannot be combined from partial aggregates.
    var blocked = false
    /// Inner aggregates (SQL over the base table) and the names of their columns.
    var partials: [(sql: String, name: String)] = []

    /// The column name holding the inner aggregate `sql`, added when new.
    mutating func column(for sql: String) -> String {
        if let found = partials.first(where: { $0.sql == sql }) { return found.name }
        let name = "_bmrs_p\(partials.count)"
        partials.append((sql, name))
        return name
    }

    /// How the outer query combines the partial values of an aggregate, or nil when it cannot.
    static func combiner(_ call: FunctionCall, name: String, _ args: [Resolved]) -> String? {
        guard call.over == nil, call.orderBy.isEmpty, call.limit == nil else { return nil }
        switch name {
        case "COUNT", "COUNTIF":
            return call.distinct ? nil : "sum"
        case "SUM":
            // INT64 sums are exact in any grouping (until they overflow, which is an error); FLOAT64 sums
            // round differently when regrouped, so they stay on the general path.
            guard !call.distinct, args.count == 1, args[0].type == .int64 || args[0].isNullLiteral else { return nil }
            return "sum"
        case "MIN", "LOGICAL_AND":
            return "min"
        case "MAX", "LOGICAL_OR":
            return "max"
        default:
            return nil
        }
    }

    /// The column names `sql` reads from range variable `alias` (`alias."name"`), in order of appearance.
    static func references(in sql: String, alias: String) -> [String] {
        let bytes = Array(sql.utf8)
        let prefix = Array((alias + ".\"").utf8)
        var names: [String] = []
        var i = 0
        while i + prefix.count <= bytes.count {
            guard bytes[i..<(i + prefix.count)].elementsEqual(prefix) else {
                i += 1
                continue
            }
            if i > 0, isIdentifierByte(bytes[i - 1]) {
                i += 1
                continue
            }
            var j = i + prefix.count
            var name: [UInt8] = []
            while j < bytes.count {
                if bytes[j] == UInt8(ascii: "\"") {
                    if j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: "\"") {
                        name.append(bytes[j])
                        j += 2
                        continue
                    }
                    break
                }
                name.append(bytes[j])
                j += 1
            }
            names.append(String(decoding: name, as: UTF8.self))
            i = j + 1
        }
        return names
    }

    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b >= 0x80
    }
}
