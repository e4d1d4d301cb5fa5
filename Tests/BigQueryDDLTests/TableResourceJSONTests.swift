import BigQueryDDL
import Foundation
import Testing

/// The table-resource JSON kept in `Schema/<table>.json`, written and read back.
@Suite struct TableResourceJSONTests {
    static let everything = """
        CREATE TABLE `p.d.everything` (
          s STRING NOT NULL, bs BYTES, i INT, f FLOAT64, n DECIMAL, bn BIGNUMERIC, b BOOLEAN,
          d DATE, dt DATETIME, t TIME, ts TIMESTAMP NOT NULL,
          PRIMARY KEY (s, ts) NOT ENFORCED
        )
        PARTITION BY TIMESTAMP_TRUNC(ts, DAY)
        CLUSTER BY s, i
        OPTIONS(description = 'All of it', labels = [('z', ''), ('a', 'one')],
          partition_expiration_days = 30, require_partition_filter = TRUE);
        """

    @Test func writesEveryOptionalMemberInTheDocumentedOrder() throws {
        let table = try #require(try catalog(Self.everything).table(named: "everything"))
        let json = table.tableResourceJSON()
        let keys = [
            "\"tableReference\"", "\"projectId\"", "\"datasetId\"", "\"tableId\"", "\"description\": \"All",
            "\"labels\"", "\"a\": \"one\"", "\"z\": \"\"", "\"schema\"", "\"timePartitioning\"",
            "\"expirationMs\": \"2592000000\"", "\"requirePartitionFilter\": true", "\"clustering\"",
            "\"tableConstraints\"",
        ]
        let offsets = keys.map { json.range(of: $0)?.lowerBound }
        #expect(!offsets.contains(nil))
        #expect(offsets.compactMap { $0 } == offsets.compactMap { $0 }.sorted())
        #expect(
            json.contains(
                """
                  "timePartitioning": {
                    "type": "DAY",
                    "field": "ts",
                    "expirationMs": "2592000000"
                  },
                """))
        #expect(json.hasSuffix("}\n") && !json.hasSuffix("\n\n"))
    }

    @Test func writesOnlyTheMembersATableHas() throws {
        let table = try #require(try catalog("CREATE TABLE t (a INT64)").table(named: "t"))
        #expect(
            table.tableResourceJSON() == """
                {
                  "tableReference": {
                    "tableId": "t"
                  },
                  "schema": {
                    "fields": [
                      {
                        "name": "a",
                        "type": "INTEGER",
                        "mode": "NULLABLE"
                      }
                    ]
                  }
                }

                """)
    }

    @Test func readsBackEveryTypeAndOptionAsTheSameTable() throws {
        let table = try #require(try catalog(Self.everything).table(named: "everything"))
        let reread = try TableDefinition(tableResourceJSON: table.tableResourceJSON())
        #expect(reread == table)
        #expect(reread.columns.map(\.type) == BigQueryType.allCases)
    }

    @Test func escapesStringsSoTheyReadBackUnchanged() throws {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{07} é 😀 \u{2028} / end"
        let table = TableDefinition(
            reference: TableReference(table: "t"),
            columns: [ColumnDefinition(name: "a", type: .string, description: text)],
            description: text)
        let json = table.tableResourceJSON()
        #expect(
            json.contains(#""description": "quote \" backslash \\ newline \n tab \t bell \u0007 é 😀 \u2028 / end""#))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(parsed["description"] as? String == text)
        #expect(try TableDefinition(tableResourceJSON: json) == table)
    }

    @Test func readsADocumentWithOtherKeyOrderSpacingAndApiExtras() throws {
        let json = """
            {"kind": "bigquery#table", "etag": "x", "numRows": "12",
             "clustering": {"fields": ["fuelType"]},
             "schema": {"fields": [{"type": "INT64", "name": "n"}, {"mode": "REQUIRED", "name": "fuelType", "type": "STRING"},
                                   {"name": "d", "type": "DATE"}]},
             "timePartitioning": {"field": "d", "type": "DAY", "expirationMs": 86400000, "requirePartitionFilter": true},
             "tableReference": {"tableId": "x", "datasetId": "ds"}}
            """
        let table = try TableDefinition(tableResourceJSON: json)
        let expected = try #require(
            try catalog(
                """
                CREATE TABLE ds.x (n INT64, fuelType STRING NOT NULL, d DATE) PARTITION BY d CLUSTER BY fuelType
                OPTIONS(partition_expiration_days = 1, require_partition_filter = TRUE)
                """
            ).table(named: "x"))
        #expect(table == expected)
    }

    /// Documents `init(tableResourceJSON:)` refuses, with text its message must contain.
    static let refusedDocuments: [(String, String)] = [
        ("not json", "not valid JSON"),
        ("[]", "top level is not an object"),
        (#"{"schema": {"fields": [{"name": "a", "type": "STRING"}]}}"#, "'tableReference.tableId' is missing"),
        (#"{"tableReference": {"tableId": 7}}"#, "'tableId' is not a string"),
        (#"{"tableReference": {"tableId": "t"}, "schema": {"fields": {}}}"#, "'fields' is not an array"),
        (#"{"tableReference": {"tableId": "t"}, "schema": {"fields": [{"type": "STRING"}]}}"#, "has no 'name'"),
        (
            #"{"tableReference": {"tableId": "t"}, "schema": {"fields": [{"name": "a", "type": "RECORD"}]}}"#,
            "type 'RECORD'"
        ),
        (
            #"{"tableReference": {"tableId": "t"}, "schema": {"fields": [{"name": "a", "type": "STRING", "mode": "REPEATED"}]}}"#,
            "mode 'REPEATED'"
        ),
        (
            #"{"tableReference": {"tableId": "t"}, "schema": {"fields": [{"name": "a", "type": "STRING", "maxLength": "9"}]}}"#,
            "'maxLength'"
        ),
        (
            #"{"tableReference": {"tableId": "t"}, "schema": {"fields": [{"name": "d", "type": "DATE"}]}, "timePartitioning": {"type": "HOUR", "field": "d"}}"#,
            "'HOUR' is not supported"
        ),
        (
            #"{"tableReference": {"tableId": "t"}, "schema": {"fields": [{"name": "d", "type": "DATE"}]}, "timePartitioning": {"type": "DAY"}}"#,
            "ingestion-time"
        ),
        (#"{"tableReference": {"tableId": "t"}, "rangePartitioning": {}}"#, "'rangePartitioning' is not supported"),
        (#"{"tableReference": {"tableId": "t"}, "tableConstraints": {"foreignKeys": []}}"#, "foreign keys"),
        (#"{"tableReference": {"tableId": "t"}, "labels": {"a": 1}}"#, "label 'a' is not a string"),
        (#"{"tableReference": {"tableId": "t"}, "requirePartitionFilter": "maybe"}"#, "is not true or false"),
        (
            #"{"tableReference": {"tableId": "t"}, "timePartitioning": {"field": "d", "expirationMs": "soon"}}"#,
            "'expirationMs' is not a whole number"
        ),
    ]

    @Test(arguments: refusedDocuments)
    func refusesDocumentsItCannotRepresent(json: String, detail: String) throws {
        let error = try #require(Self.readError(json))
        #expect(error.code == .invalidTableResource)
        #expect(error.message.contains(detail))
        #expect(error.description.hasPrefix("Schema/t.json: invalid table resource: "))
    }

    @Test func checksADocumentAsTheCatalogChecksATable() throws {
        let unknownKey = """
            {"tableReference": {"tableId": "t"}, "schema": {"fields": [{"name": "a", "type": "STRING"}]},
             "tableConstraints": {"primaryKey": {"columns": ["b"]}}}
            """
        #expect(Self.readError(unknownKey)?.code == .unknownColumn)
        let floatCluster = """
            {"tableReference": {"tableId": "t"}, "schema": {"fields": [{"name": "a", "type": "FLOAT"}]},
             "clustering": {"fields": ["a"]}}
            """
        #expect(Self.readError(floatCluster)?.code == .invalidDefinition)
    }

    /// The error reading `json` as `Schema/t.json` throws, or `nil` when it reads.
    static func readError(_ json: String) -> DDLError? {
        do {
            _ = try TableDefinition(tableResourceJSON: json, source: "Schema/t.json")
            return nil
        } catch {
            return error
        }
    }
}
