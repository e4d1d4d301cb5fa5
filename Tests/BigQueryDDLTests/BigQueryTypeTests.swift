import BigQueryDDL
import Testing

@Suite struct BigQueryTypeTests {
    static let aliases: [(String, BigQueryType)] = [
        ("INT", .int64), ("SMALLINT", .int64), ("INTEGER", .int64), ("BIGINT", .int64), ("TINYINT", .int64),
        ("BYTEINT", .int64), ("FLOAT", .float64), ("BOOLEAN", .bool), ("DECIMAL", .numeric),
        ("BIGDECIMAL", .bignumeric),
    ]

    @Test(arguments: aliases)
    func acceptsBigQueryAliasesInAnyCase(alias: String, type: BigQueryType) {
        #expect(BigQueryType(sqlName: alias) == type)
        #expect(BigQueryType(sqlName: alias.lowercased()) == type)
    }

    @Test(arguments: BigQueryType.allCases)
    func acceptsItsCanonicalNameInAnyCase(type: BigQueryType) {
        #expect(BigQueryType(sqlName: type.rawValue) == type)
        #expect(BigQueryType(sqlName: type.rawValue.lowercased()) == type)
        #expect(BigQueryType(legacyName: type.legacyName) == type)
    }

    @Test func usesCanonicalNamesAsRawValues() {
        #expect(
            BigQueryType.allCases.map(\.rawValue) == [
                "STRING", "BYTES", "INT64", "FLOAT64", "NUMERIC", "BIGNUMERIC", "BOOL", "DATE", "DATETIME", "TIME",
                "TIMESTAMP",
            ])
    }

    @Test func usesLegacyNamesInTheTableResource() {
        #expect(
            BigQueryType.allCases.map(\.legacyName) == [
                "STRING", "BYTES", "INTEGER", "FLOAT", "NUMERIC", "BIGNUMERIC", "BOOLEAN", "DATE", "DATETIME", "TIME",
                "TIMESTAMP",
            ])
    }

    @Test(arguments: ["VARCHAR", "TEXT", "DOUBLE", "GEOGRAPHY", "JSON", "ARRAY", "STRUCT", "RECORD", "INT32", ""])
    func rejectsNamesThatAreNotSupportedScalarTypes(name: String) {
        #expect(BigQueryType(sqlName: name) == nil)
    }

    @Test func clustersOnlyOnTheTypesBigQueryClustersOn() {
        let clusterable = BigQueryType.allCases.filter(\.isClusterable)
        #expect(clusterable == [.string, .int64, .numeric, .bignumeric, .bool, .date, .datetime, .timestamp])
    }

    @Test func partitionsOnlyOnDateAndTimeTypes() {
        #expect(BigQueryType.allCases.filter(\.isPartitionable) == [.date, .datetime, .timestamp])
    }

    @Test(arguments: aliases)
    func parsesAliasesInColumnDefinitions(alias: String, type: BigQueryType) throws {
        let table = try parseCreate("CREATE TABLE t (c \(alias.lowercased()))")
        #expect(table.columns == [ColumnDefinition(name: "c", type: type)])
    }
}
