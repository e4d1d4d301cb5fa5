import BigQueryDDL
import Testing

/// Every construct the parser accepts.
@Suite struct DDLParserTests {
    @Test func parsesCreateTableWithoutIfNotExists() throws {
        let statement = try parseOne("CREATE TABLE d.t (a INT64)")
        #expect(
            statement
                == .createTable(
                    TableDefinition(
                        reference: TableReference(dataset: "d", table: "t"),
                        columns: [
                            ColumnDefinition(name: "a", type: .int64)
                        ]), ifNotExists: false))
    }

    @Test func readsKeywordsInAnyLetterCase() throws {
        let lower = try parseOne(
            """
            create table if not exists d.t (b timestamp, a int64 not null options(description = 'x'),
            primary key (a) not enforced) partition by date(b) cluster by a options(description = 'y')
            """)
        let upper = try parseOne(
            """
            CREATE TABLE IF NOT EXISTS d.t (b TIMESTAMP, a INT64 NOT NULL OPTIONS(DESCRIPTION = 'x'),
            PRIMARY KEY (a) NOT ENFORCED) PARTITION BY DATE(b) CLUSTER BY a OPTIONS(DESCRIPTION = 'y')
            """)
        #expect(lower == upper)
    }

    @Test func parsesBacktickedColumnNamesIncludingReservedWords() throws {
        let table = try parseCreate("CREATE TABLE t (`select` STRING, `from` INT64 NOT NULL)")
        #expect(table.columns.map(\.name) == ["select", "from"])
        #expect(table.columns[1].isRequired)
    }

    @Test func clearsAColumnDescriptionGivenAsNull() throws {
        let table = try parseCreate("CREATE TABLE t (a INT64 OPTIONS(description = NULL), b INT64 OPTIONS())")
        #expect(table.columns.map(\.description) == [nil, nil])
    }

    @Test func parsesATableConstraintAnywhereInTheList() throws {
        let table = try parseCreate("CREATE TABLE t (PRIMARY KEY (b, a) NOT ENFORCED, a INT64, b STRING)")
        #expect(table.primaryKey == ["b", "a"])
        #expect(table.columns.map(\.name) == ["a", "b"])
    }

    @Test func treatsAColumnNamedPrimaryAsAColumn() throws {
        let table = try parseCreate("CREATE TABLE t (primary INT64, key STRING)")
        #expect(table.columns.map(\.name) == ["primary", "key"])
        #expect(table.primaryKey.isEmpty)
    }

    static let partitionForms: [(String, String)] = [
        ("d", "d DATE"),
        ("DATE(ts)", "ts TIMESTAMP"),
        ("date(dt)", "dt DATETIME"),
        ("TIMESTAMP_TRUNC(ts, DAY)", "ts TIMESTAMP"),
        ("timestamp_trunc(`ts`, day)", "ts TIMESTAMP"),
        ("DATETIME_TRUNC(dt, DAY)", "dt DATETIME"),
    ]

    @Test(arguments: partitionForms)
    func acceptsEveryDailyPartitionForm(expression: String, column: String) throws {
        let table = try parseCreate("CREATE TABLE t (\(column), x INT64) PARTITION BY \(expression)")
        let name = String(column.prefix { $0 != " " })
        #expect(table.partitionColumn == name)
        #expect(table.partitionGranularity == .day)
    }

    @Test func parsesSeveralClusterColumnsInOrder() throws {
        let table = try parseCreate("CREATE TABLE t (a STRING, b INT64, c DATE) CLUSTER BY c, a, `b`")
        #expect(table.clusterColumns == ["c", "a", "b"])
        #expect(table.partitionColumn == nil)
        #expect(table.partitionGranularity == nil)
    }

    @Test func parsesEverySupportedTableOption() throws {
        let table = try parseCreate(
            """
            CREATE TABLE t (d DATE) PARTITION BY d
            OPTIONS(
              description = \"\"\"Two
            lines\"\"\",
              labels = [("team", "energy"), ("tier", "")],
              partition_expiration_days = 1.5,
              require_partition_filter = TRUE
            )
            """)
        #expect(table.description == "Two\nlines")
        #expect(table.labels == ["team": "energy", "tier": ""])
        #expect(table.partitionExpirationMs == 129_600_000)
        #expect(table.requirePartitionFilter)
    }

    @Test func parsesSeveralAddColumnClausesInOneAlterTable() throws {
        let statement = try parseOne(
            """
            ALTER TABLE `uk_energy_insights.bmrs_fuelinst`
              ADD COLUMN IF NOT EXISTS a INT64,
              ADD COLUMN b STRING OPTIONS(description = "bee")
            """)
        #expect(
            statement
                == .addColumns(
                    TableReference(dataset: "uk_energy_insights", table: "bmrs_fuelinst"),
                    [
                        DDLStatement.AddColumn(column: ColumnDefinition(name: "a", type: .int64), ifNotExists: true),
                        DDLStatement.AddColumn(
                            column: ColumnDefinition(name: "b", type: .string, description: "bee"), ifNotExists: false),
                    ]))
    }

    @Test func parsesAlterTableSetOptions() throws {
        let statement = try parseOne(#"ALTER TABLE d.t SET OPTIONS(description="x")"#)
        #expect(
            statement == .setOptions(TableReference(dataset: "d", table: "t"), TableOptions(description: .set("x"))))
    }

    @Test func parsesNullAsClearingATableOption() throws {
        let statement = try parseOne(
            """
            ALTER TABLE t SET OPTIONS(description = NULL, labels = NULL,
              partition_expiration_days = NULL, require_partition_filter = false)
            """)
        let expected = TableOptions(
            description: .cleared, labels: .cleared, partitionExpirationMs: .cleared,
            requirePartitionFilter: .set(false))
        #expect(statement == .setOptions(TableReference(table: "t"), expected))
        #expect(!expected.isEmpty)
        #expect(TableOptions().isEmpty)
    }

    @Test func parsesEmptyLabelsAndEmptyOptions() throws {
        #expect(
            try parseOne("ALTER TABLE t SET OPTIONS(labels = [])")
                == .setOptions(TableReference(table: "t"), TableOptions(labels: .set([:]))))
        #expect(try parseOne("ALTER TABLE t SET OPTIONS()") == .setOptions(TableReference(table: "t"), TableOptions()))
    }

    @Test func splitsStatementsOnSemicolonsAndSkipsEmptyOnes() throws {
        let located = try DDLParser.parseLocated(
            """
            ;
            CREATE TABLE a (x INT64);;
              ALTER TABLE a ADD COLUMN y STRING;
            ALTER TABLE a SET OPTIONS(description = 'z')
            """, source: "0002_more.sql")
        #expect(located.count == 3)
        #expect(located.map(\.line) == [2, 3, 4])
        #expect(located.map(\.column) == [1, 3, 1])
        #expect(located.allSatisfy { $0.source == "0002_more.sql" })
        #expect(located.map(\.statement.reference.table) == ["a", "a", "a"])
    }

    @Test func parsesAnEmptyOrCommentOnlyMigrationAsNoStatements() throws {
        #expect(try DDLParser.parse("", source: "e.sql").isEmpty)
        #expect(try DDLParser.parse("-- nothing yet\n/* still nothing */\n# nor here\n", source: "e.sql").isEmpty)
    }
}
