import BigQueryDDL
import Testing

/// Error positions, messages and the errors that are not refusals.
@Suite struct DDLErrorTests {
    static let migration = """
        -- 0003: more columns
        CREATE TABLE d.t (
          a INT64,
          b STRING
        );
        ALTER TABLE d.t
          ADD COLUMN c INT64,
          DROP COLUMN a;
        """

    @Test func describesARefusalAsOneSentenceWithFileLineAndColumn() throws {
        let error = try #require(parseError(Self.migration, source: "0003_x.sql"))
        #expect(
            error.description == "0003_x.sql:8:3: unsupported construct 'DROP COLUMN': "
                + "bmrs migrations support CREATE TABLE, ALTER TABLE ADD COLUMN and ALTER TABLE SET OPTIONS")
        #expect(error.source == "0003_x.sql")
        #expect((error.line, error.column) == (8, 3))
    }

    @Test func describesAnErrorWithoutALineWithTheSourceOnly() {
        let error = DDLError(
            code: .invalidTableResource, message: "invalid table resource: x", source: "t.json", line: 0, column: 0)
        #expect(error.description == "t.json: invalid table resource: x")
    }

    /// Syntax errors, the text each message must contain and the position it must report.
    static let syntaxErrors: [(String, String, Int, Int)] = [
        (
            "CREATE TABLE t (\n  a INT64\n  b STRING\n)", "expected ',' or ')' after a column definition, found 'b'", 3,
            3
        ),
        ("CREATE TABLE t (a INT64,)", "expected a column name, found ')'", 1, 25),
        ("CREATE TABLE t ()", "expected a column name, found ')'", 1, 17),
        ("CREATE TABLE t", "expected '(' and the column list after the table name, found end of input", 1, 15),
        ("CREATE TABLE t (a INT64", "expected ',' or ')' after a column definition, found end of input", 1, 24),
        ("CREATE TABLE t (a VARCHAR)", "unknown type 'VARCHAR'", 1, 19),
        ("CREATE TABLE t (a)", "expected a column type, found ')'", 1, 18),
        ("CREATE TABLE t (select INT64)", "reserved keyword 'select'", 1, 17),
        ("CREATE TABLE d.select (a INT64)", "expected a table name, found the reserved keyword 'select'", 1, 16),
        ("CREATE TABLE t (a INT64 NOT)", "expected NULL after NOT in a column definition", 1, 28),
        ("CREATE TABLE t (a INT64 NULL)", "expected ',' or ')' after a column definition, found 'NULL'", 1, 25),
        ("CREATE TABLE t (a INT64 OPTIONS description = 'x')", "expected '(' after OPTIONS", 1, 33),
        ("CREATE TABLE t (a INT64) CLUSTER BY a PARTITION BY a", "must come in that order", 1, 39),
        ("CREATE TABLE t (a DATE) PARTITION a", "expected BY after PARTITION", 1, 35),
        ("CREATE TABLE t (a DATE) CLUSTER BY", "expected a cluster column, found end of input", 1, 35),
        ("CREATE TABLE IF EXISTS t (a INT64)", "expected NOT after CREATE TABLE IF", 1, 17),
        ("CREATE TABLE a (x INT64) CREATE TABLE b (y INT64)", "expected ';'", 1, 26),
        ("CREATE TABLE a.b.c.d (x INT64)", "is not a table name", 1, 14),
        ("CREATE", "expected TABLE after CREATE, found end of input", 1, 7),
        ("FOO BAR", "expected CREATE or ALTER at the start of a statement, found 'FOO'", 1, 1),
        ("(", "expected CREATE or ALTER", 1, 1),
        ("ALTER TABLE t ADD x INT64", "expected COLUMN after ADD, found 'x'", 1, 19),
        ("ALTER TABLE t", "expected ADD COLUMN or SET OPTIONS after the table name, found end of input", 1, 14),
        ("ALTER TABLE t ADD COLUMN a INT64, SET OPTIONS(description = 'x')", "cannot be combined", 1, 35),
        ("ALTER TABLE t SET OPTIONS(description = 'x'), ADD COLUMN a INT64", "expected ';'", 1, 45),
        ("ALTER TABLE t SET OPTIONS(description 'x')", "expected '=' after the option name 'description'", 1, 39),
        ("ALTER TABLE t SET OPTIONS(description = CONCAT('a', 'b'))", "expected an option value", 1, 41),
        ("ALTER TABLE t SET OPTIONS(labels = [('a', 1)])", "expected a string literal, found '1'", 1, 43),
        (
            "CREATE TABLE t (ts TIMESTAMP) PARTITION BY TIMESTAMP_TRUNC(ts, WEEK)", "expected DAY, HOUR, MONTH or YEAR",
            1,
            64
        ),
    ]

    @Test(arguments: syntaxErrors)
    func reportsSyntaxErrorsAtTheOffendingToken(sql: String, detail: String, line: Int, column: Int) throws {
        let error = try #require(parseError(sql))
        #expect(error.code == .syntax)
        #expect(error.message.hasPrefix("syntax error: "))
        #expect(error.message.contains(detail))
        #expect((error.line, error.column) == (line, column))
    }

    /// Definitions the parser already knows BigQuery would refuse, with the code and message text.
    static let invalidDefinitions: [(String, DDLError.Code, String)] = [
        (
            "CREATE TABLE t (ts TIMESTAMP) PARTITION BY ts", .invalidDefinition,
            "write DATE(ts) or TIMESTAMP_TRUNC(ts, DAY)"
        ),
        (
            "CREATE TABLE t (dt DATETIME) PARTITION BY dt", .invalidDefinition,
            "write DATE(dt) or DATETIME_TRUNC(dt, DAY)"
        ),
        ("CREATE TABLE t (f FLOAT64) PARTITION BY f", .invalidDefinition, "'f' is FLOAT64"),
        ("CREATE TABLE t (d DATE) PARTITION BY DATE(d)", .invalidDefinition, "write PARTITION BY d"),
        ("CREATE TABLE t (d DATE) PARTITION BY DATE_TRUNC(d, DAY)", .invalidDefinition, "only with MONTH or YEAR"),
        (
            "CREATE TABLE t (dt DATETIME) PARTITION BY TIMESTAMP_TRUNC(dt, DAY)", .invalidDefinition,
            "needs a TIMESTAMP column; 'dt' is DATETIME"
        ),
        (
            "CREATE TABLE t (ts TIMESTAMP) PARTITION BY DATETIME_TRUNC(ts, DAY)", .invalidDefinition,
            "needs a DATETIME column; 'ts' is TIMESTAMP"
        ),
        ("CREATE TABLE t (d DATE) PARTITION BY missing", .unknownColumn, "unknown column 'missing'"),
        (
            "CREATE TABLE t (a INT64, PRIMARY KEY (a) NOT ENFORCED, PRIMARY KEY (a) NOT ENFORCED)", .invalidDefinition,
            "a second PRIMARY KEY"
        ),
        ("ALTER TABLE t SET OPTIONS(description = 1)", .invalidDefinition, "option 'description' takes a string"),
        (
            "ALTER TABLE t SET OPTIONS(require_partition_filter = 'yes')", .invalidDefinition,
            "takes TRUE, FALSE or NULL"
        ),
        ("ALTER TABLE t SET OPTIONS(partition_expiration_days = TRUE)", .invalidDefinition, "takes a number"),
        ("ALTER TABLE t SET OPTIONS(labels = 'a')", .invalidDefinition, "takes a list of"),
        ("ALTER TABLE t SET OPTIONS(description = 'a', DESCRIPTION = 'b')", .invalidDefinition, "given twice"),
        ("ALTER TABLE t SET OPTIONS(partition_expiration_days = 0)", .invalidDefinition, "positive number of days"),
        ("ALTER TABLE t SET OPTIONS(partition_expiration_days = -3)", .invalidDefinition, "positive number of days"),
        (
            "ALTER TABLE t SET OPTIONS(labels = [('Team', 'x')])", .invalidDefinition,
            "must start with a lowercase letter"
        ),
        ("ALTER TABLE t SET OPTIONS(labels = [('team', 'X Y')])", .invalidDefinition, "label value 'X Y'"),
        (
            "ALTER TABLE t SET OPTIONS(labels = [('a', 'x'), ('a', 'y')])", .invalidDefinition,
            "label 'a' is given twice"
        ),
    ]

    @Test(arguments: invalidDefinitions)
    func refusesDefinitionsBigQueryWouldRefuseWhileParsing(sql: String, code: DDLError.Code, detail: String) throws {
        let error = try #require(parseError(sql))
        #expect(error.code == code)
        #expect(error.message.contains(detail))
        #expect(error.line == 1 && error.column > 1)
    }

    @Test func pointsCatalogErrorsAtTheFailingStatement() throws {
        let error = try #require(
            applyError(
                """
                CREATE TABLE t (a INT64);

                  ALTER TABLE t ADD COLUMN a STRING;
                """, source: "0002_dup.sql"))
        #expect(error.code == .duplicateColumn)
        #expect(error.description.hasPrefix("0002_dup.sql:3:3: duplicate column"))
    }
}
