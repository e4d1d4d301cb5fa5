import BigQueryDDL
import Testing

/// What the catalog enforces, as BigQuery would.
@Suite struct CatalogTests {
    @Test func keepsTablesInCreationOrderAndFindsThemByTableName() throws {
        let catalog = try catalog("CREATE TABLE d.b (x INT64); CREATE TABLE `p.d.a` (y INT64);")
        #expect(catalog.tables.map(\.reference.table) == ["b", "a"])
        #expect(catalog.table(named: "a")?.reference == TableReference(project: "p", dataset: "d", table: "a"))
        #expect(catalog.table(named: "other.a")?.reference.project == "p")
        #expect(catalog.table(named: "`d.b`")?.columns.first?.name == "x")
        #expect(catalog.table(TableReference(table: "b")) != nil)
        #expect(catalog.table(named: "A") == nil)
        #expect(catalog.table(named: "c") == nil)
        #expect(catalog.table(named: "not a name") == nil)
    }

    @Test func refusesCreatingAnExistingTableWithoutIfNotExists() throws {
        let error = try #require(applyError("CREATE TABLE d.t (a INT64)", to: try catalog("CREATE TABLE t (a INT64)")))
        #expect(error.code == .duplicateTable)
        #expect(error.message.contains("'t' already exists"))
    }

    @Test func skipsCreatingAnExistingTableWithIfNotExists() throws {
        var catalog = try catalog("CREATE TABLE t (a INT64)")
        let before = catalog
        try catalog.apply(sql: "CREATE TABLE IF NOT EXISTS t (b STRING)", source: "0002.sql")
        #expect(catalog == before)
    }

    @Test func refusesAnInvalidDefinitionEvenWhenIfNotExistsSkipsTheTable() throws {
        let existing = try catalog("CREATE TABLE t (a FLOAT64)")
        let error = try #require(applyError("CREATE TABLE IF NOT EXISTS t (a FLOAT64) CLUSTER BY a", to: existing))
        #expect(error.code == .invalidDefinition)
    }

    @Test func refusesATableWhoseNameDiffersOnlyInCase() throws {
        let error = try #require(applyError("CREATE TABLE T (a INT64)", to: try catalog("CREATE TABLE t (a INT64)")))
        #expect(error.code == .duplicateTable)
        #expect(error.message.contains("differs only in letter case"))
    }

    @Test func refusesDuplicateColumnNamesIgnoringCase() throws {
        let error = try #require(applyError("CREATE TABLE t (Day DATE, day STRING)"))
        #expect(error.code == .duplicateColumn)
        #expect(error.message.contains("'day'"))
    }

    static let invalidNames = [
        "`1st`", "`a-b`", "`a b`", "`é`", "_PARTITIONTIME", "_table_suffix", "_FILE_NAME", "__ROOT__x",
        "_ROW_TIMESTAMP", "_COLIDENTIFIER", String(repeating: "x", count: 301),
    ]

    @Test(arguments: invalidNames)
    func refusesColumnNamesBigQueryRefuses(name: String) throws {
        let error = try #require(applyError("CREATE TABLE t (\(name) INT64)"))
        #expect(error.code == .invalidName)
    }

    @Test func acceptsTheLongestAndOddestValidColumnNames() throws {
        let long = String(repeating: "x", count: 300)
        let table = try #require(try catalog("CREATE TABLE t (\(long) INT64, _ STRING, _9 BOOL)").table(named: "t"))
        #expect(table.columns.map(\.name) == [long, "_", "_9"])
        #expect(ColumnDefinition.problem(withName: "_ingested_utc") == nil)
    }

    @Test func refusesUnknownOrRepeatedPrimaryKeyColumns() throws {
        let unknown = try #require(applyError("CREATE TABLE t (a INT64, PRIMARY KEY (b) NOT ENFORCED)"))
        #expect(unknown.code == .unknownColumn)
        #expect(unknown.message == "unknown column 'b' in the primary key of table 't'")
        let repeated = try #require(applyError("CREATE TABLE t (a INT64, PRIMARY KEY (a, A) NOT ENFORCED)"))
        #expect(repeated.code == .invalidDefinition)
    }

    @Test func spellsKeyPartitionAndClusterColumnsAsDeclared() throws {
        let table = try #require(
            try catalog(
                """
                CREATE TABLE t (Day DATE, Site STRING, PRIMARY KEY (day, SITE) NOT ENFORCED)
                PARTITION BY DAY CLUSTER BY site
                """
            ).table(named: "t"))
        #expect(table.primaryKey == ["Day", "Site"])
        #expect(table.partitionColumn == "Day")
        #expect(table.clusterColumns == ["Site"])
    }

    @Test(arguments: [BigQueryType.string, .int64, .float64, .bool, .time])
    func refusesPartitioningOnANonDateColumn(type: BigQueryType) throws {
        let table = TableDefinition(
            reference: TableReference(table: "t"), columns: [ColumnDefinition(name: "c", type: type)],
            partitionColumn: "c")
        let error = try #require(Catalog().applyError(.createTable(table, ifNotExists: false)))
        #expect(error.code == .invalidDefinition)
        #expect(error.message.contains("BigQuery partitions by a DATE, TIMESTAMP or DATETIME column"))
    }

    @Test func refusesPartitioningOnAnUnknownColumn() throws {
        let table = TableDefinition(
            reference: TableReference(table: "t"), columns: [ColumnDefinition(name: "c", type: .date)],
            partitionColumn: "d")
        #expect(Catalog().applyError(.createTable(table, ifNotExists: false))?.code == .unknownColumn)
    }

    @Test func acceptsAtMostFourClusterColumns() throws {
        let columns = "a STRING, b INT64, c DATE, d BOOL, e TIMESTAMP"
        let four = try catalog("CREATE TABLE t (\(columns)) CLUSTER BY a, b, c, d")
        #expect(four.table(named: "t")?.clusterColumns.count == 4)
        let error = try #require(applyError("CREATE TABLE t (\(columns)) CLUSTER BY a, b, c, d, e"))
        #expect(error.code == .invalidDefinition)
        #expect(error.message.contains("at most 4 columns"))
    }

    @Test(arguments: [BigQueryType.float64, .bytes, .time])
    func refusesClusteringOnTypesBigQueryCannotCluster(type: BigQueryType) throws {
        let error = try #require(applyError("CREATE TABLE t (c \(type.rawValue)) CLUSTER BY c"))
        #expect(error.code == .invalidDefinition)
        #expect(error.message.contains("cannot cluster by column 'c' of type \(type.rawValue)"))
    }

    @Test func refusesUnknownOrRepeatedClusterColumns() throws {
        #expect(applyError("CREATE TABLE t (c STRING) CLUSTER BY d")?.code == .unknownColumn)
        #expect(applyError("CREATE TABLE t (c STRING) CLUSTER BY c, C")?.code == .invalidDefinition)
    }

    @Test func refusesPartitionOptionsOnAnUnpartitionedTable() throws {
        let expiring = try #require(applyError("CREATE TABLE t (d DATE) OPTIONS(partition_expiration_days = 3)"))
        #expect(expiring.code == .invalidDefinition)
        #expect(expiring.message.contains("not partitioned"))
        let filtered = try #require(applyError("CREATE TABLE t (d DATE) OPTIONS(require_partition_filter = TRUE)"))
        #expect(filtered.code == .invalidDefinition)
    }

    @Test func refusesOverlongDescriptions() throws {
        let column = String(repeating: "c", count: 1025)
        #expect(applyError("CREATE TABLE t (a INT64 OPTIONS(description = '\(column)'))")?.code == .invalidDefinition)
        #expect(applyError("CREATE TABLE t (a INT64 OPTIONS(description = '\(column.dropLast())'))") == nil)
        let table = String(repeating: "t", count: 16_385)
        #expect(applyError("CREATE TABLE t (a INT64) OPTIONS(description = '\(table)')")?.code == .invalidDefinition)
    }

    @Test func refusesATableWithoutColumns() throws {
        let table = TableDefinition(reference: TableReference(table: "t"), columns: [])
        #expect(Catalog().applyError(.createTable(table, ifNotExists: false))?.code == .invalidDefinition)
    }

    @Test func leavesTheCatalogUnchangedWhenAMigrationFailsHalfWay() throws {
        var catalog = try catalog("CREATE TABLE t (a INT64)")
        let before = catalog
        #expect(throws: DDLError.self) {
            try catalog.apply(sql: "CREATE TABLE u (b INT64); ALTER TABLE missing ADD COLUMN c INT64;", source: "x.sql")
        }
        #expect(catalog == before)
    }
}

extension Catalog {
    /// The error applying `statement` throws, or `nil` when it applies.
    func applyError(_ statement: DDLStatement) -> DDLError? {
        var catalog = self
        do {
            try catalog.apply(statement, source: "test.sql", line: 1)
            return nil
        } catch {
            return error
        }
    }
}
