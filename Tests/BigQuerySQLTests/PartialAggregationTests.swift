import BigQuerySQL
import SQLite
import TestSupport
import Testing

/// Grouped queries over one partitioned table run as per-day partial aggregates: generated queries answer
/// exactly as the general translation does (NULLs, empty results, clock-change days, INT64 overflow errors).
@Suite struct PartialAggregationTests {
    let store = PartialAggregationStore.shared

    static let keys = [
        "settlementDate", "fuelType", "settlementPeriod", "generation", "publishTime",
        "DATE_TRUNC(settlementDate, MONTH)", "DATE_TRUNC(settlementDate, WEEK)",
        "EXTRACT(DAYOFWEEK FROM settlementDate)",
        "FORMAT_DATE('%Y-%m', settlementDate)", "DATE_ADD(settlementDate, INTERVAL 1 DAY)", "LOWER(fuelType)",
        "settlementPeriod > 24", "settlementDate > '2018-06-30'",
    ]
    static let aggregates = [
        "COUNT(*)", "COUNT(generation)", "SUM(generation)", "MIN(generation)", "MAX(generation)",
        "COUNTIF(generation > 500000)", "LOGICAL_AND(generation > 100)", "LOGICAL_OR(generation IS NULL)",
        "MIN(fuelType)", "MAX(publishTime)", "MAX(settlementDate)", "SUM(settlementPeriod)",
        "SUM(generation * 1000000000000)", "MIN(startTime)", "AVG(generation)", "SUM(DISTINCT settlementPeriod)",
        "COUNT(DISTINCT fuelType)", "SUM(generation / 2)", "MAX(settlementPeriod) - MIN(settlementPeriod)",
        "COUNT(*) + SUM(generation)",
    ]
    static let filters = [
        "", "WHERE settlementDate BETWEEN '2018-03-25' AND '2018-10-28'", "WHERE fuelType IN ('CCGT', 'WIND')",
        "WHERE generation > 300000", "WHERE generation IS NULL", "WHERE settlementDate = '2018-10-28'",
        "WHERE settlementPeriod >= 47", "WHERE settlementDate = '2017-01-01'",
        "WHERE generation >= 0 AND fuelType < 'P'",
    ]

    /// One generated grouped query.
    static func query(_ random: inout SeededGenerator) -> String {
        let keyCount = Int.random(in: 1...3, using: &random)
        let keys = Array(Self.keys.shuffled(using: &random).prefix(keyCount))
        let aggregates = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            Self.aggregates.randomElement(using: &random)!
        }
        var items = keys.enumerated().map { "\($1) AS k\($0)" }
        items += aggregates.enumerated().map { "\($1) AS a\($0)" }
        let groupBy: [String]
        switch Int.random(in: 0..<3, using: &random) {
        case 0: groupBy = keys.indices.map { "k\($0)" }
        case 1: groupBy = keys.indices.map { "\($0 + 1)" }
        default: groupBy = keys
        }
        var sql = "SELECT \(items.joined(separator: ", ")) FROM uk_energy_insights.bmrs_fuelhh "
        sql += Self.filters.randomElement(using: &random)!
        sql += " GROUP BY " + groupBy.joined(separator: ", ")
        if Int.random(in: 0..<4, using: &random) == 0 { sql += " HAVING COUNT(*) > 3" }
        sql += " ORDER BY " + keys.indices.map { "\($0 + 1)" }.joined(separator: ", ")
        return sql
    }

    @Test func generatedQueriesAnswerAsTheGeneralTranslation() throws {
        var random = SeededGenerator.fromEnvironment(test: "generatedQueriesAnswerAsTheGeneralTranslation")
        var planned = 0
        var errors = 0
        for _ in 0..<400 {
            let sql = Self.query(&random)
            let general = try store.translate(sql, planned: false)
            let candidate = try store.translate(sql, planned: true)
            #expect(general.columns == candidate.columns, "\(sql)")
            #expect(general.scans == candidate.scans, "\(sql)")
            if candidate.sql != general.sql { planned += 1 }
            let expected = store.run(general)
            if expected.first?.first??.hasPrefix("error: ") == true { errors += 1 }
            #expect(store.run(candidate) == expected, "\(sql)\n\(candidate.sql)")
        }
        // The generator must exercise the plan, and overflow errors, not only the general path.
        #expect(planned >= 100, "planned \(planned) of 400")
        #expect(errors >= 5, "errors \(errors) of 400")
    }

    @Test func theBenchmarkQueryIsPlanned() throws {
        let sql =
            "SELECT DATE_TRUNC(settlementDate, MONTH) AS month, fuelType, SUM(generation) AS mwh "
            + "FROM uk_energy_insights.bmrs_fuelhh GROUP BY month, fuelType ORDER BY month, fuelType"
        let candidate = try store.translate(sql, planned: true)
        #expect(candidate.sql.contains("GROUP BY _t1.\"settlementDate\", _t1.\"fuelType\") AS _t1"))
        #expect(store.run(candidate) == store.run(try store.translate(sql, planned: false)))
    }

    @Test(arguments: [
        "SELECT fuelType, AVG(generation) FROM bmrs_fuelhh GROUP BY 1",
        "SELECT fuelType, SUM(DISTINCT generation) FROM bmrs_fuelhh GROUP BY 1",
        "SELECT LOWER(fuelType), COUNT(*) FROM bmrs_fuelhh GROUP BY 1",
        "SELECT fuelType, SUM(SUM(generation)) OVER () FROM bmrs_fuelhh GROUP BY 1",
        "SELECT fuelType, (SELECT 1) FROM bmrs_fuelhh GROUP BY 1",
        "SELECT fuelType, SUM(CAST(generation AS FLOAT64)) FROM bmrs_fuelhh GROUP BY 1",
        "SELECT COUNT(*) FROM bmrs_fuelhh",
        "SELECT a.fuelType, COUNT(*) FROM bmrs_fuelhh a JOIN bmrs_fuelhh b USING (settlementDate) GROUP BY 1",
    ])
    func leavesWhatDoesNotDecomposeToTheGeneralPath(sql: String) throws {
        #expect(try store.translate(sql, planned: true).sql == (try store.translate(sql, planned: false).sql))
    }

    @Test func sumOverflowIsAnErrorOnBothPaths() throws {
        let sql = "SELECT fuelType, SUM(generation * 100000000000000) FROM bmrs_fuelhh GROUP BY 1 ORDER BY 1"
        let candidate = try store.translate(sql, planned: true)
        #expect(candidate.sql != (try store.translate(sql, planned: false).sql))
        let rows = store.run(candidate)
        #expect(rows.first?.first??.contains("overflow") == true, "\(rows)")
        #expect(rows == store.run(try store.translate(sql, planned: false)))
    }
}
