import Foundation
import Rows
import SQLite
import TestSupport
import Testing

@testable import Store

/// Loading real Elexon data: dedup, revisions, supersession, atomic failure.
@Suite struct LoadTests {
    let directory = TemporaryDirectory()
    var storePath: String { directory.file("store.sqlite") }
    static let fuelhh = Dataset.named("FUELHH")!
    static let fuelinst = Dataset.named("FUELINST")!

    func open() throws -> Warehouse { try Warehouse(path: storePath, access: .write) }

    func count(_ warehouse: Warehouse, _ sql: String) throws -> Int64 {
        var result: Int64 = -1
        try warehouse.query(sql: sql, columns: { _ in }, row: { row in result = row[0].integerValue ?? -1 })
        return result
    }

    @Test func loadsTheWholeYearDroppingTheDuplicatedTimestamps() throws {
        let store = try open()
        let summary = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018.json.zst"), source: "year",
            dataset: Self.fuelhh)
        #expect(summary.rowsRead == 264_015)
        #expect(summary.inserted == 262_095)
        #expect(summary.duplicates == 1_920)
        #expect(summary.revised == 0 && summary.superseded == 0 && summary.stale == 0)
        #expect(try count(store, "SELECT count(*) FROM bmrs_fuelhh") == 262_095)
        #expect(try count(store, "SELECT count(DISTINCT settlementDate) FROM bmrs_fuelhh") == 365)
        #expect(
            try count(
                store, "SELECT count(DISTINCT settlementPeriod) FROM bmrs_fuelhh WHERE settlementDate = '2018-03-25'")
                == 46)
        #expect(
            try count(
                store, "SELECT count(DISTINCT settlementPeriod) FROM bmrs_fuelhh WHERE settlementDate = '2018-10-28'")
                == 50)
        #expect(
            try count(store, "SELECT max(settlementPeriod) FROM bmrs_fuelhh WHERE settlementDate = '2018-10-28'") == 50)
        // Every duplicated timestamp kept exactly one row per key.
        #expect(
            try count(
                store,
                """
                SELECT count(*) FROM (SELECT settlementDate, settlementPeriod, fuelType FROM bmrs_fuelhh
                GROUP BY 1, 2, 3 HAVING count(*) > 1)
                """) == 0)
        let run = try store.database.rows(sql: "SELECT kind, rows_read, inserted, duplicates, status FROM _bmrs_runs")
        #expect(run == [[.text("load"), .integer(264_015), .integer(262_095), .integer(1_920), .text("ok")]])
    }

    @Test func loadingTheSameFileTwiceChangesNothing() throws {
        let body = try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv")
        do {
            let store = try open()
            _ = try store.load(body: body, source: "a", dataset: Self.fuelhh)
        }
        let partitionsBefore = try Warehouse(path: storePath, access: .read).partitions(
            of: Migration.schema(of: "bmrs_fuelhh"))
        let store = try open()
        let again = try store.load(body: body, source: "a", dataset: Self.fuelhh)
        #expect(again.rowsRead == 750)
        #expect(again.duplicates == 750)
        #expect(again.inserted == 0 && again.revised == 0 && again.changedDays.isEmpty)
        #expect(try store.partitions(of: Migration.schema(of: "bmrs_fuelhh")) == partitionsBefore)
    }

    @Test func restatedValuesReplaceTheOldAndAreRecordedAsRevisions() throws {
        let store = try open()
        let original = try String(contentsOfFile: TestSupport.fixture("FUELHH_2018-10-28.csv"), encoding: .utf8)
        _ = try store.load(body: Array(original.utf8), source: "original", dataset: Self.fuelhh)
        // Elexon restates CCGT in period 5 with a later publish time.
        let restated = """
            Dataset,PublishTime,StartTime,SettlementDate,SettlementPeriod,FuelType,Generation
            FUELHH,2018-10-29T09:00:00Z,2018-10-28T01:00:00Z,2018-10-28,5,CCGT,9999
            FUELHH,2018-10-29T09:00:00Z,2018-10-28T01:00:00Z,2018-10-28,5,WIND,\(try value(store, "WIND", 5))

            """
        let summary = try store.load(body: Array(restated.utf8), source: "restated", dataset: Self.fuelhh)
        #expect(summary.revised == 1)
        #expect(summary.duplicates == 0)
        // WIND was republished with the same value: a newer version, but no revision of the data.
        #expect(summary.superseded == 1)
        #expect(summary.stale == 0)
        #expect(try value(store, "CCGT", 5) == 9999)
        let revisions = try store.database.rows(
            sql: """
                SELECT key_json, old_json, new_json, new_publish_time FROM _bmrs_revisions WHERE new_json LIKE '%9999%'
                """)
        #expect(revisions.count == 1)
        #expect(
            revisions.first?[0] == .text(#"{"settlementDate":"2018-10-28","settlementPeriod":5,"fuelType":"CCGT"}"#))
        #expect(revisions.first?[2] == .text(#"{"generation":9999}"#))
        #expect(revisions.first?[3] == .text("2018-10-29T09:00:00Z"))
        // Loading the original again is now stale: the later publication stays.
        let old = try store.load(body: Array(original.utf8), source: "original", dataset: Self.fuelhh)
        #expect(try value(store, "CCGT", 5) == 9999)
        #expect(old.stale >= 1)
    }

    func value(_ store: Warehouse, _ fuel: String, _ period: Int) throws -> Int64 {
        try count(
            store,
            "SELECT generation FROM bmrs_fuelhh WHERE settlementDate = '2018-10-28' AND fuelType = '\(fuel)' AND settlementPeriod = \(period)"
        )
    }

    @Test func keepsTheLastFiveMinuteReadingOfEachFuelinstPeriod() throws {
        let store = try open()
        let first = try store.load(
            body: try TestSupport.fixtureBytes("FUELINST_20230507-20230514.json.zst"),
            source: "first", dataset: Self.fuelinst)
        #expect(first.rowsRead == 26_766)
        #expect(first.inserted + first.superseded + first.duplicates == first.rowsRead)
        #expect(first.superseded > 0)
        // The kept reading of each period is its latest startTime.
        #expect(
            try count(
                store,
                """
                SELECT count(*) FROM bmrs_fuelinst
                WHERE strftime('%M', startTime) NOT IN ('25', '55') AND settlementDate BETWEEN '2023-05-09' AND '2023-05-10'
                """) == 0)
        // The second file overlaps the first: re-delivered readings are duplicates or already superseded.
        let second = try store.load(
            body: try TestSupport.fixtureBytes("FUELINST_20230513-20230515.json.zst"),
            source: "second", dataset: Self.fuelinst)
        #expect(second.revised == 0)
        #expect(second.duplicates + second.stale + second.inserted + second.superseded == second.rowsRead)
        #expect(second.duplicates > 0)
        #expect(
            try count(
                store,
                """
                SELECT count(*) FROM (SELECT 1 FROM bmrs_fuelinst GROUP BY settlementDate, settlementPeriod, fuelType HAVING count(*) > 1)
                """) == 0)
    }

    @Test func aFailingFileLeavesTheStoreExactlyAsItWas() throws {
        do {
            let store = try open()
            _ = try store.load(
                body: try TestSupport.fixtureBytes("FUELHH_2018-01-01.json"), source: "ok", dataset: Self.fuelhh)
        }
        let before = try contentDigest(of: storePath)
        // A valid first half and a bad row at the end: nothing of the file may land.
        let good = try String(contentsOfFile: TestSupport.fixture("FUELHH_2018-10-28.csv"), encoding: .utf8)
        let bad = good + "FUELHH,2018-10-29T00:00:00Z,2018-10-28T23:00:00Z,2018-10-28,51,CCGT,1\n"
        do {
            let store = try open()
            #expect(throws: InputError.self) {
                _ = try store.load(body: Array(bad.utf8), source: "bad.csv", dataset: Self.fuelhh)
            }
        }
        #expect(try contentDigest(of: storePath) == before)
    }

    @Test func fuelTypesThatAppearLaterJoinTheSameTable() throws {
        let store = try open()
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELINST_20230507-20230514.json.zst"), source: "2023",
            dataset: Self.fuelinst)
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELINST_stream_2024-02-12T1750Z.json"), source: "2024",
            dataset: Self.fuelinst)
        var byDay: [String: Int64] = [:]
        try store.query(
            sql: """
                SELECT settlementDate, count(DISTINCT fuelType) FROM bmrs_fuelinst
                WHERE settlementDate IN ('2023-05-10', '2024-02-12') GROUP BY 1
                """, columns: { _ in }, row: { row in byDay[row[0].textValue ?? ""] = row[1].integerValue })
        #expect(byDay == ["2023-05-10": 18, "2024-02-12": 19])
        #expect(try count(store, "SELECT count(*) FROM bmrs_fuelinst WHERE fuelType = 'INTVKL'") == 1)
        #expect(
            try count(store, "SELECT count(*) FROM bmrs_fuelinst WHERE fuelType = 'INTVKL' AND generation = -790") == 1)
        // 2023 already had fuel types the 2018 legacy feed lacked.
        #expect(
            try count(
                store,
                "SELECT count(DISTINCT fuelType) FROM bmrs_fuelinst WHERE fuelType IN ('INTELEC', 'INTIFA2', 'INTNSL')")
                == 3)
    }
}
