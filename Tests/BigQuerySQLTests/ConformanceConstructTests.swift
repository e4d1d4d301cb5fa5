import BigQuerySQL
import Foundation
import TestSupport
import Testing

/// Constructs that were once refused as untranslatable: SAFE., LIKE with computed patterns, IGNORE NULLS,
/// scalar subqueries of many rows. Expected values follow BigQuery's documentation and ZetaSQL's compliance
/// tests where cited; none were produced by running this translator.
@Suite struct ConformanceConstructTests {
    let fixture = QueryFixture.shared

    @Test func scalarSubqueryOfManyRowsFailsAsBigQueryDoes() throws {
        // "Subqueries": a scalar subquery that produces more than one row is an error.
        let error = fixture.runError("SELECT (SELECT x FROM UNNEST([1, 2]) AS x)")
        #expect(error?.contains("Scalar subquery produced more than one element") == true)
        #expect(try fixture.row("SELECT (SELECT x FROM UNNEST([1]) AS x)") == ["1"])
    }

    @Test func safePrefixTurnsTheFunctionsOwnErrorIntoNull() throws {
        // "Function calls", SAFE. prefix: SAFE.SUBSTR('foo', 0, -2) is NULL, SAFE.SUBSTR('bar', 0, 2) is "ba".
        #expect(try fixture.row("SELECT SAFE.SUBSTR('foo', 0, -2), SAFE.SUBSTR('bar', 0, 2)") == [nil, "ba"])
        #expect(
            try fixture.row(
                "SELECT SAFE.DIV(1, 0), SAFE.PARSE_DATE('%Y-%m-%d', 'nope'), SAFE.LOG(-1.0), safe.sqrt(4.0), "
                    + "SAFE.DATE_ADD(DATE '9999-12-31', INTERVAL 1 DAY), SAFE.CONCAT('a', 'b')")
                == [nil, nil, nil, "2.0", nil, "ab"])
        // Errors of the arguments are not the function's own: they still fail the query.
        #expect(fixture.runError("SELECT SAFE.SQRT(1 / 0)")?.contains("division by zero") == true)
    }

    @Test func safePrefixIsRefusedOnAggregatesAndUnknownFunctions() {
        #expect(
            fixture.error("SELECT SAFE.SUM(x) FROM UNNEST([1]) AS x")
                == "Function SUM does not support SAFE error mode at [1:8]")
        #expect(fixture.error("SELECT SAFE.nope(1)") == "Function not found: nope at [1:8]")
    }

    @Test func likeIsCaseSensitiveWithBackslashEscapes() throws {
        // "Comparison operators", LIKE: `%` any run, `_` one character, `\` escapes; case-sensitive.
        #expect(
            try fixture.row(
                #"SELECT 'apple' LIKE 'a%', 'a' LIKE 'A', '%a' LIKE '\\%a', 'xa' LIKE '\\%a', 'é1' LIKE '_1', "#
                    + #"b'abc' LIKE b'a_c', 'x' NOT LIKE 'x'"#)
                == ["true", "false", "true", "false", "true", "true", "false"])
    }

    @Test func likeTakesAPatternComputedPerRow() throws {
        let rows = try fixture.rows(
            #"SELECT s LIKE p, s NOT LIKE p FROM (SELECT 'apple' AS s, 'a%' AS p UNION ALL SELECT 'Apple', 'a%' "#
                + #"UNION ALL SELECT 'a%b', 'a\\%b' UNION ALL SELECT 'axb', 'a\\%b' UNION ALL SELECT 'abc', '_b_' "#
                + #"UNION ALL SELECT 'x', CAST(NULL AS STRING) UNION ALL SELECT '日本', '_本') ORDER BY s"#)
        #expect(
            rows == [
                // Byte order: 'Apple', 'a%b', 'abc', 'apple', 'axb', 'x', '日本'.
                ["false", "true"], ["true", "false"], ["true", "false"], ["true", "false"], ["false", "true"],
                [nil, nil], ["true", "false"],
            ])
        let trailing = fixture.runError(#"SELECT 'a' LIKE p FROM UNNEST(['a\\']) AS p"#)
        #expect(trailing?.contains("LIKE pattern ends with a backslash") == true)
    }

    /// google/zetasql zetasql/compliance/testdata/analytic_null_handling_modifier_queries.test: TestTable
    /// (lines 5-18) and first_value_uint32_int64_ignore_nulls (line 39), last_value_uint32_int64_ignore_nulls,
    /// nth_value_bool_int32_ignore_nulls.
    static let nullHandlingTable = """
        WITH TestTable AS (
          SELECT 1 AS row_id, CAST(NULL AS INT64) AS int64_val, CAST(NULL AS INT64) AS int32_val UNION ALL
          SELECT 2, NULL, NULL UNION ALL SELECT 3, 1, 6 UNION ALL SELECT 4, 2, 2 UNION ALL SELECT 5, 1, 3 UNION ALL
          SELECT 6, NULL, NULL UNION ALL SELECT 7, 1, 5 UNION ALL SELECT 8, 4, 2 UNION ALL SELECT 9, 2, 3 UNION ALL
          SELECT 10, NULL, 1)
        """

    @Test func navigationFunctionsIgnoreNulls() throws {
        let rows = try fixture.rows(
            Self.nullHandlingTable
                + """
                SELECT
                  FIRST_VALUE(int32_val IGNORE NULLS) OVER (ORDER BY row_id ROWS BETWEEN 3 PRECEDING AND 2 FOLLOWING),
                  FIRST_VALUE(int64_val IGNORE NULLS) OVER (ORDER BY row_id ROWS 3 PRECEDING),
                  FIRST_VALUE(int64_val IGNORE NULLS) OVER (ORDER BY row_id RANGE BETWEEN CURRENT ROW AND 2 FOLLOWING),
                  LAST_VALUE(int64_val IGNORE NULLS) OVER (ORDER BY row_id ROWS 3 PRECEDING),
                  NTH_VALUE(int32_val, 2 IGNORE NULLS) OVER (ORDER BY row_id RANGE BETWEEN 2 PRECEDING AND CURRENT ROW),
                  FIRST_VALUE(int64_val RESPECT NULLS) OVER (ORDER BY row_id ROWS 3 PRECEDING)
                FROM TestTable ORDER BY row_id
                """)
        #expect(rows.map { $0[0] } == ["6", "6", "6", "6", "6", "6", "2", "3", "5", "5"])
        #expect(rows.map { $0[1] } == [nil, nil, "1", "1", "1", "1", "2", "1", "1", "1"])
        #expect(rows.map { $0[2] } == ["1", "1", "1", "2", "1", "1", "1", "4", "2", nil])
        #expect(rows.map { $0[3] } == [nil, nil, "1", "2", "1", "1", "1", "4", "2", "2"])
        #expect(rows.map { $0[4] } == [nil, nil, nil, "2", "2", "3", "5", "2", "2", "3"])
        #expect(rows.map { $0[5] } == [nil, nil, nil, nil, nil, "1", "2", "1", nil, "1"])
    }

    @Test func lagAndLeadTakeNoNullHandling() {
        #expect(
            fixture.error("SELECT LAG(x IGNORE NULLS) OVER (ORDER BY x) FROM UNNEST([1]) AS x")
                == "IGNORE NULLS and RESPECT NULLS are not allowed for LAG at [1:8]")
    }

    /// BigQuery's "GROUP BY clause" example table (Sales), with prices in cents so sums are exact.
    static let sales = """
        WITH Sales AS (
          SELECT 123 AS sku, 1 AS day, 999 AS price UNION ALL SELECT 123, 1, 899 UNION ALL SELECT 456, 1, 456 UNION ALL
          SELECT 123, 2, 999 UNION ALL SELECT 789, 3, 100 UNION ALL SELECT 456, 3, 425 UNION ALL SELECT 789, 3, 99)
        """

    @Test func rollsUpWithGroupingBits() throws {
        // ROLLUP(sku, day) = GROUPING SETS((sku, day), (sku), ()): rolled-up keys are NULL, GROUPING() is 1.
        let rows = try fixture.rows(
            Self.sales
                + " SELECT sku, day, SUM(price) AS total, GROUPING(sku), GROUPING(day) FROM Sales "
                + "GROUP BY ROLLUP(sku, day) ORDER BY 4, 5, sku, day")
        #expect(
            rows == [
                ["123", "1", "1898", "0", "0"], ["123", "2", "999", "0", "0"], ["456", "1", "456", "0", "0"],
                ["456", "3", "425", "0", "0"], ["789", "3", "199", "0", "0"], ["123", nil, "2897", "0", "1"],
                ["456", nil, "881", "0", "1"], ["789", nil, "199", "0", "1"], [nil, nil, "3977", "1", "1"],
            ])
    }

    @Test func cubesAndGroupingSets() throws {
        // CUBE(sku, day) adds the (day) set to the rollup; GROUPING SETS(sku, day) has just the two singles.
        let cube = try fixture.rows(
            Self.sales + " SELECT sku, day, SUM(price) FROM Sales GROUP BY CUBE(sku, day) "
                + "HAVING GROUPING(sku) = 1 ORDER BY day")
        #expect(cube == [[nil, nil, "3977"], [nil, "1", "2354"], [nil, "2", "999"], [nil, "3", "624"]])
        let sets = try fixture.rows(
            Self.sales + " SELECT sku, day, COUNT(*) AS n FROM Sales GROUP BY GROUPING SETS (sku, (day), ()) "
                + "ORDER BY n DESC, sku, day")
        #expect(
            sets == [
                [nil, nil, "7"], [nil, "1", "3"], [nil, "3", "3"], ["123", nil, "3"], ["456", nil, "2"],
                ["789", nil, "2"], [nil, "2", "1"],
            ])
        // A plain key next to ROLLUP is in every set: (sku, day), (sku).
        let mixed = try fixture.rows(
            Self.sales + " SELECT sku, day, SUM(price) FROM Sales WHERE sku = 789 GROUP BY sku, ROLLUP(day) ORDER BY 3")
        #expect(
            mixed == [["789", "3", "199"], ["789", nil, "199"]]
                || mixed == [["789", nil, "199"], ["789", "3", "199"]])
    }

    @Test func groupingSetsRefuseAnalyticFunctions() {
        // Analytic functions run over the rows of all grouping sets together: not translated.
        #expect(
            fixture.error(Self.sales + " SELECT sku, SUM(SUM(price)) OVER () FROM Sales GROUP BY ROLLUP(sku)")?
                .hasPrefix(
                    "Unsupported construct: an analytic function in a query with ROLLUP, CUBE or GROUPING SETS") == true
        )
    }

    @Test func groupingNeedsAGroupByKey() {
        #expect(
            fixture.error(Self.sales + " SELECT GROUPING(price) FROM Sales GROUP BY ROLLUP(sku)")?.hasPrefix(
                "GROUPING must have an argument that exists within the group-by expression list") == true)
    }

    @Test func recursesUntilNoNewRows() throws {
        // google/zetasql zetasql/compliance/testdata/with_recursive.test: recursive_query_simple (line 19),
        // recursive_query_recursive_term_empty (line 26), recursive_query_fib (line 45).
        #expect(
            try fixture.rows(
                "WITH RECURSIVE R AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM R WHERE n < 10) SELECT n FROM R ORDER BY n"
            )
                == (1...10).map { ["\($0)"] })
        #expect(
            try fixture.rows(
                "WITH RECURSIVE R AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM R WHERE FALSE) SELECT * FROM R")
                == [["1"]])
        let fib = try fixture.rows(
            "WITH RECURSIVE Fib AS (SELECT 1 AS a, 1 AS b, 1 AS n UNION ALL "
                + "SELECT b AS a, a + b AS b, n + 1 AS n FROM Fib WHERE n < 10) SELECT n, a FROM Fib ORDER BY n")
        #expect(fib.map { $0[1] } == ["1", "1", "2", "3", "5", "8", "13", "21", "34", "55"])
        // "Work with recursive CTEs": a base term of two rows doubles every iteration's rows.
        #expect(
            try fixture.rows(
                "WITH RECURSIVE CTE_1 AS ((SELECT 1 AS iteration UNION ALL SELECT 1 AS iteration) UNION ALL "
                    + "SELECT iteration + 1 AS iteration FROM CTE_1 WHERE iteration < 3) "
                    + "SELECT iteration FROM CTE_1 ORDER BY 1 ASC") == [["1"], ["1"], ["2"], ["2"], ["3"], ["3"]])
        // with_recursive.test with_recursive_back_reference (line 1): plain CTEs live beside recursive ones.
        #expect(try fixture.rows("WITH RECURSIVE R AS (SELECT 2 a), S AS (SELECT a FROM R) SELECT a FROM S") == [["2"]])
    }

    @Test func recursionStopsWithBigQuerysErrors() throws {
        // with_recursive.test recursive_query_recursive_term_runtime_error (line 33): the fourth iteration divides
        // by zero.
        let division = fixture.runError(
            "WITH RECURSIVE R AS (SELECT 5 AS n, 0.2 AS n_reciprocal UNION ALL SELECT n - 1, 1/(n-1) FROM R) "
                + "SELECT * FROM R")
        #expect(division?.contains("division by zero: 1 / 0") == true)
        let runaway = fixture.runError(
            "WITH RECURSIVE t AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM t) SELECT COUNT(*) FROM t")
        #expect(runaway?.contains("A recursive CTE has reached the maximum number of iterations: 500") == true)
        #expect(
            try fixture.row(
                "WITH RECURSIVE t AS (SELECT 0 AS n UNION ALL SELECT n + 1 FROM t WHERE n < 500) SELECT COUNT(*) FROM t"
            ) == ["501"])
        #expect(
            fixture.error("WITH RECURSIVE t AS (SELECT 1 AS n UNION DISTINCT SELECT n FROM t) SELECT * FROM t")
                == "A recursive CTE must use UNION ALL, not UNION DISTINCT at [1:36]")
        #expect(
            fixture.error("WITH RECURSIVE t AS (SELECT 1 AS n UNION ALL SELECT 'x' FROM t) SELECT * FROM t")?.hasPrefix(
                "Column 1 of the recursive term of t has type STRING") == true)
    }

    @Test func namedArgumentsFollowBigQuerysRules() {
        // "Function calls", named arguments: `name => value`, never followed by a positional argument; BigQuery's
        // functions that take them are JSON and geography ones, none of which bmrs translates.
        #expect(
            fixture.error("SELECT SUBSTR('abc', 1, length => 2)")
                == "Named arguments are not supported for function SUBSTR at [1:25]")
        #expect(
            fixture.error("SELECT SUBSTR('abc', position => 1, 2)")
                == "Syntax error: Positional argument is invalid after named argument position at [1:37]")
    }

    @Test func translatesTheBenchmarkQuery() throws {
        // Benchmarks/query-100-lines.sql, the query `make bench` times the translation of.
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Benchmarks/query-100-lines.sql")
        let translated = try fixture.translate(try String(contentsOf: url, encoding: .utf8))
        #expect(translated.columns.count == 15)
        #expect(try fixture.rows(try String(contentsOf: url, encoding: .utf8)).count <= 100)
    }

    @Test func castsDatesAndTimesWithFormat() throws {
        // "Format clause for CAST", format elements for date and time parts. 2018-03-25 is a Sunday (D = 1); BST
        // began at 01:00 UTC that day.
        #expect(
            try fixture.row(
                "SELECT CAST(DATE '2018-03-25' AS STRING FORMAT 'YYYY-MM-DD'), "
                    + "CAST(DATE '2018-03-25' AS STRING FORMAT 'DAY, Dy D MON Month YY DDD'), "
                    + "CAST(TIME '21:30:05.123456' AS STRING FORMAT 'HH12:MI:SS.FF3 AM'), "
                    + "CAST(DATETIME '2018-03-25 00:05:00' AS STRING FORMAT 'HH24\"h\"MI SSSSS'), "
                    + "CAST(TIMESTAMP '2018-03-25 01:30:00+00' AS STRING FORMAT 'YYYY-MM-DD HH24:MI TZH:TZM' "
                    + "AT TIME ZONE 'Europe/London')")
                == [
                    "2018-03-25", "SUNDAY, Sun 1 MAR March 18 084", "09:30:05.123 PM", "00h05 00300",
                    "2018-03-25 02:30 +01:00",
                ])
        #expect(
            try fixture.row(
                "SELECT CAST('2018-03-25' AS DATE FORMAT 'YYYY-MM-DD'), CAST('25 mar 2018' AS DATE FORMAT 'DD MON YYYY'), "
                    + "CAST('2018-03-25 02:30 +01' AS TIMESTAMP FORMAT 'YYYY-MM-DD HH24:MI TZH'), "
                    + "CAST('09:30 PM' AS TIME FORMAT 'HH:MI AM'), SAFE_CAST('bad' AS DATE FORMAT 'YYYY-MM-DD')")
                == ["2018-03-25", "2018-03-25", "2018-03-25 01:30:00 UTC", "21:30:00", nil])
        #expect(fixture.runError("SELECT CAST('bad' AS DATE FORMAT 'YYYY-MM-DD')") != nil)
        #expect(
            fixture.error("SELECT CAST(1.5 AS STRING FORMAT '9.9')")
                == "Unsupported construct: CAST from FLOAT64 to STRING with FORMAT cannot be translated exactly to the "
                + "local store at [1:34]")
    }
}
