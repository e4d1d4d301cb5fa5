import BigQueryDDL
import Testing

/// Every construct the parser refuses by name.
@Suite struct DDLRefusalTests {
    static let statementHint =
        "bmrs migrations support CREATE TABLE, ALTER TABLE ADD COLUMN and ALTER TABLE SET OPTIONS"

    /// Statements bmrs does not support at all, with the construct the error must name.
    static let refusedStatements: [(String, String)] = [
        ("CREATE OR REPLACE TABLE t (a INT64)", "CREATE OR REPLACE"),
        ("CREATE TEMP TABLE t (a INT64)", "CREATE TEMP TABLE"),
        ("CREATE TEMPORARY TABLE t (a INT64)", "CREATE TEMP TABLE"),
        ("CREATE VIEW v AS SELECT 1", "CREATE VIEW"),
        ("CREATE MATERIALIZED VIEW v AS SELECT 1", "CREATE MATERIALIZED VIEW"),
        ("CREATE EXTERNAL TABLE t OPTIONS(format = 'CSV')", "CREATE EXTERNAL TABLE"),
        ("CREATE SNAPSHOT TABLE t CLONE u", "CREATE SNAPSHOT TABLE"),
        ("CREATE SCHEMA d", "CREATE SCHEMA"),
        ("CREATE FUNCTION f() AS (1)", "CREATE FUNCTION"),
        ("CREATE TABLE t AS SELECT 1 AS a", "CREATE TABLE AS SELECT"),
        ("CREATE TABLE t (a INT64) AS SELECT 1 AS a", "CREATE TABLE AS SELECT"),
        ("CREATE TABLE t LIKE u", "CREATE TABLE LIKE"),
        ("CREATE TABLE t COPY u", "CREATE TABLE COPY"),
        ("CREATE TABLE t CLONE u", "CREATE TABLE CLONE"),
        ("CREATE TABLE t (a INT64) WITH CONNECTION c", "WITH CONNECTION"),
        ("DROP TABLE t", "DROP TABLE"),
        ("drop view v", "DROP VIEW"),
        ("TRUNCATE TABLE t", "TRUNCATE TABLE"),
        ("INSERT INTO t (a) VALUES (1)", "INSERT"),
        ("UPDATE t SET a = 1 WHERE TRUE", "UPDATE"),
        ("DELETE FROM t WHERE TRUE", "DELETE"),
        ("MERGE t USING u ON FALSE WHEN MATCHED THEN DELETE", "MERGE"),
        ("SELECT 1", "SELECT"),
        ("ALTER VIEW v SET OPTIONS(description = 'x')", "ALTER VIEW"),
        ("ALTER MATERIALIZED VIEW v SET OPTIONS(description = 'x')", "ALTER MATERIALIZED VIEW"),
        ("ALTER SCHEMA d SET OPTIONS(description = 'x')", "ALTER SCHEMA"),
        ("ALTER TABLE t DROP COLUMN a", "DROP COLUMN"),
        ("ALTER TABLE t ADD COLUMN b INT64, DROP COLUMN IF EXISTS a", "DROP COLUMN"),
        ("ALTER TABLE t ALTER COLUMN a SET DATA TYPE NUMERIC", "ALTER COLUMN"),
        ("ALTER TABLE t ALTER COLUMN a SET OPTIONS(description = 'x')", "ALTER COLUMN"),
        ("ALTER TABLE t RENAME TO u", "RENAME TO"),
        ("ALTER TABLE t RENAME COLUMN a TO b", "RENAME COLUMN"),
        ("ALTER TABLE t ADD PRIMARY KEY (a) NOT ENFORCED", "ADD PRIMARY KEY"),
        ("ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES u(b) NOT ENFORCED", "ADD FOREIGN KEY"),
        ("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u(b) NOT ENFORCED", "ADD CONSTRAINT"),
        ("ALTER TABLE t DROP PRIMARY KEY", "DROP PRIMARY KEY"),
        ("ALTER TABLE t DROP CONSTRAINT fk", "DROP CONSTRAINT"),
        ("ALTER TABLE t SET DEFAULT COLLATE 'und:ci'", "SET DEFAULT COLLATE"),
        ("ALTER TABLE IF EXISTS t ADD COLUMN a INT64", "ALTER TABLE IF EXISTS"),
    ]

    @Test(arguments: refusedStatements)
    func refusesStatementsOutsideTheSubsetNamingThem(sql: String, construct: String) throws {
        let error = try #require(parseError(sql, source: "0003_x.sql"))
        #expect(error.code == .unsupportedConstruct)
        #expect(error.construct == construct)
        #expect(error.message.hasPrefix("unsupported construct '\(construct)': "))
        #expect(error.description.hasPrefix("0003_x.sql:1:"))
    }

    @Test func hintsAtTheSupportedStatementsWhenRefusingAStatement() throws {
        let error = try #require(parseError("ALTER TABLE t DROP COLUMN a"))
        #expect(error.message == "unsupported construct 'DROP COLUMN': \(Self.statementHint)")
    }

    /// Column, constraint, type, option and partitioning clauses bmrs does not support.
    static let refusedClauses: [(String, String)] = [
        ("CREATE TABLE t (a INT64 DEFAULT 0)", "DEFAULT value"),
        ("CREATE TABLE t (a INT64 NOT NULL DEFAULT 0)", "DEFAULT value"),
        ("ALTER TABLE t ADD COLUMN a INT64 DEFAULT 0", "DEFAULT value"),
        ("CREATE TABLE t (a STRING COLLATE 'und:ci')", "COLLATE"),
        ("CREATE TABLE t (a INT64) DEFAULT COLLATE 'und:ci'", "DEFAULT COLLATE"),
        ("CREATE TABLE t (a INT64 AS (1))", "generated column"),
        ("CREATE TABLE t (a INT64, FOREIGN KEY (a) REFERENCES u(b) NOT ENFORCED)", "FOREIGN KEY"),
        ("CREATE TABLE t (a INT64, CONSTRAINT fk FOREIGN KEY (a) REFERENCES u(b) NOT ENFORCED)", "FOREIGN KEY"),
        ("CREATE TABLE t (a INT64, CONSTRAINT pk PRIMARY KEY (a) NOT ENFORCED)", "CONSTRAINT"),
        ("CREATE TABLE t (a INT64 REFERENCES u(b) NOT ENFORCED)", "REFERENCES"),
        ("CREATE TABLE t (a INT64, PRIMARY KEY (a))", "PRIMARY KEY without NOT ENFORCED"),
        ("CREATE TABLE t (a INT64, PRIMARY KEY (a) ENFORCED)", "PRIMARY KEY without NOT ENFORCED"),
        ("CREATE TABLE t (a INT64 PRIMARY KEY NOT ENFORCED)", "column-level PRIMARY KEY"),
        ("CREATE TABLE t (a INT64 NOT NULL PRIMARY KEY NOT ENFORCED)", "column-level PRIMARY KEY"),
        ("CREATE TABLE t (a STRING(10))", "STRING(10)"),
        ("CREATE TABLE t (a numeric(10,2))", "NUMERIC(10, 2)"),
        ("CREATE TABLE t (a BYTES(5))", "BYTES(5)"),
        ("CREATE TABLE t (a ARRAY<INT64>)", "ARRAY type"),
        ("CREATE TABLE t (a STRUCT<x INT64>)", "STRUCT type"),
        ("CREATE TABLE t (a GEOGRAPHY)", "GEOGRAPHY type"),
        ("CREATE TABLE t (a JSON)", "JSON type"),
        ("CREATE TABLE t (a INTERVAL)", "INTERVAL type"),
        ("CREATE TABLE t (a RANGE<DATE>)", "RANGE type"),
        ("CREATE TABLE t (a INT64 OPTIONS(rounding_mode = 'ROUND_HALF_EVEN'))", "OPTIONS(rounding_mode)"),
        (
            "CREATE TABLE t (a INT64) OPTIONS(expiration_timestamp = TIMESTAMP '2030-01-01')",
            "OPTIONS(expiration_timestamp)"
        ),
        ("CREATE TABLE t (a INT64) OPTIONS(friendly_name = 'x')", "OPTIONS(friendly_name)"),
        ("ALTER TABLE t SET OPTIONS(description = 'x', kms_key_name = 'k')", "OPTIONS(kms_key_name)"),
        ("CREATE TABLE t (a INT64) PARTITION BY RANGE_BUCKET(a, GENERATE_ARRAY(0, 100, 10))", "RANGE_BUCKET"),
        ("CREATE TABLE t (a INT64) PARTITION BY _PARTITIONDATE", "ingestion-time partitioning (_PARTITIONDATE)"),
        ("CREATE TABLE t (a INT64) PARTITION BY DATE(_PARTITIONTIME)", "ingestion-time partitioning (_PARTITIONTIME)"),
        (
            "CREATE TABLE t (a INT64) PARTITION BY TIMESTAMP_TRUNC(_PARTITIONTIME, DAY)",
            "ingestion-time partitioning (_PARTITIONTIME)"
        ),
        ("CREATE TABLE t (ts TIMESTAMP) PARTITION BY TIMESTAMP_TRUNC(ts, HOUR)", "HOUR partitioning"),
        ("CREATE TABLE t (ts TIMESTAMP) PARTITION BY TIMESTAMP_TRUNC(ts, MONTH)", "MONTH partitioning"),
        ("CREATE TABLE t (d DATE) PARTITION BY DATE_TRUNC(d, MONTH)", "MONTH partitioning"),
        ("CREATE TABLE t (d DATE) PARTITION BY DATE_TRUNC(d, YEAR)", "YEAR partitioning"),
        ("CREATE TABLE t (d DATETIME) PARTITION BY DATETIME_TRUNC(d, HOUR)", "HOUR partitioning"),
        ("CREATE TABLE t (d DATE) PARTITION BY EXTRACT_DAY(d)", "PARTITION BY EXTRACT_DAY(...)"),
        (#"CREATE TABLE t (a STRING OPTIONS(description = r"x"))"#, "raw string literal"),
        (#"CREATE TABLE t (a STRING OPTIONS(description = B'x'))"#, "bytes literal"),
        (#"CREATE TABLE t (a STRING OPTIONS(description = rb'x'))"#, "bytes literal"),
    ]

    @Test(arguments: refusedClauses)
    func refusesClausesOutsideTheSubsetNamingThem(sql: String, construct: String) throws {
        let error = try #require(parseError(sql))
        #expect(error.code == .unsupportedConstruct)
        #expect(error.construct == construct)
        #expect(error.description.contains("unsupported construct '\(construct)': "))
    }

    @Test func explainsThatBigQueryRequiresNotEnforced() throws {
        let error = try #require(parseError("CREATE TABLE t (a INT64, PRIMARY KEY (a))"))
        #expect(error.message.hasSuffix("BigQuery requires PRIMARY KEY (...) NOT ENFORCED"))
        #expect((error.line, error.column) == (1, 26))
    }

    @Test func pointsAtTheTypeWhenRefusingAParameterisedType() throws {
        let error = try #require(parseError("CREATE TABLE t (\n  a INT64,\n  b NUMERIC(10, 2)\n)"))
        #expect(error.construct == "NUMERIC(10, 2)")
        #expect((error.line, error.column) == (3, 5))
    }
}
