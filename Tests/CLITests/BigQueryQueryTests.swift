import Foundation
import TestSupport
import Testing

/// `bmrs query` in BigQuery's dialect: the default, typed printing, parameters, dry run, errors.
@Suite(.serialized) struct BigQueryQueryTests {
    let directory = TemporaryDirectory()
    var store: String { directory.file("store.sqlite") }

    func loaded() throws -> String {
        let load = try bmrs([
            "load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018-03-25.stream.json.gz"),
        ])
        #expect(load.status == 0, "\(load.stderr)")
        return store
    }

    @Test func speaksBigQueryByDefaultAndPrintsByType() throws {
        let store = try loaded()
        let csv = try bmrs([
            "query", "--store", store, "--format", "csv",
            "SELECT settlementDate, COUNT(DISTINCT settlementPeriod) AS periods, MIN(startTime) AS first, TRUE AS ok "
                + "FROM `uk_energy_insights.bmrs_fuelhh` GROUP BY settlementDate",
        ])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout == "settlementDate,periods,first,ok\n2018-03-25,46,2018-03-25 00:00:00 UTC,true\n")
        let json = try bmrs(["query", "--store", store, "--format", "json", "SELECT 1 AS a, NULL AS b, [1, 2] AS c"])
        #expect(json.stdout == "[{\"a\":\"1\",\"b\":null,\"c\":[1,2]}]\n")
        let pretty = try bmrs(["query", "--store", store, "--format", "pretty", "SELECT 'x' AS a, NULL AS b"])
        #expect(pretty.stdout == "+---+------+\n| a | b    |\n+---+------+\n| x | NULL |\n+---+------+\n")
    }

    @Test func takesParametersAsBqDoes() throws {
        let store = try loaded()
        let result = try bmrs([
            "query", "--store", store, "--format", "csv", "--parameter", "day:DATE:2018-03-25",
            "--parameter", "fuel::WIND",
            "SELECT COUNT(*) AS n FROM bmrs_fuelhh WHERE settlementDate = @day AND fuelType = @fuel",
        ])
        #expect(result.stdout == "n\n46\n", "\(result.stderr)")
    }

    @Test func dryRunPrintsBigQuerysSentenceAndTheBill() throws {
        let store = try loaded()
        let result = try bmrs([
            "query", "--store", store, "--dry-run",
            "SELECT settlementPeriod FROM bmrs_fuelhh WHERE settlementDate = '2018-03-25' LIMIT 3",
        ])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(
            lines.first
                == "Query successfully validated. Assuming the tables are not modified, running this query will process 11040 bytes of data."
        )
        #expect(lines.last?.contains("1 of 1 partitions") == true)
        #expect(lines.last?.contains("10485760 bytes billed") == true)
        #expect(result.stderr.contains("LIMIT does not reduce the bytes billed"))
    }

    @Test func currentDateIsTheStoresClockAndPrunes() throws {
        // "Query partitioned tables": a filter on a constant expression such as CURRENT_TIMESTAMP() prunes; the
        // store's clock is BMRS_NOW here (12:30 UTC is 13:30 in London, still 2018-03-25).
        let store = try loaded()
        let environment = ["BMRS_NOW": "2018-03-25T12:30:00Z"]
        let dry = try bmrs(
            [
                "query", "--store", store, "--dry-run",
                "SELECT settlementPeriod FROM bmrs_fuelhh WHERE settlementDate = CURRENT_DATE('Europe/London')",
            ], environment: environment)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("will process 11040 bytes of data."))
        #expect(!dry.stderr.contains("does not prune"))
        let run = try bmrs(
            [
                "query", "--store", store, "--format", "csv",
                "SELECT CURRENT_DATE() AS d, CURRENT_TIMESTAMP AS t, COUNT(*) AS n FROM bmrs_fuelhh "
                    + "WHERE settlementDate >= DATE_SUB(CURRENT_DATE, INTERVAL 1 DAY)",
            ], environment: environment)
        #expect(run.stdout == "d,t,n\n2018-03-25,2018-03-25 12:30:00 UTC,690\n", "\(run.stderr)")
    }

    @Test func rejectsSQLiteIsmsWithPositionsAndKeepsTheEscapeHatch() throws {
        let store = try loaded()
        let rejected = try bmrs(["query", "--store", store, "SELECT julianday('now')"])
        #expect(rejected.status == 1)
        #expect(rejected.stderr == "bmrs: error: Function not found: julianday at [1:8]\n")
        let division = try bmrs(["query", "--store", store, "SELECT 1 / 0"])
        #expect(division.stderr == "bmrs: error: division by zero: 1 / 0\n")
        let sqlite = try bmrs(["query", "--sqlite", "--store", store, "--format", "csv", "SELECT 5 / 2 AS q"])
        #expect(sqlite.stdout == "q\n2\n")
    }
}
