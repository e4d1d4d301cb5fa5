import BigQueryDDL
import Testing

/// What the catalog enforces for `ALTER TABLE`.
@Suite struct CatalogAlterTests {
    @Test func addsColumnsAtTheEndInClauseOrder() throws {
        var catalog = try catalog(readingsTable)
        try catalog.apply(
            sql: """
                ALTER TABLE ds.readings
                  ADD COLUMN IF NOT EXISTS unit STRING OPTIONS(description = "Unit of value"),
                  ADD COLUMN quality INT64;
                """, source: "0002_more.sql")
        let table = try #require(catalog.table(named: "readings"))
        #expect(table.columns.map(\.name) == ["day", "seenAt", "site", "value", "unit", "quality"])
        #expect(
            table.column(named: "UNIT") == ColumnDefinition(name: "unit", type: .string, description: "Unit of value"))
        #expect(table.column(named: "quality")?.isRequired == false)
    }

    @Test func refusesAddingARequiredColumn() throws {
        let error = try #require(
            applyError("ALTER TABLE readings ADD COLUMN unit STRING NOT NULL", to: try catalog(readingsTable)))
        #expect(error.code == .refusedChange)
        #expect(error.message.hasPrefix("refused change: BigQuery cannot add a REQUIRED column to an existing table"))
    }

    @Test func refusesAddingAColumnToAnUnknownTable() throws {
        let error = try #require(
            applyError("ALTER TABLE ds.nowhere ADD COLUMN a INT64", to: try catalog(readingsTable)))
        #expect(error.code == .unknownTable)
        #expect(error.message == "unknown table 'ds.nowhere': known tables: readings")
        let empty = try #require(applyError("ALTER TABLE t ADD COLUMN a INT64"))
        #expect(empty.message == "unknown table 't': no tables exist yet")
    }

    @Test func refusesAddingAnExistingColumnWithoutIfNotExists() throws {
        let error = try #require(
            applyError("ALTER TABLE readings ADD COLUMN SITE STRING", to: try catalog(readingsTable)))
        #expect(error.code == .duplicateColumn)
        #expect(error.message.contains("already has column 'site'"))
    }

    @Test func skipsAddingAnExistingColumnWithIfNotExists() throws {
        var catalog = try catalog(readingsTable)
        let before = catalog
        try catalog.apply(sql: "ALTER TABLE readings ADD COLUMN IF NOT EXISTS Site STRING", source: "0002.sql")
        #expect(catalog == before)
    }

    @Test func refusesIfNotExistsThatWouldSilentlyKeepADifferentType() throws {
        let error = try #require(
            applyError("ALTER TABLE readings ADD COLUMN IF NOT EXISTS value NUMERIC", to: try catalog(readingsTable)))
        #expect(error.code == .refusedChange)
        #expect(error.message.contains("is FLOAT64, not NUMERIC"))
    }

    @Test func refusesTheSameColumnAddedTwiceInOneStatement() throws {
        let error = try #require(
            applyError(
                "ALTER TABLE readings ADD COLUMN unit STRING, ADD COLUMN Unit STRING", to: try catalog(readingsTable)))
        #expect(error.code == .duplicateColumn)
    }

    @Test func refusesAnAddedColumnWithAnInvalidName() throws {
        let error = try #require(
            applyError("ALTER TABLE readings ADD COLUMN `bad-name` STRING", to: try catalog(readingsTable)))
        #expect(error.code == .invalidName)
    }

    @Test func addsNoColumnWhenOneClauseOfTheStatementFails() throws {
        let catalog = try catalog(readingsTable)
        var changed = catalog
        #expect(throws: DDLError.self) {
            try changed.apply(
                .addColumns(
                    TableReference(table: "readings"),
                    [
                        DDLStatement.AddColumn(column: ColumnDefinition(name: "ok", type: .string)),
                        DDLStatement.AddColumn(column: ColumnDefinition(name: "req", type: .string, isRequired: true)),
                    ]), source: "x.sql", line: 1)
        }
        #expect(changed == catalog)
    }

    @Test func setsTheDescriptionWithSetOptions() throws {
        var catalog = try catalog(readingsTable)
        try catalog.apply(sql: #"ALTER TABLE readings SET OPTIONS(description="x")"#, source: "0002.sql")
        #expect(catalog.table(named: "readings")?.description == "x")
        try catalog.apply(sql: "ALTER TABLE readings SET OPTIONS(description = NULL)", source: "0003.sql")
        #expect(catalog.table(named: "readings")?.description == nil)
    }

    @Test func replacesAllLabelsAndKeepsUnmentionedOptions() throws {
        var catalog = try catalog(
            readingsTable + """
                ALTER TABLE readings SET OPTIONS(description = 'kept', labels = [('a', '1'), ('b', '2')]);
                """)
        try catalog.apply(sql: "ALTER TABLE readings SET OPTIONS(labels = [('c', '3')])", source: "0003.sql")
        var table = try #require(catalog.table(named: "readings"))
        #expect(table.labels == ["c": "3"])
        #expect(table.description == "kept")
        try catalog.apply(sql: "ALTER TABLE readings SET OPTIONS(labels = NULL)", source: "0004.sql")
        table = try #require(catalog.table(named: "readings"))
        #expect(table.labels.isEmpty)
    }

    @Test func setsAndClearsPartitionOptionsOnAPartitionedTable() throws {
        var catalog = try catalog(readingsTable)
        try catalog.apply(
            sql: """
                ALTER TABLE readings SET OPTIONS(partition_expiration_days = 7, require_partition_filter = true)
                """, source: "0002.sql")
        var table = try #require(catalog.table(named: "readings"))
        #expect(table.partitionExpirationMs == 604_800_000)
        #expect(table.requirePartitionFilter)
        try catalog.apply(
            sql: """
                ALTER TABLE readings SET OPTIONS(partition_expiration_days = NULL, require_partition_filter = NULL)
                """, source: "0003.sql")
        table = try #require(catalog.table(named: "readings"))
        #expect(table.partitionExpirationMs == nil)
        #expect(!table.requirePartitionFilter)
    }

    @Test func refusesPartitionOptionsOnAnUnpartitionedTableInSetOptions() throws {
        let catalog = try catalog("CREATE TABLE t (a INT64)")
        let error = try #require(applyError("ALTER TABLE t SET OPTIONS(partition_expiration_days = 1)", to: catalog))
        #expect(error.code == .invalidDefinition)
    }

    @Test func refusesSetOptionsOnAnUnknownTable() throws {
        #expect(applyError("ALTER TABLE t SET OPTIONS(description = 'x')")?.code == .unknownTable)
    }

    @Test func findsTheTableWhateverDatasetTheAlterNames() throws {
        var catalog = try catalog(readingsTable)
        try catalog.apply(sql: "ALTER TABLE `proj.other.readings` ADD COLUMN note STRING", source: "0002.sql")
        let table = try #require(catalog.table(named: "readings"))
        #expect(table.reference == TableReference(dataset: "ds", table: "readings"))
        #expect(table.column(named: "note") != nil)
    }
}
