import BigQuerySQL
import TestSupport
import Testing

/// Literal-only queries: lexical forms, arithmetic, coercions and NULL logic, with BigQuery's answers.
///
/// Expected values follow BigQuery's documentation ("Operators", "Conversion rules", "Lexical structure")
/// and ZetaSQL's compliance tests where cited; none were produced by running this translator.
@Suite struct ConformanceLiteralTests {
    let fixture = QueryFixture.shared

    @Test func printsEachTypeAsBqDoes() throws {
        #expect(
            try fixture.row(
                "SELECT TRUE, DATE '2018-6-1', TIMESTAMP '2018-06-21 12:30:00+01', DATETIME '2018-06-21 12:30:00', "
                    + "TIME '1:2:3', 1.5, 0.1 + 0.2, CAST(1 AS FLOAT64), NULL")
                == [
                    "true", "2018-06-01", "2018-06-21 11:30:00 UTC", "2018-06-21T12:30:00", "01:02:03", "1.5",
                    "0.30000000000000004", "1.0", nil,
                ])
    }

    @Test func readsEveryStringAndNumberForm() throws {
        #expect(
            try fixture.row(#"SELECT r'a\n', '''it's''', """x"y""", 'tab\tend', 0x1F, -9223372036854775808, .5e1"#)
                == ["a\\n", "it's", "x\"y", "tab\tend", "31", "-9223372036854775808", "5.0"])
    }

    @Test func keepsStringsAsStrings() throws {
        // The pitfall of SQLite's affinity: BigQuery keeps the leading zero.
        #expect(
            try fixture.row("SELECT CAST('0123' AS STRING), CAST(123 AS STRING), CAST(TRUE AS STRING)") == [
                "0123", "123", "true",
            ])
    }

    @Test func namesAnonymousColumnsLikeBigQuery() throws {
        let translated = try fixture.translate("SELECT 1, 2 AS two, 3, t.x FROM (SELECT 4 AS x) AS t")
        #expect(translated.columns.map(\.name) == ["f0_", "two", "f1_", "x"])
    }

    @Test func typesResultsAsBigQueryDoes() throws {
        let translated = try fixture.translate(
            "SELECT 5 / 2, SUM(x), AVG(x), COUNT(*), MAX(x), 1 + 1.0, x > 1 AS b FROM UNNEST([1, 2]) AS x GROUP BY x")
        #expect(
            translated.columns.map(\.type) == [.float64, .int64, .float64, .int64, .int64, .float64, .bool])
    }

    @Test func foldsIntegerOverflowIntoAnError() {
        #expect(fixture.error("SELECT 9223372036854775807 + 1") == "int64 overflow: 9223372036854775807 + 1 at [1:8]")
        #expect(fixture.error("SELECT 9223372036854775808") == "Invalid integer literal: 9223372036854775808 at [1:8]")
    }

    @Test(.enabled(if: QueryFixture.has("bq_divide")))
    func dividesIntegersIntoFloats() throws {
        #expect(try fixture.row("SELECT 5 / 2, 4 / 2, -7 / 2") == ["2.5", "2.0", "-3.5"])
    }

    @Test(.enabled(if: QueryFixture.has("bq_div")))
    func divTruncatesTowardZero() throws {
        #expect(try fixture.row("SELECT DIV(5, 2), DIV(-7, 2), MOD(-7, 2)") == ["2", "-3", "-1"])
    }

    @Test(.enabled(if: QueryFixture.has("bq_round")))
    func roundsHalfAwayFromZero() throws {
        // BigQuery "Mathematical functions": ROUND(2.5) = 3.0, ROUND(-2.5) = -3.0.
        #expect(try fixture.row("SELECT ROUND(2.5), ROUND(-2.5), ROUND(0.125, 2)") == ["3.0", "-3.0", "0.13"])
    }

    @Test func appliesThreeValuedLogic() throws {
        #expect(
            try fixture.row("SELECT TRUE AND NULL, FALSE AND NULL, TRUE OR NULL, NOT CAST(NULL AS BOOL)")
                == [nil, "false", "true", nil])
        #expect(
            try fixture.row("SELECT NULL IS DISTINCT FROM NULL, 1 IS DISTINCT FROM NULL, NULL IS NULL")
                == ["false", "true", "true"])
    }

    @Test func coercesStringLiteralsToDates() throws {
        // "Conversion rules": a STRING literal compared with a DATE is a DATE, so '2018-6-3' is June 3rd,
        // not a string that sorts after '2018-06-21'.
        #expect(
            try fixture.row("SELECT DATE '2018-06-21' = '2018-06-21', DATE '2018-06-21' < '2018-6-3', 1 = 1.0")
                == ["true", "false", "true"])
    }

    @Test func greatestAndLeastReturnNullWhenAnyArgumentIsNull() throws {
        // BigQuery "Conditional expressions": GREATEST/LEAST return NULL if any argument is NULL.
        #expect(
            try fixture.row("SELECT GREATEST(1, NULL, 3), LEAST(2, 1), LEAST(2, 1.5), GREATEST('a', 'b')")
                == [nil, "1", "1.5", "b"])
    }

    @Test func handlesNullsInInLists() throws {
        // `x NOT IN (..., NULL)` is never TRUE; `NULL IN (...)` is NULL.
        #expect(
            try fixture.row(
                "SELECT 1 NOT IN (2, NULL), 1 IN (1, NULL), NULL IN (1), 1 IN UNNEST([1, 2]), 3 IN UNNEST(ARRAY<INT64>[])"
            )
                == [nil, "true", nil, "true", "false"])
    }

    @Test func likeIsCaseSensitive() throws {
        #expect(
            try fixture.row(
                #"SELECT 'ABC' LIKE 'a%', 'abc' LIKE 'a%', 'a_c' LIKE 'a\\_c', 'abc' LIKE 'a\\_c', 'a*c' LIKE 'a*c'"#)
                == ["false", "true", "true", "false", "true"])
    }

    @Test func evaluatesCaseAndConditionals() throws {
        #expect(
            try fixture.row(
                "SELECT CASE NULL WHEN NULL THEN 1 ELSE 2 END, CASE WHEN 1 > 2 THEN 'a' END, IF(NULL, 1, 2), "
                    + "IFNULL(NULL, 'x'), COALESCE(NULL, NULL, 3), NULLIF(1, 1)")
                == ["2", nil, "2", "x", "3", nil])
    }

    @Test func buildsArraysAndStructs() throws {
        #expect(
            try fixture.row(
                "SELECT [1, 2], ARRAY<STRING>['a', NULL], STRUCT(1 AS a, 'x' AS b, TRUE AS c), (1, 'y'), "
                    + "ARRAY_LENGTH([3, 4, 5]), STRUCT(1 AS a).a, ARRAY(SELECT x FROM UNNEST([7, 8]) AS x WHERE FALSE)")
                == [
                    "[1,2]", "[\"a\",null]", "{\"a\":1,\"b\":\"x\",\"c\":true}", "{\"_field_1\":1,\"_field_2\":\"y\"}",
                    "3", "1", "[]",
                ])
    }
}
