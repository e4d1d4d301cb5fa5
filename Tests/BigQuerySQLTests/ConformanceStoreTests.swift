import BigQuerySQL
import TestSupport
import Testing

/// Queries over real FUELHH data: names, the report's own queries, clock-change days.
///
/// Facts from Tests/Fixtures/manifest.json: 2018-01-01 has 720 rows (15 fuel types × 48 periods),
/// 2018-03-25 has 690 (× 46, the spring clock change), 2018-10-28 has 750 (× 50, the autumn one) and
/// starts at 2018-10-27T23:00:00Z (midnight BST).
@Suite struct ConformanceStoreTests {
    let fixture = QueryFixture.shared

    @Test(arguments: [
        "`uk_energy_insights.bmrs_fuelhh`", "`my-project.uk_energy_insights.bmrs_fuelhh`",
        "`my-project`.uk_energy_insights.bmrs_fuelhh", "`my-project.uk_energy_insights`.bmrs_fuelhh",
        "uk_energy_insights.bmrs_fuelhh", "bmrs_fuelhh", "`uk_energy_insights`.`bmrs_fuelhh`",
    ])
    func resolvesEveryQuotingOfATableName(name: String) throws {
        #expect(try fixture.row("SELECT COUNT(*) FROM \(name)") == ["2160"])
    }

    @Test func findsMissingPeriodsAsTheReportDoes() throws {
        let sql = """
            -- days with missing settlement periods
            SELECT settlementDate, COUNT(DISTINCT settlementPeriod) AS periods
            FROM `uk_energy_insights.bmrs_fuelhh`
            GROUP BY settlementDate
            HAVING periods < 48
            ORDER BY settlementDate
            """
        #expect(try fixture.rows(sql) == [["2018-03-25", "46"]])
    }

    @Test func findsCorruptRecordsAsTheReportDoes() throws {
        let sql = """
            SELECT settlementDate, settlementPeriod, fuelType, COUNT(*) AS copies
            FROM uk_energy_insights.bmrs_fuelhh
            WHERE generation IS NULL OR generation < 0 OR settlementPeriod NOT BETWEEN 1 AND 50
            GROUP BY 1, 2, 3
            HAVING copies >= 1
            ORDER BY 1, 2, 3
            """
        let rows = try fixture.rows(sql)
        #expect(rows.allSatisfy { $0[3] == "1" })
    }

    @Test func countsPeriodsOnClockChangeDays() throws {
        #expect(
            try fixture.rows(
                "SELECT settlementDate, COUNT(*), MAX(settlementPeriod), COUNT(DISTINCT fuelType) FROM bmrs_fuelhh "
                    + "GROUP BY settlementDate ORDER BY settlementDate")
                == [
                    ["2018-01-01", "720", "48", "15"], ["2018-03-25", "690", "46", "15"],
                    ["2018-10-28", "750", "50", "15"],
                ])
        #expect(
            try fixture.row(
                "SELECT MIN(startTime), MAX(settlementdate) FROM bmrs_fuelhh WHERE settlementDate = '2018-10-28'")
                == ["2018-10-27 23:00:00 UTC", "2018-10-28"])
    }

    @Test func truncatesDatesToMonthsWithoutFunctions() throws {
        #expect(
            try fixture.rows(
                "SELECT DATE_TRUNC(settlementDate, MONTH) AS month, EXTRACT(YEAR FROM settlementDate) AS y, COUNT(*) "
                    + "FROM bmrs_fuelhh GROUP BY month, y ORDER BY month")
                == [["2018-01-01", "2018", "720"], ["2018-03-01", "2018", "690"], ["2018-10-01", "2018", "750"]])
    }

    @Test(.enabled(if: QueryFixture.has("bq_date_from_timestamp") && QueryFixture.has("bq_timestamp_trunc")))
    func countsLocalDaysInEuropeLondon() throws {
        // Europe/London: 2018-10-28 has 25 hours (50 half hours), local midnight is 23:00 UTC the day before.
        #expect(
            try fixture.rows(
                "SELECT DATE(startTime, 'Europe/London') AS d, COUNT(DISTINCT startTime) FROM bmrs_fuelhh "
                    + "WHERE settlementDate = '2018-10-28' GROUP BY d")
                == [["2018-10-28", "50"]])
        #expect(
            try fixture.row("SELECT TIMESTAMP_TRUNC(TIMESTAMP '2018-10-28 12:00:00', DAY, 'Europe/London')")
                == ["2018-10-27 23:00:00 UTC"])
    }

    @Test(.enabled(if: QueryFixture.has("bq_extract_date") && QueryFixture.has("bq_date_trunc")))
    func numbersWeekdaysAndWeeksAsBigQuery() throws {
        // BigQuery "Date functions": DAYOFWEEK 1 = Sunday; WEEK truncates to Sunday, ISOWEEK to Monday;
        // 2018-12-31 is in ISO week 1 of 2019.
        #expect(
            try fixture.row(
                "SELECT EXTRACT(DAYOFWEEK FROM DATE '2018-06-21'), DATE_TRUNC(DATE '2018-06-21', WEEK), "
                    + "DATE_TRUNC(DATE '2018-06-21', ISOWEEK), EXTRACT(ISOWEEK FROM DATE '2018-12-31'), "
                    + "EXTRACT(ISOYEAR FROM DATE '2018-12-31')")
                == ["5", "2018-06-17", "2018-06-18", "1", "2019"])
    }

    @Test func answersInformationSchema() throws {
        #expect(
            try fixture.rows("SELECT table_name FROM uk_energy_insights.INFORMATION_SCHEMA.TABLES ORDER BY 1")
                == [["bmrs_fuelhh"], ["bmrs_fuelinst"]])
        #expect(
            try fixture.rows(
                "SELECT column_name, data_type, is_partitioning_column, clustering_ordinal_position "
                    + "FROM `uk_energy_insights`.INFORMATION_SCHEMA.COLUMNS WHERE table_name = 'bmrs_fuelhh' "
                    + "AND ordinal_position <= 3 ORDER BY ordinal_position")
                == [
                    ["settlementDate", "DATE", "YES", nil], ["settlementPeriod", "INT64", "NO", nil],
                    ["fuelType", "STRING", "NO", "1"],
                ])
        #expect(
            try fixture.rows(
                "SELECT partition_id, total_rows FROM uk_energy_insights.INFORMATION_SCHEMA.PARTITIONS "
                    + "WHERE table_name = 'bmrs_fuelhh' ORDER BY 1")
                == [["20180101", "720"], ["20180325", "690"], ["20181028", "750"]])
    }
}
