import BigQuerySQL
import TestSupport
import Testing

/// Query constructs over literal data: aggregates, windows, joins, set operations, stars, UNNEST.
@Suite struct ConformanceQueryTests {
    let fixture = QueryFixture.shared

    @Test func aggregatesOfAnEmptyGroup() throws {
        // BigQuery "Aggregate functions": COUNT is 0 and the others NULL over no rows.
        #expect(
            try fixture.row(
                "SELECT COUNT(*), COUNT(x), SUM(x), AVG(x), MIN(x), COUNTIF(x > 0), LOGICAL_AND(x > 0), "
                    + "STRING_AGG(CAST(x AS STRING)) FROM UNNEST(ARRAY<INT64>[]) AS x")
                == ["0", "0", nil, nil, nil, "0", nil, nil])
    }

    @Test func aggregatesSkipNulls() throws {
        #expect(
            try fixture.row(
                "SELECT COUNT(*), COUNT(x), COUNT(DISTINCT x), SUM(x), AVG(x), MAX(x), LOGICAL_OR(x > 1), "
                    + "STRING_AGG(CAST(x AS STRING), '-') FROM UNNEST([1, 1, NULL, 2]) AS x")
                == ["4", "3", "2", "4", "1.3333333333333333", "2", "true", "1-1-2"])
    }

    @Test func groupsByOrdinalAndAlias() throws {
        let sql =
            "SELECT MOD2, COUNT(*) AS n FROM (SELECT x, x > 2 AS mod2 FROM UNNEST([1, 2, 3, 4, 5]) AS x) GROUP BY 1 ORDER BY n"
        #expect(try fixture.rows(sql) == [["false", "2"], ["true", "3"]])
        #expect(
            try fixture.rows("SELECT x > 2 AS big, COUNT(*) AS n FROM UNNEST([1, 2, 3]) AS x GROUP BY big ORDER BY big")
                == [["false", "2"], ["true", "1"]])
    }

    @Test func windowFramesStopAtPartitionEdges() throws {
        // ROWS BETWEEN 1 PRECEDING AND CURRENT ROW: the first row of each partition sums itself only.
        let rows = try fixture.rows(
            "SELECT g, x, SUM(x) OVER (PARTITION BY g ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s, "
                + "LAG(x) OVER (PARTITION BY g ORDER BY x) AS prev, "
                + "SUM(x) OVER (PARTITION BY g ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS t "
                + "FROM UNNEST([1, 2, 3, 10, 20]) AS x, UNNEST([x >= 10]) AS g ORDER BY x")
        #expect(
            rows == [
                ["false", "1", "1", nil, "6"], ["false", "2", "3", "1", "6"], ["false", "3", "5", "2", "6"],
                ["true", "10", "10", nil, "30"], ["true", "20", "30", "10", "30"],
            ])
    }

    @Test func ranksTiesAndSplitsTiles() throws {
        // analytic_rank.test / analytic_dense_rank.test / analytic_ntile.test (google/zetasql
        // zetasql/compliance/testdata): ties share a rank, RANK leaves gaps, NTILE gives the remainder
        // to the first buckets.
        let rows = try fixture.rows(
            "SELECT x, RANK() OVER w, DENSE_RANK() OVER w, ROW_NUMBER() OVER w, NTILE(2) OVER w "
                + "FROM UNNEST([1, 1, 2, 3, 3]) AS x WINDOW w AS (ORDER BY x) ORDER BY x, 4")
        #expect(rows.map { Array($0[1...2]) } == [["1", "1"], ["1", "1"], ["3", "2"], ["4", "3"], ["4", "3"]])
        #expect(rows.map { $0[4] } == ["1", "1", "1", "2", "2"])
    }

    @Test func qualifiesOnWindowResults() throws {
        #expect(
            try fixture.rows(
                "SELECT g, x FROM UNNEST([1, 5, 2, 7]) AS x, UNNEST([x < 3]) AS g WHERE TRUE "
                    + "QUALIFY ROW_NUMBER() OVER (PARTITION BY g ORDER BY x DESC) = 1 ORDER BY g")
                == [["false", "7"], ["true", "2"]])
    }

    @Test func fullOuterJoinKeepsNullKeysApart() throws {
        // NULL never equals NULL: both NULL-key rows survive unmatched.
        let rows = try fixture.rows(
            "SELECT a.v, b.v FROM (SELECT 1 AS k, 'a' AS v UNION ALL SELECT NULL, 'n') AS a "
                + "FULL OUTER JOIN (SELECT 1 AS k, 'b' AS v UNION ALL SELECT NULL, 'm') AS b ON a.k = b.k "
                + "ORDER BY a.v, b.v")
        #expect(rows == [[nil, "m"], ["a", "b"], ["n", nil]])
    }

    @Test func joinsUsingMergeTheKey() throws {
        #expect(
            try fixture.rows(
                "SELECT * FROM (SELECT 1 AS k, 'x' AS l) FULL JOIN (SELECT 2 AS k, 'y' AS r) USING (k) ORDER BY k")
                == [["1", "x", nil], ["2", nil, "y"]])
        #expect(
            try fixture.rows("SELECT k FROM (SELECT 1 AS k) AS a LEFT JOIN (SELECT 1 AS k) AS b USING (k)") == [["1"]])
    }

    @Test func unnestsWithOffset() throws {
        #expect(
            try fixture.rows("SELECT x, o FROM UNNEST(['a', 'b']) AS x WITH OFFSET AS o ORDER BY o DESC")
                == [["b", "1"], ["a", "0"]])
        #expect(
            try fixture.rows(
                "SELECT t.id, e FROM (SELECT 1 AS id, [5, 6] AS arr) AS t CROSS JOIN UNNEST(t.arr) AS e WITH OFFSET ORDER BY offset"
            )
                == [["1", "5"], ["1", "6"]])
    }

    @Test func setOperationsFollowZetaSQL() throws {
        // except_intersect_queries.test: except_intersect_19 (NULL EXCEPT DISTINCT 2 is {NULL}),
        // except_intersect_21 (NULL INTERSECT DISTINCT NULL is {NULL}), except_intersect_35.
        #expect(try fixture.rows("SELECT NULL EXCEPT DISTINCT SELECT 2") == [[nil]])
        #expect(try fixture.rows("SELECT NULL INTERSECT DISTINCT SELECT NULL") == [[nil]])
        #expect(try fixture.rows("(SELECT 1 UNION ALL SELECT 2) EXCEPT DISTINCT SELECT 1") == [["2"]])
        #expect(
            try fixture.rows("SELECT 1 AS a UNION DISTINCT SELECT 1 UNION DISTINCT SELECT 2 ORDER BY a") == [
                ["1"], ["2"],
            ])
        #expect(try fixture.rows("SELECT 1 AS a UNION ALL SELECT 2.5 ORDER BY 1 DESC LIMIT 1") == [["2.5"]])
    }

    @Test func selectStarExceptAndReplace() throws {
        let translated = try fixture.translate(
            "SELECT * EXCEPT (publishTime, startTime, _ingested_utc) REPLACE ('X' AS fuelType) FROM bmrs_fuelhh")
        #expect(translated.columns.map(\.name) == ["settlementDate", "settlementPeriod", "fuelType", "generation"])
        #expect(
            try fixture.row("SELECT * REPLACE (x + 0.5 AS x) FROM (SELECT 1 AS x, 'a' AS y)") == ["1.5", "a"])
    }

    @Test func resolvesCTEsThatReferenceEachOther() throws {
        #expect(
            try fixture.rows(
                "WITH a AS (SELECT x FROM UNNEST([1, 2, 3]) AS x), b AS (SELECT x FROM a WHERE x > 1) "
                    + "SELECT COUNT(*), (SELECT MAX(x) FROM b), EXISTS (SELECT 1 FROM b WHERE x = 3) FROM a")
                == [["3", "3", "true"]])
    }

    @Test func ordersNullsAsAsked() throws {
        #expect(
            try fixture.rows("SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x").map { $0[0] } == [nil, "1", "2"])
        #expect(
            try fixture.rows("SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x DESC").map { $0[0] } == [
                "2", "1", nil,
            ])
        #expect(
            try fixture.rows("SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x NULLS LAST LIMIT 2 OFFSET 1")
                .map { $0[0] } == ["2", nil])
    }

    @Test func takesQueryParameters() throws {
        let parameters = [
            try QueryParameter(parsing: "day:DATE:2018-03-25"), try QueryParameter(parsing: "n:INT64:3"),
            try QueryParameter(parsing: "fuel::WIND"),
        ]
        #expect(
            try fixture.rows(
                "SELECT COUNT(*), @n FROM bmrs_fuelhh WHERE settlementDate = @day AND fuelType = @fuel",
                parameters: parameters) == [["46", "3"]])
    }
}
