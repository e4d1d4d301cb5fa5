import Rows
import SQLite
import Store
import TestSupport
import Testing

/// Partition pruning never changes an answer, whatever the collation (issue 6, defect 5).
@Suite struct PruningCollationTests {
    let directory = TemporaryDirectory()
    static let fuelhh = Dataset.named("FUELHH")!

    func count(_ store: Warehouse, _ condition: String) throws -> SQLiteValue {
        var value: SQLiteValue = .null
        try store.query(
            sql: "SELECT count(*) FROM bmrs_fuelhh WHERE \(condition)", columns: { _ in },
            row: {
                value = $0[0]
            })
        return value
    }

    /// Each condition on `settlementDate`, and the same condition on `+settlementDate`, which no plan can use.
    static let conditions: [(String, Int64)] = [
        ("settlementDate = '2018-03-25 ' COLLATE RTRIM", 690),
        ("settlementDate = '2018-03-25   ' COLLATE RTRIM", 690),
        ("settlementDate COLLATE RTRIM = '2018-03-25 '", 690),
        ("settlementDate >= '2018-10-28 ' COLLATE RTRIM", 750),
        ("settlementDate COLLATE RTRIM IN ('2018-03-25 ', '2018-10-28 ')", 1440),
        ("settlementDate = '2018-03-25' COLLATE NOCASE", 690),
        ("settlementDate BETWEEN '2018-03-25' COLLATE NOCASE AND '2018-03-25'", 690),
        ("settlementDate = '2018-03-25 '", 0),
        ("settlementDate = '2018-03-25'", 690),
    ]

    @Test func aCollatedConstraintGivesTheSameAnswerWithAndWithoutPruning() throws {
        let store = try Warehouse(path: directory.file("store.sqlite"), access: .write)
        for fixture in ["FUELHH_2018-03-25.stream.json.gz", "FUELHH_2018-10-28.csv"] {
            _ = try store.load(body: try TestSupport.fixtureBytes(fixture), source: fixture, dataset: Self.fuelhh)
        }
        for (condition, expected) in Self.conditions {
            let unpruned = condition.replacingOccurrences(of: "settlementDate", with: "+settlementDate")
            #expect(try count(store, unpruned) == .integer(expected), "\(unpruned)")
            #expect(try count(store, condition) == .integer(expected), "\(condition)")
        }
        // A BINARY constraint still prunes.
        _ = try count(store, "settlementDate = '2018-03-25'")
        #expect(store.scanStatistics.partitionsRead == 1)
    }
}
