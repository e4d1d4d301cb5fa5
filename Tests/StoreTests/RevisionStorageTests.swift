import Foundation
import Rows
import SQLite
import TestSupport
import Testing
import Zstd

@testable import Store

/// Revisions kept compact: plain rows while their day is hot, one zstd record sealed with the day, and the
/// `_bmrs_revisions` virtual table over both.
@Suite struct RevisionStorageTests {
    let directory = TemporaryDirectory()
    var storePath: String { directory.file("store.sqlite") }
    static let fuelhh = Dataset.named("FUELHH")!

    func open(today: String = "2026-11-29") throws -> Warehouse { try openStore(storePath, today: today) }

    func rows(_ store: Warehouse, _ sql: String) throws -> [[SQLiteValue]] { try queryRows(store, sql) }

    /// The 2018-10-28 fixture with `delta` added to the generation of the rows `where` selects, republished.
    static func restated(delta: Int, publish: String, where keep: (String) -> Bool = { _ in true }) throws -> [UInt8] {
        let text = String(decoding: try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv"), as: UTF8.self)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        let restated = lines.filter(keep).map { line -> String in
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[1] = publish
            fields[6] = String((Int(fields[6]) ?? 0) + delta)
            return fields.joined(separator: ",")
        }
        return Array(([header] + restated).joined(separator: "\n").utf8) + [0x0A]
    }

    static let revisionColumns =
        "table_name, partition_date, key_json, old_json, new_json, old_publish_time, new_publish_time, seen_utc, run_id"

    @Test func aRestatedOldDayKeepsItsRevisionsSealedWithItInAFewBytesEach() throws {
        let store = try open()
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv"), source: "day", dataset: Self.fuelhh)
        let summary = try store.load(
            body: try Self.restated(delta: 1, publish: "2018-11-02T09:00:00Z"), source: "restated",
            dataset: Self.fuelhh)
        #expect(summary.revised == 750)
        #expect(
            try rows(store, "SELECT count(*), sum(sealed) FROM _bmrs_revisions") == [[.integer(750), .integer(750)]])
        #expect(
            try rows(
                store,
                """
                SELECT key_json, old_json, new_json, old_publish_time, new_publish_time FROM _bmrs_revisions
                WHERE partition_date = '2018-10-28' AND key_json LIKE '%"settlementPeriod":1,"fuelType":"CCGT"%'
                """) == [
                    [
                        .text(#"{"settlementDate":"2018-10-28","settlementPeriod":1,"fuelType":"CCGT"}"#),
                        .text(#"{"generation":7204}"#), .text(#"{"generation":7205}"#),
                        .text("2018-10-27T23:30:00Z"), .text("2018-11-02T09:00:00Z"),
                    ]
                ])
        #expect(
            try rows(store, "SELECT count(*) FROM _bmrs_revisions WHERE partition_date = '2018-10-27'")[0] == [
                .integer(0)
            ])
        #expect(
            try rows(store, "SELECT count(*) FROM _bmrs_revisions WHERE table_name = 'bmrs_fuelinst'")[0] == [
                .integer(0)
            ])
        #expect(try store.revisedDays() == [RevisedDay(table: "bmrs_fuelhh", day: 17832, revisions: 750)])
        // The sealed record: 750 revisions in a few hundred bytes.
        let record = try #require(
            try store.database.scalar(sql: "SELECT length(data) FROM _bmrs_revision_days")?.integerValue)
        print("sealed revisions of 2018-10-28: \(record) bytes for 750 = \(Double(record) / 750) bytes each")
        #expect(record <= 8 * 750)
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM _bmrs_revisions_hot") == .integer(0))
    }

    @Test func hotRevisionsStayPlainRowsUntilTheirDayIsSealedAndReadTheSameAfter() throws {
        let store = try open(today: "2018-10-30")
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv"), source: "day", dataset: Self.fuelhh)
        _ = try store.load(
            body: try Self.restated(delta: 5, publish: "2018-10-29T09:00:00Z") { $0.contains(",WIND,") },
            source: "wind", dataset: Self.fuelhh)
        let query = "SELECT \(Self.revisionColumns) FROM _bmrs_revisions ORDER BY key_json, seen_utc"
        let hot = try rows(store, query)
        #expect(hot.count == 50)
        #expect(try rows(store, "SELECT sum(sealed) FROM _bmrs_revisions") == [[.integer(0)]])
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM _bmrs_revisions_hot") == .integer(50))
        _ = try store.compact(olderThanDays: 0)
        #expect(try rows(store, query) == hot)
        #expect(try rows(store, "SELECT sum(sealed) FROM _bmrs_revisions") == [[.integer(50)]])
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM _bmrs_revisions_hot") == .integer(0))
        // A later restatement unseals the day (inside the window): old revisions stay sealed, the new one is hot.
        _ = try store.load(
            body: try Self.restated(delta: 9, publish: "2018-10-30T09:00:00Z") { $0.contains(",1,CCGT,") },
            source: "ccgt", dataset: Self.fuelhh)
        #expect(try rows(store, "SELECT count(*), sum(sealed) FROM _bmrs_revisions") == [[.integer(51), .integer(50)]])
        let both = try rows(store, query)
        _ = try store.compact(olderThanDays: 0)
        #expect(try rows(store, query) == both)
        #expect(try rows(store, "SELECT count(*), sum(sealed) FROM _bmrs_revisions") == [[.integer(51), .integer(51)]])
        #expect(try store.verify().problems.isEmpty)
    }

    @Test func aCorruptRevisionRecordIsAnErrorNotACrash() throws {
        let store = try open()
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv"), source: "day", dataset: Self.fuelhh)
        _ = try store.load(
            body: try Self.restated(delta: 3, publish: "2018-11-02T09:00:00Z") { $0.hasSuffix("0") },
            source: "some", dataset: Self.fuelhh)
        let blob = try #require(try store.database.rows(sql: "SELECT data FROM _bmrs_revision_days").first?.first)
        guard case .blob(let sealed) = blob else { throw TestFailure("no sealed revisions") }
        let raw = try Zstd.decompress(sealed)
        var generator = SeededGenerator.fromEnvironment(test: "aCorruptRevisionRecordIsAnErrorNotACrash")
        var errors = 0
        for round in 0..<300 {
            var mangled = raw
            if round % 3 == 0 {
                mangled.removeLast(Int.random(in: 1...mangled.count, using: &generator))
            } else {
                for _ in 0...Int.random(in: 0...4, using: &generator) {
                    mangled[Int.random(in: 0..<mangled.count, using: &generator)] = UInt8.random(
                        in: 0...255, using: &generator)
                }
            }
            let data: [UInt8] = round % 10 == 9 ? mangled : try Zstd.compress(mangled, level: 1)
            try store.database.execute(sql: "UPDATE _bmrs_revision_days SET data = x'\(hex(data))'")
            do {
                _ = try rows(store, "SELECT \(Self.revisionColumns) FROM _bmrs_revisions")
            } catch {
                errors += 1
            }
        }
        #expect(errors > 0)
    }

    func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
