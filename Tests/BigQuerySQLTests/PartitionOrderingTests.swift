import SQLite
import TestSupport
import Testing

/// The store's virtual table delivers each day's rows in the order a GROUP BY or ORDER BY over the partition
/// column asks for, so SQLite skips its sorter; the rows are those SQLite's own sort gives (`+column` keeps
/// SQLite from using the table's order).
@Suite struct PartitionOrderingTests {
    let store = PartialAggregationStore.shared

    /// GROUP BY keys, and whether the table's order serves them (partition column first, then INT64, BOOL or
    /// STRING columns).
    static let groupings: [([String], Bool)] = [
        (["settlementDate", "fuelType"], true), (["settlementDate", "settlementPeriod"], true),
        (["settlementDate", "generation"], true), (["settlementDate"], true),
        (["settlementDate", "settlementPeriod", "fuelType"], true), (["fuelType", "settlementDate"], false),
        (["settlementDate", "publishTime", "fuelType"], false), (["settlementDate", "startTime"], false),
    ]

    @Test(arguments: groupings)
    func groupsAsSQLitesSorterDoes(keys: [String], consumed: Bool) throws {
        let list = keys.joined(separator: ", ")
        let aggregates = "count(*), sum(generation), min(settlementPeriod), max(fuelType)"
        let fast = "SELECT \(list), \(aggregates) FROM bmrs_fuelhh GROUP BY \(list)"
        let sorted =
            "SELECT \(list), \(aggregates) FROM bmrs_fuelhh GROUP BY " + keys.map { "+" + $0 }.joined(separator: ", ")
        #expect(try plan(fast).contains("TEMP B-TREE") == !consumed)
        #expect(try plan(sorted).contains("TEMP B-TREE"))
        let a = try store.sqliteRows(fast)
        let b = try store.sqliteRows(sorted)
        #expect(Set(a.map { "\($0)" }) == Set(b.map { "\($0)" }))
        #expect(a.count == b.count)
    }

    /// SQLite reuses a GROUP BY's order for a matching ORDER BY while telling the table it only groups.
    @Test(arguments: [
        ("settlementDate, settlementPeriod", "settlementDate, settlementPeriod"),
        ("settlementPeriod, settlementDate", "settlementPeriod, settlementDate"),
        ("settlementDate, fuelType", "settlementDate DESC, fuelType DESC"),
        ("settlementDate, fuelType", "settlementDate, fuelType DESC"),
        ("settlementDate, fuelType, settlementPeriod", "settlementDate, fuelType, settlementPeriod"),
        ("settlementDate, settlementPeriod, fuelType", "settlementDate, settlementPeriod, fuelType"),
    ])
    func groupedAndOrderedRowsComeInOrder(groupBy: String, orderBy: String) throws {
        let select = "SELECT settlementPeriod, settlementDate, fuelType, count(*), sum(generation) FROM bmrs_fuelhh "
        let fast = try store.sqliteRows(select + "GROUP BY \(groupBy) ORDER BY \(orderBy)")
        let plain = "+" + groupBy.replacingOccurrences(of: ", ", with: ", +")
        let sorted = try store.sqliteRows(select + "GROUP BY \(plain) ORDER BY \(orderBy)")
        #expect(fast.map { "\($0)" } == sorted.map { "\($0)" })
    }

    @Test(arguments: [
        ["settlementDate", "fuelType", "settlementPeriod"], ["settlementDate", "settlementPeriod", "fuelType"],
        ["settlementDate", "generation"],
    ])
    func ordersAsSQLitesSorterDoes(keys: [String]) throws {
        let list = keys.joined(separator: ", ")
        let consumed = "SELECT \(list), publishTime FROM bmrs_fuelhh ORDER BY \(list)"
        let sorted =
            "SELECT \(list), publishTime FROM bmrs_fuelhh ORDER BY " + keys.map { "+" + $0 }.joined(separator: ", ")
        #expect(try plan(consumed).contains("TEMP B-TREE") == false)
        let a = try store.sqliteRows(consumed)
        let b = try store.sqliteRows(sorted)
        // Rows equal in every key may come in either order; the keys' sequence must match exactly.
        #expect(a.map { "\($0.prefix(keys.count))" } == b.map { "\($0.prefix(keys.count))" })
        #expect(Set(a.map { "\($0)" }) == Set(b.map { "\($0)" }))
    }

    @Test(arguments: [
        "SELECT settlementDate, settlementPeriod FROM bmrs_fuelhh ORDER BY settlementDate DESC, settlementPeriod",
        "SELECT settlementDate, settlementPeriod FROM bmrs_fuelhh ORDER BY settlementPeriod, settlementDate",
        "SELECT settlementDate, generation FROM bmrs_fuelhh ORDER BY settlementDate, publishTime",
        "SELECT fuelType, count(*) FROM bmrs_fuelhh GROUP BY fuelType",
        "SELECT settlementDate, fuelType, count(*) FROM bmrs_fuelhh GROUP BY fuelType, settlementDate",
    ])
    func leavesOtherOrdersToSQLite(sql: String) throws {
        #expect(try plan(sql).contains("TEMP B-TREE"))
    }

    private func plan(_ sql: String) throws -> String {
        try store.sqliteRows("EXPLAIN QUERY PLAN " + sql).map { "\($0)" }.joined(separator: "\n")
    }
}
