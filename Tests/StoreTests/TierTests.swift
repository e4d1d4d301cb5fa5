import Foundation
import Rows
import SQLite
import TestSupport
import Testing

@testable import Store

/// Hot and sealed partitions, compaction and partition pruning.
@Suite struct TierTests {
    let directory = TemporaryDirectory()
    var storePath: String { directory.file("store.sqlite") }
    static let fuelhh = Dataset.named("FUELHH")!

    func open(today: String = "2026-11-29") throws -> Warehouse { try openStore(storePath, today: today) }

    func tiers(_ store: Warehouse) throws -> [String: PartitionInfo.Tier] {
        Dictionary(
            uniqueKeysWithValues: try store.partitions(of: store.schema(named: "bmrs_fuelhh")).map {
                ($0.date, $0.tier)
            })
    }

    func rows(_ store: Warehouse, _ sql: String) throws -> [[SQLiteValue]] { try queryRows(store, sql) }

    @Test func keepsRecentDaysHotAndSealsOlderNewDaysAtOnce() throws {
        let store = try open(today: "2018-10-30")
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv"), source: "recent", dataset: Self.fuelhh)
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-01-01.json"), source: "old", dataset: Self.fuelhh)
        #expect(try tiers(store) == ["2018-10-28": .hot, "2018-01-01": .sealed])
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM _bmrs_hot_bmrs_fuelhh") == .integer(750))
        // The virtual table reads both tiers.
        #expect(try rows(store, "SELECT count(*) FROM bmrs_fuelhh") == [[.integer(1470)]])
    }

    @Test func compactSealsHotDaysOlderThanTheWindowAndLeavesNoFreePages() throws {
        let store = try open(today: "2018-10-30")
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv"), source: "recent", dataset: Self.fuelhh)
        let before = try rows(store, "SELECT * FROM bmrs_fuelhh ORDER BY fuelType, settlementPeriod")
        let hashBefore = try store.partitions(of: store.schema(named: "bmrs_fuelhh")).map(\.contentHash)
        let none = try store.compact()
        #expect(none.partitionsSealed == 0)
        let summary = try store.compact(olderThanDays: 1)
        #expect(summary.partitionsSealed == 1 && summary.rowsSealed == 750)
        #expect(summary.storedBytes > 0 && summary.storedBytes < summary.rawBytes)
        #expect(try tiers(store) == ["2018-10-28": .sealed])
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM _bmrs_hot_bmrs_fuelhh") == .integer(0))
        #expect(try store.database.scalar(sql: "PRAGMA freelist_count") == .integer(0))
        // Same rows, same content hash, whichever tier.
        #expect(try rows(store, "SELECT * FROM bmrs_fuelhh ORDER BY fuelType, settlementPeriod") == before)
        #expect(try store.partitions(of: store.schema(named: "bmrs_fuelhh")).map(\.contentHash) == hashBefore)
    }

    static let restatedCCGT = """
        Dataset,PublishTime,StartTime,SettlementDate,SettlementPeriod,FuelType,Generation
        FUELHH,2018-11-02T09:00:00Z,2018-10-28T01:00:00Z,2018-10-28,5,CCGT,1234

        """

    @Test func writingIntoASealedDayInsideTheWindowUnsealsItAndCompactSealsItAgain() throws {
        let store = try open(today: "2018-10-30")
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv"), source: "old", dataset: Self.fuelhh)
        _ = try store.compact(olderThanDays: 0)
        #expect(try tiers(store) == ["2018-10-28": .sealed])
        let summary = try store.load(body: Array(Self.restatedCCGT.utf8), source: "restated", dataset: Self.fuelhh)
        #expect(summary.revised == 1)
        #expect(try tiers(store) == ["2018-10-28": .hot])
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM _bmrs_hot_bmrs_fuelhh") == .integer(750))
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM _bmrs_blobs") == .integer(0))
        #expect(try rows(store, "SELECT count(*), sum(sealed) FROM _bmrs_revisions") == [[.integer(1), .integer(0)]])
        #expect(
            try rows(
                store,
                "SELECT generation FROM bmrs_fuelhh WHERE settlementDate = '2018-10-28' AND settlementPeriod = 5 AND fuelType = 'CCGT'"
            ) == [[.integer(1234)]])
        _ = try store.compact(olderThanDays: 0)
        #expect(try tiers(store) == ["2018-10-28": .sealed])
        #expect(try rows(store, "SELECT count(*), sum(sealed) FROM _bmrs_revisions") == [[.integer(1), .integer(1)]])
        try expectRestatedCCGT(store)
    }

    @Test func writingIntoASealedDayOutsideTheWindowResealsItInPlaceWithItsRevisions() throws {
        let store = try open()
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv"), source: "old", dataset: Self.fuelhh)
        #expect(try tiers(store) == ["2018-10-28": .sealed])
        let summary = try store.load(body: Array(Self.restatedCCGT.utf8), source: "restated", dataset: Self.fuelhh)
        #expect(summary.revised == 1)
        #expect(try tiers(store) == ["2018-10-28": .sealed])
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM _bmrs_hot_bmrs_fuelhh") == .integer(0))
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM _bmrs_blobs") == .integer(1))
        #expect(
            try rows(store, "SELECT key_json, old_json, new_json, sealed FROM _bmrs_revisions") == [
                [
                    .text(#"{"settlementDate":"2018-10-28","settlementPeriod":5,"fuelType":"CCGT"}"#),
                    .text(#"{"generation":6750}"#), .text(#"{"generation":1234}"#), .integer(1),
                ]
            ])
        try expectRestatedCCGT(store)
    }

    func expectRestatedCCGT(_ store: Warehouse) throws {
        #expect(
            try rows(store, "SELECT count(*), sum(generation = 1234) FROM bmrs_fuelhh") == [
                [.integer(750), .integer(1)]
            ])
        #expect(try store.verify().problems.isEmpty)
    }

    @Test func aDuplicateOnlyLoadLeavesASealedDaySealed() throws {
        let store = try open()
        let body = try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv")
        _ = try store.load(body: body, source: "a", dataset: Self.fuelhh)
        _ = try store.load(body: body, source: "a", dataset: Self.fuelhh)
        #expect(try tiers(store) == ["2018-10-28": .sealed])
    }

    @Test func prunesPartitionsFromConstraintsOnTheSettlementDate() throws {
        let store = try open()
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018.json.zst"), source: "year", dataset: Self.fuelhh)
        let cases: [(String, Int, Int64)] = [
            ("settlementDate = '2018-03-25'", 1, 690),
            ("settlementDate BETWEEN '2018-10-27' AND '2018-10-29'", 3, 720 + 750 + 720),
            ("settlementDate IN ('2018-03-25', '2018-10-28', '2019-01-01')", 2, 690 + 750),
            ("settlementDate >= '2018-12-30'", 2, 720 + 15),
            ("settlementDate < '2018-01-03'", 2, 1440),
            ("settlementDate > '2018-12-30' AND settlementDate <= '2018-12-31'", 1, 15),
            ("fuelType = 'WIND'", 365, 17_473),
            ("settlementDate = '2017-01-01'", 0, 0),
        ]
        for (condition, partitions, count) in cases {
            let result = try rows(store, "SELECT count(*) FROM bmrs_fuelhh WHERE \(condition)")
            #expect(result == [[.integer(count)]], "\(condition)")
            #expect(store.scanStatistics.partitionsRead == partitions, "\(condition)")
        }
        // A constraint the planner cannot use for pruning still gives the right answer.
        let computed = try rows(
            store, "SELECT count(*) FROM bmrs_fuelhh WHERE settlementDate = date('2018-03-24', '+1 day')")
        #expect(computed == [[.integer(690)]])
    }

    @Test func aQueryReadsOnlyTheColumnsItNeedsYetReturnsEveryColumnWhenAsked() throws {
        let store = try open()
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-01-01.json"), source: "day", dataset: Self.fuelhh)
        let all = try rows(store, "SELECT * FROM bmrs_fuelhh WHERE fuelType = 'CCGT' AND settlementPeriod = 1")
        #expect(all.count == 1)
        let row = try #require(all.first)
        #expect(row[0] == .text("2018-01-01"))
        #expect(row[1] == .integer(1))
        #expect(row[2] == .text("CCGT"))
        #expect(row[3] == .integer(5361))
        #expect(row[4] == .text("2018-01-01 00:30:00"))
        #expect(row[5] == .text("2018-01-01 00:00:00"))
        #expect(
            try rows(store, "SELECT sum(generation) FROM bmrs_fuelhh")
                == rows(store, "SELECT sum(g) FROM (SELECT generation AS g, fuelType FROM bmrs_fuelhh)"))
    }

    @Test func recordsWhatBigQueryWouldCountForEachPartitionInEitherTier() throws {
        let store = try open(today: "2018-10-30")
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv"), source: "recent", dataset: Self.fuelhh)
        let schema = try store.schema(named: "bmrs_fuelhh")
        let hot = try #require(store.partitions(of: schema).first)
        let fuelTypeBytes = try rows(store, "SELECT sum(2 + length(fuelType)) FROM bmrs_fuelhh")[0][0].integerValue
        #expect(hot.logicalBytes["fuelType"].map(Int64.init) == fuelTypeBytes)
        for column in ["settlementDate", "settlementPeriod", "generation", "publishTime", "startTime", "_ingested_utc"]
        {
            #expect(hot.logicalBytes[column] == 750 * 8, "\(column)")
        }
        _ = try store.compact(olderThanDays: 0)
        let sealed = try #require(store.partitions(of: schema).first)
        #expect(sealed.tier == .sealed)
        #expect(sealed.logicalBytes == hot.logicalBytes)
        #expect(try store.verify().problems.isEmpty)
    }
}
