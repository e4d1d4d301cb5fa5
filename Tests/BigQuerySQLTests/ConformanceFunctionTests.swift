import BigQuerySQL
import TestSupport
import Testing

/// Functions the front end translates to the `bq_*` function pack; each test runs once the pack registers
/// what it needs. Expected values follow BigQuery's function reference.
@Suite struct ConformanceFunctionTests {
    let fixture = QueryFixture.shared

    @Test(.enabled(if: QueryFixture.has("bq_date_add") && QueryFixture.has("bq_date_diff")))
    func addsAndSubtractsDates() throws {
        #expect(
            try fixture.row(
                "SELECT DATE_ADD(DATE '2018-03-25', INTERVAL 1 DAY), DATE_SUB('2018-03-01', INTERVAL 1 MONTH), "
                    + "DATE_DIFF(DATE '2018-10-28', DATE '2018-03-25', DAY), DATE '2018-12-31' + 1")
                == ["2018-03-26", "2018-02-01", "217", "2019-01-01"])
    }

    @Test(.enabled(if: QueryFixture.has("bq_array_agg") && QueryFixture.has("bq_string_agg")))
    func aggregatesIntoOrderedArraysAndStrings() throws {
        #expect(
            try fixture.row(
                "SELECT ARRAY_AGG(x ORDER BY x DESC LIMIT 2), STRING_AGG(DISTINCT s, '|' ORDER BY s), "
                    + "ARRAY_AGG(x IGNORE NULLS ORDER BY x) FROM UNNEST([3, 1, NULL, 2]) AS x, UNNEST(['b', 'a']) AS s")
                == ["[3,3]", "a|b", "[1,1,2,2,3,3]"])
    }

    @Test(.enabled(if: QueryFixture.has("bq_cast")))
    func failsWhenAScalarSubqueryReturnsManyRows() throws {
        #expect(
            try fixture.row("SELECT (SELECT x FROM UNNEST([5]) AS x), (SELECT x FROM UNNEST(ARRAY<INT64>[]) AS x)") == [
                "5", nil,
            ])
        #expect(throws: (any Error).self) { try fixture.rows("SELECT (SELECT x FROM UNNEST([1, 2]) AS x)") }
    }

    @Test(.enabled(if: QueryFixture.has("bq_extract_timestamp")))
    func extractsInAZone() throws {
        // BST ends at 01:00 UTC on 2018-10-28: 00:30 UTC is 01:30 BST and 01:30 UTC is 01:30 GMT, both hour 1.
        #expect(
            try fixture.row(
                "SELECT EXTRACT(HOUR FROM TIMESTAMP '2018-10-28 00:30:00' AT TIME ZONE 'Europe/London'), "
                    + "EXTRACT(HOUR FROM TIMESTAMP '2018-10-28 01:30:00' AT TIME ZONE 'Europe/London')")
                == ["1", "1"])
    }

    @Test func correlatesSubqueriesWithTheOuterRow() throws {
        #expect(
            try fixture.rows(
                "SELECT x, (SELECT COUNT(*) FROM UNNEST([1, 2, 3]) AS y WHERE y < x) AS smaller, "
                    + "EXISTS (SELECT 1 FROM UNNEST([2]) AS z WHERE z = x) AS two FROM UNNEST([1, 2, 3]) AS x ORDER BY x"
            )
                == [["1", "0", "false"], ["2", "1", "true"], ["3", "2", "false"]])
    }

    @Test func selectsAsStruct() throws {
        let translated = try fixture.translate("SELECT ARRAY(SELECT AS STRUCT 1 AS a, 'b' AS b) AS s")
        #expect(
            translated.columns.first?.type
                == .array(.structure([.init(name: "a", type: .int64), .init(name: "b", type: .string)])))
        #expect(try fixture.row("SELECT ARRAY(SELECT AS STRUCT 1 AS a, 'b' AS b) AS s") == ["[{\"a\":1,\"b\":\"b\"}]"])
    }
}
