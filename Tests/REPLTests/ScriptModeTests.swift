import Foundation
import TestSupport
import Testing

/// `bmrs query` with statements piped in: no prompt, statements in order, the first error names the statement
/// and line and stops with status 1 (like `sqlite3 -bail`).
@Suite struct ScriptModeTests {
    let directory = TemporaryDirectory()

    private func run(_ script: String) throws -> ProcessResult {
        try bmrs(["query", "--store", YearStore.path, "--format", "csv"], stdin: script)
    }

    @Test func runsStatementsAndDotCommandsInOrderWithoutAPrompt() throws {
        let result = try run("SELECT 1 AS a;\n.mode ndjson\nSELECT 2 AS b;\nSELECT 'x;y' AS c\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "a\n1\n{\"b\":2}\n{\"c\":\"x;y\"}\n")
        #expect(!result.stdout.contains("bmrs>"))
    }

    /// The shell's CSV mode streams the bytes `bmrs query --format csv` writes: quoting, NULL, non-ASCII text,
    /// FLOAT64, BOOL, TIMESTAMP, the smallest INT64, a field larger than the output buffer, and 100,000 rows.
    @Test func csvModeWritesWhatTheOneShotQueryWrites() throws {
        let tricky =
            "SELECT 'a,b' AS s, 'say \"hi\"' AS q, 'line\\nbreak' AS n, CAST(NULL AS STRING) AS z, 'héllo' AS u, "
            + "1.5 AS f, 2.0 AS w, IEEE_DIVIDE(0, 0) AS nan, TRUE AS b, TIMESTAMP '2018-01-01 00:30:00' AS t, "
            + "-9223372036854775807 - 1 AS m, REPEAT('x', 100000) AS big, '' AS empty"
        let year = "SELECT * FROM bmrs_fuelhh ORDER BY settlementDate, settlementPeriod, fuelType LIMIT 100000"
        for sql in [tricky, year] {
            let shell = try run(sql + ";\n")
            let oneShot = try bmrs(["query", "--store", YearStore.path, "--format", "csv", sql])
            #expect(shell.status == 0 && oneShot.status == 0, "\(shell.stderr) \(oneShot.stderr)")
            #expect(shell.stdout == oneShot.stdout)
            #expect(shell.stdout.utf8.count > 100_000)
        }
        let fields = try run(tricky + ";\n").stdout.split(separator: "\n", maxSplits: 1).last.map(String.init) ?? ""
        #expect(
            fields.hasPrefix(
                "\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",,héllo,1.5,2.0,NaN,true,2018-01-01 00:30:00 UTC,"
                    + "-9223372036854775808,xxxx"), "\(fields.prefix(200))")
        #expect(fields.hasSuffix("xxxx,\n"))
    }

    /// A chart of a result printed as CSV (kept as its CSV text, read back when charted) is the chart of the
    /// same result printed as a table: quoted labels, NULLs and numbers come back as they were.
    @Test func aChartOfACSVResultIsTheChartOfTheTable() throws {
        let query =
            "SELECT settlementDate AS day, IF(fuelType = 'WIND', 'wind, \"onshore\"', fuelType) AS fuel, "
            + "IF(settlementDate = '2018-01-03', NULL, sum(generation)) AS total FROM bmrs_fuelhh "
            + "WHERE settlementDate BETWEEN '2018-01-01' AND '2018-01-10' AND fuelType IN ('WIND', 'CCGT') "
            + "GROUP BY 1, 2 ORDER BY 1, 2;"
        var charts: [String] = []
        for mode in ["table", "csv"] {
            let result = try run(".mode \(mode)\n.once /dev/null\n\(query)\n.chart line day total BY fuel\n")
            #expect(result.status == 0, "\(result.stderr)")
            charts.append(result.stdout)
        }
        #expect(charts[0] == charts[1])
        #expect(charts[0].contains("wind, \"onshore\""), "\(charts[0])")
    }

    @Test func anErrorNamesTheStatementAndLineAndStops() throws {
        let result = try run("SELECT 1 AS a;\n\n-- the bad one\nSELECT nope\n  FROM bmrs_fuelhh;\nSELECT 3 AS never;\n")
        #expect(result.status == 1)
        #expect(result.stdout == "a\n1\n")
        #expect(result.stderr.contains("statement 2 at line 4"), "\(result.stderr)")
        #expect(result.stderr.contains("Unrecognized name: nope at [2:8]"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func anUnknownDotCommandSuggestsTheNearest() throws {
        let result = try run("SELECT 1 AS a;\n.tabels\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("line 2: unknown command .tabels; did you mean .tables?"), "\(result.stderr)")
    }

    @Test func readRunsAFileAndItsErrorsNameIt() throws {
        let good = try directory.write("good.sql", "SELECT 5 AS five;\n")
        let bad = try directory.write("bad.sql", "SELECT 6 AS six;\nSELEC 7;\n")
        let result = try run(".read \(good)\n.read \(bad)\nSELECT 8;\n")
        #expect(result.status == 1)
        #expect(result.stdout == "five\n5\nsix\n6\n")
        #expect(result.stderr.contains("line 2: \(bad): statement 2 at line 2:"), "\(result.stderr)")
    }

    @Test func parametersAndOutputFiles() throws {
        let out = directory.file("out.csv")
        let result = try run(
            """
            .parameter set day DATE 2018-03-25
            .parameter set fuel STRING WIND
            .output \(out)
            SELECT settlementDate, count(*) AS periods FROM bmrs_fuelhh WHERE settlementDate = @day AND fuelType = @fuel
              GROUP BY settlementDate;
            .output stdout
            SELECT @fuel AS fuel;
            .parameter set day DATE 25/03/2018
            """)
        #expect(result.status == 1)
        #expect(result.stdout == "fuel\nWIND\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "settlementDate,periods\n2018-03-25,46\n")
        #expect(result.stderr.contains("line 8: 25/03/2018 is not a DATE"), "\(result.stderr)")
    }

    @Test func tablesAndPartitionsAreListed() throws {
        let result = try run(".tables\n.partitions bmrs_fuelhh\n")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.prefix(2) == ["bmrs_fuelinst", "bmrs_fuelhh"])
        #expect(lines.dropFirst(2).first == "table,day,tier,rows,stored_bytes,bq_bytes")
        #expect(lines.count == 2 + 1 + 365)
        #expect(lines.last?.hasPrefix("bmrs_fuelhh,2018-12-31,") == true)
    }

    @Test func anEmptyScriptSucceedsQuietly() throws {
        let result = try run("-- nothing\n\n")
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
    }
}
