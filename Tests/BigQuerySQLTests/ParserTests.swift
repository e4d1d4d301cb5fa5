import Testing

@testable import BigQuerySQL

/// The parse error of `sql`, as BigQuery prints it, or `nil` when it parses.
func parseError(_ sql: String) -> String? {
    do {
        _ = try Parser.parse(sql)
        return nil
    } catch {
        return error.located(in: sql).description
    }
}

@Suite struct TokenizerTests {
    func kinds(_ sql: String) throws -> [Token.Kind] {
        var tokenizer = Tokenizer(sql: sql)
        return try tokenizer.tokenize().map(\.kind)
    }

    @Test func readsEveryLexicalForm() throws {
        let kinds = try kinds(
            "SELECT `p.d.t`, r'a\\n', b'\\x01', '''x'y''', \"\"\"a\nb\"\"\", 0x1F, 1.5e3, .5, @day -- c\n# c\n/* c */ x"
        )
        #expect(
            kinds == [
                .keyword("SELECT"), .quotedIdentifier("p.d.t"), .symbol(","), .string("a\\n"), .symbol(","),
                .bytes([1]), .symbol(","), .string("x'y"), .symbol(","), .string("a\nb"), .symbol(","),
                .integer("0x1F"), .symbol(","), .float("1.5e3"), .symbol(","), .float(".5"), .symbol(","),
                .parameter("day"), .identifier("x"), .end,
            ])
    }

    @Test func resolvesEscapes() throws {
        #expect(try kinds(#"'a\tb\'c\u00e9\101'"#) == [.string("a\tb'cé" + "A"), .end])
    }

    @Test func reportsUnclosedLiteralsAtTheirStart() {
        #expect(parseError("SELECT 1,\n  'abc") == "Syntax error: Unclosed string literal at [2:3]")
        #expect(parseError("SELECT /* x") == "Syntax error: Unclosed comment at [1:8]")
        #expect(parseError("SELECT `a") == "Syntax error: Unclosed identifier literal at [1:8]")
        #expect(parseError("SELECT 'a\\q'") == "Syntax error: Illegal escape sequence: \\q at [1:10]")
    }

    @Test func countsColumnsInCharactersNotBytes() {
        #expect(parseError("SELECT 'é', $") == "Syntax error: Illegal input character \"$\" at [1:13]")
    }
}

@Suite struct ParserTests {
    @Test func parsesTheQueryGrammar() {
        let queries = [
            "WITH a AS (SELECT 1 AS x), b AS (SELECT x FROM a) SELECT * FROM b",
            "SELECT * EXCEPT (x) REPLACE (y + 1 AS y) FROM t",
            "SELECT t.* EXCEPT (x) FROM `p.d.t` AS t FULL OUTER JOIN d.u USING (k)",
            "SELECT x, o FROM t, UNNEST(t.arr) AS x WITH OFFSET AS o",
            "SELECT x FROM t CROSS JOIN UNNEST([1, 2]) x WITH OFFSET",
            "SELECT a FROM t WHERE a IN (SELECT b FROM u) AND EXISTS (SELECT 1) AND c NOT IN UNNEST(@arr)",
            "(SELECT 1) UNION ALL (SELECT 2) ORDER BY 1 LIMIT 1 OFFSET 1",
            "(SELECT 1 INTERSECT DISTINCT SELECT 1) EXCEPT DISTINCT SELECT 2",
            "SELECT fuelType, SUM(generation) g FROM t GROUP BY 1 HAVING g > 0 QUALIFY ROW_NUMBER() OVER w = 1 "
                + "WINDOW w AS (PARTITION BY fuelType ORDER BY g DESC)",
            "SELECT AVG(x) OVER (ORDER BY d ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM t",
            "SELECT SUM(x) OVER (ORDER BY d RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM t",
            "SELECT x FROM t ORDER BY x DESC NULLS FIRST, y ASC NULLS LAST",
            "SELECT AS STRUCT 1 AS a, 'x' AS b",
            "SELECT CAST(x AS ARRAY<STRUCT<a INT64, b STRING>>), SAFE_CAST('1' AS INT64), SAFE.DIVIDE(1, 0)",
            "SELECT EXTRACT(WEEK(MONDAY) FROM d), EXTRACT(HOUR FROM ts AT TIME ZONE 'Europe/London')",
            "SELECT DATE '2018-06-21', TIMESTAMP '2018-06-21 12:00:00+00', INTERVAL 1 DAY, NUMERIC '1.5'",
            "SELECT a[OFFSET(0)], a[SAFE_ORDINAL(1)], (SELECT AS STRUCT 1 AS f).f, STRUCT(1 AS a), (1, 'x')",
            "SELECT STRING_AGG(DISTINCT s, ',' ORDER BY s LIMIT 3), ARRAY_AGG(x IGNORE NULLS), COUNT(*)",
            "SELECT IF(a, 1, 2), CASE x WHEN 1 THEN 'a' ELSE 'b' END, ARRAY(SELECT 1), ARRAY<INT64>[1, 2]",
            "SELECT a FROM t LEFT JOIN u ON t.k = u.k RIGHT OUTER JOIN v ON TRUE INNER JOIN w USING (k);",
        ]
        for sql in queries {
            #expect(parseError(sql) == nil, "\(sql)")
        }
    }

    @Test func reportsTheOffendingTokenWithItsPosition() {
        #expect(
            parseError("SELECT x\nFROM t\nQUALIFY x = 1\nWHERE y")
                == "Syntax error: Expected end of input but got keyword WHERE at [4:1]")
        #expect(
            parseError("SELECT x\nFROM t\nORDER BY x\nQUALIFY x = 1")
                == "Syntax error: Expected end of input but got keyword QUALIFY at [4:1]")
        #expect(parseError("SELECT x FROM t LIMIT 5, 10") == "Syntax error: Unexpected \",\" at [1:24]")
        #expect(parseError("SELECT FROM t") == "Syntax error: Unexpected keyword FROM at [1:8]")
        #expect(parseError("SELECT (1 + 2") == "Syntax error: Expected \")\" but got end of input at [1:14]")
        #expect(parseError("") == "Syntax error: Unexpected end of script at [1:1]")
        #expect(
            parseError("SELECT 1 UNION ALL SELECT 2 UNION DISTINCT SELECT 3")
                == "Syntax error: Different set operations cannot be used in the same query without using "
                + "parentheses for grouping at [1:29]")
        #expect(
            parseError("SELECT 1 UNION SELECT 2")
                == "Syntax error: Expected keyword ALL or keyword DISTINCT but got keyword SELECT at [1:16]")
        #expect(
            parseError("SELECT a FROM t JOIN u")
                == "Syntax error: Expected keyword ON or keyword USING but got end of input at [1:23]")
    }
}
