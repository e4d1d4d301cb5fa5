import BigQueryDDL
import Foundation
import Testing

/// The first bmrs migration, end to end: DDL → catalog → table-resource JSON → back.
@Suite struct ExampleMigrationTests {
    static let migration = """
        -- FUELINST: generation by fuel type, instantaneous (5-minute readings), last reading of each period kept.
        CREATE TABLE IF NOT EXISTS `uk_energy_insights.bmrs_fuelinst` (
          settlementDate DATE NOT NULL OPTIONS(description = "Settlement date (Europe/London trading day)"),
          settlementPeriod INT64 NOT NULL OPTIONS(description = "Settlement period, 1..46/48/50"),
          fuelType STRING NOT NULL OPTIONS(description = "Fuel type code, e.g. CCGT, WIND, INTFR"),
          generation INT64 OPTIONS(description = "Generation in MW"),
          publishTime TIMESTAMP OPTIONS(description = "When Elexon published this value"),
          startTime TIMESTAMP OPTIONS(description = "Start of the reading's interval"),
          _ingested_utc TIMESTAMP OPTIONS(description = "When bmrs stored this version"),
          PRIMARY KEY (settlementDate, settlementPeriod, fuelType) NOT ENFORCED
        )
        PARTITION BY settlementDate
        CLUSTER BY fuelType
        OPTIONS(description = "...");
        """

    static let expectedJSON = """
        {
          "tableReference": {
            "datasetId": "uk_energy_insights",
            "tableId": "bmrs_fuelinst"
          },
          "description": "...",
          "schema": {
            "fields": [
              {
                "name": "settlementDate",
                "type": "DATE",
                "mode": "REQUIRED",
                "description": "Settlement date (Europe/London trading day)"
              },
              {
                "name": "settlementPeriod",
                "type": "INTEGER",
                "mode": "REQUIRED",
                "description": "Settlement period, 1..46/48/50"
              },
              {
                "name": "fuelType",
                "type": "STRING",
                "mode": "REQUIRED",
                "description": "Fuel type code, e.g. CCGT, WIND, INTFR"
              },
              {
                "name": "generation",
                "type": "INTEGER",
                "mode": "NULLABLE",
                "description": "Generation in MW"
              },
              {
                "name": "publishTime",
                "type": "TIMESTAMP",
                "mode": "NULLABLE",
                "description": "When Elexon published this value"
              },
              {
                "name": "startTime",
                "type": "TIMESTAMP",
                "mode": "NULLABLE",
                "description": "Start of the reading's interval"
              },
              {
                "name": "_ingested_utc",
                "type": "TIMESTAMP",
                "mode": "NULLABLE",
                "description": "When bmrs stored this version"
              }
            ]
          },
          "timePartitioning": {
            "type": "DAY",
            "field": "settlementDate"
          },
          "clustering": {
            "fields": [
              "fuelType"
            ]
          },
          "tableConstraints": {
            "primaryKey": {
              "columns": [
                "settlementDate",
                "settlementPeriod",
                "fuelType"
              ]
            }
          }
        }

        """

    @Test func parsesTheFirstMigrationIntoOneCreateTable() throws {
        let statement = try parseOne(Self.migration)
        guard case .createTable(let table, let ifNotExists) = statement else {
            Issue.record("expected CREATE TABLE, got \(statement)")
            return
        }
        #expect(ifNotExists)
        #expect(table.reference == TableReference(dataset: "uk_energy_insights", table: "bmrs_fuelinst"))
        #expect(
            table.columns.map(\.name) == [
                "settlementDate", "settlementPeriod", "fuelType", "generation", "publishTime", "startTime",
                "_ingested_utc",
            ])
        #expect(table.columns.map(\.type) == [.date, .int64, .string, .int64, .timestamp, .timestamp, .timestamp])
        #expect(table.columns.map(\.isRequired) == [true, true, true, false, false, false, false])
        #expect(table.columns[0].description == "Settlement date (Europe/London trading day)")
        #expect(table.columns[5].description == "Start of the reading's interval")
        #expect(table.primaryKey == ["settlementDate", "settlementPeriod", "fuelType"])
        #expect(table.partitionColumn == "settlementDate")
        #expect(table.partitionGranularity == .day)
        #expect(table.clusterColumns == ["fuelType"])
        #expect(table.description == "...")
        #expect(table.labels.isEmpty)
        #expect(table.partitionExpirationMs == nil)
        #expect(table.requirePartitionFilter == false)
    }

    @Test func writesTheFirstMigrationAsTheExpectedTableResource() throws {
        let table = try #require(try catalog(Self.migration).table(named: "bmrs_fuelinst"))
        #expect(table.tableResourceJSON() == Self.expectedJSON)
    }

    @Test func tableResourceOfTheFirstMigrationReadsBackAsTheSameTable() throws {
        let table = try #require(try catalog(Self.migration).table(named: "uk_energy_insights.bmrs_fuelinst"))
        let reread = try TableDefinition(tableResourceJSON: table.tableResourceJSON())
        #expect(reread == table)
        #expect(reread.tableResourceJSON() == table.tableResourceJSON())
    }

    @Test func tableResourceIsValidJSONWithTheSameContent() throws {
        let table = try #require(try catalog(Self.migration).table(named: "bmrs_fuelinst"))
        let produced = try JSONSerialization.jsonObject(with: Data(table.tableResourceJSON().utf8)) as? NSDictionary
        let expected = try JSONSerialization.jsonObject(with: Data(Self.expectedJSON.utf8)) as? NSDictionary
        #expect(produced != nil)
        #expect(produced == expected)
    }

    @Test func tableResourceNamesTheProjectOnlyWhenKnown() throws {
        let table = try #require(try catalog(Self.migration).table(named: "bmrs_fuelinst"))
        #expect(!table.tableResourceJSON().contains("projectId"))
        let withProject = table.tableResourceJSON(project: "my-project")
        #expect(withProject.hasPrefix("{\n  \"tableReference\": {\n    \"projectId\": \"my-project\",\n"))
        let reread = try TableDefinition(tableResourceJSON: withProject)
        #expect(reread.reference.project == "my-project")
        #expect(reread.reference.table == "bmrs_fuelinst")
    }

    @Test func applyingTheFirstMigrationTwiceIsANoOpThanksToIfNotExists() throws {
        var catalog = try catalog(Self.migration)
        let before = catalog
        try catalog.apply(sql: Self.migration, source: "0001_fuelinst.sql")
        #expect(catalog == before)
        #expect(catalog.tables.count == 1)
    }
}
