import BigQuerySQL
import TestSupport
import Testing

/// Hostile input gets an error, never a trap: seeded random token soups and mutated corpus queries.
@Suite struct HostileInputTests {
    let fixture = QueryFixture.shared

    /// A small deterministic generator (SplitMix64).
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "QUALIFY", "WINDOW", "WITH", "AS", "(", ")", ",",
        ".", "*", "+", "-", "/", "=", "<", ">>", "[", "]", "OFFSET", "UNNEST", "ARRAY", "STRUCT", "<", ">", "OVER",
        "PARTITION", "ROWS", "BETWEEN", "AND", "OR", "NOT", "IN", "EXISTS", "CASE", "WHEN", "THEN", "ELSE", "END",
        "CAST", "INT64", "DATE", "'2018-03-25'", "1", "0x7fffffffffffffff", "9223372036854775807", "1.5e308", "NULL",
        "TRUE", "@p", "`a.b`", "bmrs_fuelhh", "settlementDate", "generation", "fuelType", "COUNT", "SUM", "x",
        "UNION", "ALL", "DISTINCT", "EXCEPT", "REPLACE", "LIMIT", "IS", "LIKE", "'%a'", "r'\\\\'", "b'\\x00'", ";",
        "INTERVAL", "DAY", "EXTRACT", "IF", "LEFT", "JOIN", "ON", "USING", "FULL", "CROSS", "#", "--", "/*", "'",
        "\"", "`", "é", "\u{0}",
    ]

    /// How one translation ended: translated, or refused with a one-line `BigQuerySQLError` (any other error, or
    /// a trap, is a defect).
    private func outcome(_ sql: String) -> Bool? {
        do {
            _ = try fixture.translate(sql)
            return true
        } catch let error as BigQuerySQLError {
            #expect(!error.description.isEmpty && !error.description.contains("\n"), "\(sql): \(error)")
            return false
        } catch {
            Issue.record("\(sql): not a BigQuerySQLError: \(error)")
            return nil
        }
    }

    @Test func randomTokenSoupsNeverTrap() {
        let seed = UInt64(20_181_028)
        print("HostileInputTests seed \(seed)")
        var generator = Generator(state: seed)
        var refused = 0
        for _ in 0..<3000 {
            let count = Int.random(in: 1...24, using: &generator)
            let sql = (0..<count).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }.joined(separator: " ")
            if outcome(sql) == false { refused += 1 }
        }
        #expect(refused > 0, "seed \(seed): every random soup translated")
    }

    @Test func truncatedAndSplicedQueriesNeverTrap() {
        let queries = [
            "WITH a AS (SELECT x FROM UNNEST([1, 2]) AS x) SELECT * EXCEPT (x) REPLACE (1 AS y) FROM a",
            "SELECT fuelType, SUM(generation) OVER (PARTITION BY fuelType ORDER BY settlementDate ROWS 2 PRECEDING) "
                + "FROM `uk_energy_insights.bmrs_fuelhh` WHERE settlementDate IN ('2018-01-01') QUALIFY TRUE",
            "SELECT ARRAY(SELECT AS STRUCT 1 AS a)[OFFSET(0)].a, CAST(NULL AS ARRAY<STRUCT<a INT64>>)",
        ]
        for sql in queries {
            let bytes = Array(sql.utf8)
            var refused = 0
            for cut in 0..<bytes.count {
                if outcome(String(decoding: bytes[0..<cut], as: UTF8.self)) == false { refused += 1 }
                _ = outcome(String(decoding: bytes[cut...] + bytes[0..<cut], as: UTF8.self))
            }
            #expect(refused > 0, "no prefix of \(sql) was refused")
        }
    }
}
