import Foundation
import Hashing
import Rows
import SQLite
import TestSupport
import Testing
import Zstd

@testable import Store

/// What the store keeps beside the data: the response archive (bodies by hash, retention), free pages given
/// back after an ingest, the make-up report, and the upgrade of a store made by the layout-2 release.
@Suite struct FootprintTests {
    let directory = TemporaryDirectory()
    var storePath: String { directory.file("store.sqlite") }
    static let fuelhh = Dataset.named("FUELHH")!
    static let t0 = micros("2026-11-01")

    func response(_ body: String, status: Int = 200, at day: Int64 = 0) throws -> ArchivedResponse {
        try ArchivedResponse(
            url: "http://127.0.0.1:9/datasets/FUELHH", status: status, httpVersion: "1.1", seconds: 0.1,
            fetchedAt: Self.t0 + day * 86_400_000_000, body: Array(body.utf8))
    }

    @Test func theArchiveKeepsEachDistinctBodyOnceAndPrunesByAgeKeepingTheNewestGoodPerWindow() throws {
        let store = try Warehouse(path: storePath, access: .write)
        store.now = { Self.t0 }
        let a = ChunkWindow(start: 17532, end: 17538)
        let b = ChunkWindow(start: 17539, end: 17545)
        try store.write { try $0.archive(try response("x"), dataset: "FUELHH", window: a, run: 1) }
        try store.write { try $0.archive(try response("y", at: 1), dataset: "FUELHH", window: a, run: 2) }
        try store.write { try $0.archive(try response("y", at: 2), dataset: "FUELHH", window: a, run: 3) }
        try store.write {
            try $0.archive(try response("oops", status: 500, at: 3), dataset: "FUELHH", window: a, run: 4)
        }
        try store.write { try $0.archive(try response("w"), dataset: "FUELHH", window: b, run: 1) }
        func count(_ table: String) throws -> SQLiteValue? {
            try store.database.scalar(sql: "SELECT count(*) FROM \(table)")
        }
        #expect(try count("_bmrs_responses") == .integer(5))
        #expect(try count("_bmrs_bodies") == .integer(4), "y is kept once")
        // Within 30 days nothing goes.
        store.now = { Self.t0 + 20 * 86_400_000_000 }
        #expect(try store.compact(vacuum: false).archivePruned == ArchivePruneSummary())
        store.now = { Self.t0 + 40 * 86_400_000_000 }
        let pruned = try store.compact(vacuum: false).archivePruned
        #expect(pruned == ArchivePruneSummary(responses: 3, bodies: 2))
        #expect(try count("_bmrs_responses") == .integer(2))
        let kept = try store.ledger.archivedResponses(dataset: "FUELHH", days: 17532...17545)
        #expect(kept.map(\.window) == [a, b])
        #expect(try kept.map { String(decoding: try $0.response.body(), as: UTF8.self) } == ["y", "w"])
        #expect(kept.first?.response.fetchedAt == Self.t0 + 2 * 86_400_000_000)
    }

    @Test func anIngestsCompactionGivesTheFreePagesBackWithoutRewritingTheFile() throws {
        let store = try Warehouse(path: storePath, access: .write)
        #expect(try store.database.scalar(sql: "PRAGMA auto_vacuum") == .integer(2))
        // The last week of 2018 is inside the restatement window: hot.
        store.now = { micros("2019-01-01") + 3_600_000_000 }
        let year = try Zstd.decompress(try TestSupport.fixtureBytes("FUELHH_2018.json.zst"))
        _ = try store.load(body: year, source: "year", dataset: Self.fuelhh)
        #expect(try store.partitions(of: store.schema(named: "bmrs_fuelhh")).filter { $0.tier == .hot }.count == 7)
        let text = String(decoding: year, as: UTF8.self).replacingOccurrences(
            of: "\"publishTime\":\"2018-12-", with: "\"publishTime\":\"2019-01-"
        ).replacingOccurrences(of: "\"generation\":1", with: "\"generation\":2")
        let restated = try store.load(body: Array(text.utf8), source: "restated", dataset: Self.fuelhh)
        #expect(restated.revised > 1_000)
        // Two months on, the ingest's compaction seals the hot week, which frees the hot rows' pages.
        store.now = { micros("2019-03-01") + 3_600_000_000 }
        let summary = try store.compact(vacuum: false)
        #expect(summary.partitionsSealed == 7)
        #expect(summary.pagesReclaimed > 0)
        #expect(summary.fileBytesAfter < summary.fileBytesBefore)
        #expect(try store.database.scalar(sql: "PRAGMA freelist_count") == .integer(0))
        let makeup = try store.makeup()
        #expect(makeup.bytes[.free] == 0)
        #expect(makeup.revisions == restated.revised)
        let perRevision = try #require(makeup.bytesPerRevision)
        print("restated: \(makeup.revisions) revisions, \(perRevision) bytes each")
        #expect(perRevision <= 24)
    }

    /// The fixture: a store made by the layout-2 release (944aaf2) with two days of FUELHH ingested from the
    /// test server, restated twice (99 revisions, sealed days), an identical response archived twice, and a
    /// hot day with 2 revisions (see Tests/Fixtures/stores/README.md).
    func layout2Store() throws -> String {
        let path = directory.file("layout2.sqlite")
        let bytes = try Zstd.decompress(try TestSupport.fixtureBytes("stores/layout2.sqlite.zst"))
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    @Test func upgradesAStoreMadeByTheLayout2ReleaseKeepingEveryRowRevisionAndBody() throws {
        let path = try layout2Store()
        let old = try Database(path: path, mode: .readOnly)
        let revisionColumns =
            "table_name, partition_date, key_json, old_json, new_json, old_publish_time, new_publish_time, seen_utc, run_id"
        let revisions = try old.rows(sql: "SELECT \(revisionColumns) FROM _bmrs_revisions").map { "\($0)" }.sorted()
        let bodies = try old.rows(sql: "SELECT response_id, sha256, body FROM _bmrs_responses ORDER BY response_id")
        let partitions = try old.rows(sql: "SELECT table_id, day, tier, row_count, content_hash FROM _bmrs_partitions")
        let runs = try old.rows(sql: "SELECT * FROM _bmrs_runs ORDER BY run_id")
        let chunks = try old.rows(sql: "SELECT * FROM _bmrs_chunks ORDER BY 1, 2, 3")
        #expect(revisions.count == 101)
        #expect(bodies.count == 6)
        // Other commands refuse the old layout and say what to do.
        for access in [Warehouse.Access.read, .write] {
            #expect {
                _ = try Warehouse(path: path, access: access)
            } throws: { error in
                "\(error)".contains("run `bmrs migrate`")
            }
        }
        let store = try Warehouse(path: path, access: .migrate)
        #expect(try store.database.scalar(sql: "PRAGMA user_version") == .integer(3))
        #expect(try store.database.scalar(sql: "PRAGMA auto_vacuum") == .integer(2))
        var upgraded: [String] = []
        try store.query(
            sql: "SELECT \(revisionColumns) FROM _bmrs_revisions", columns: { _ in },
            row: { upgraded.append("\($0)") })
        #expect(upgraded.sorted() == revisions)
        #expect(
            try store.database.rows(sql: "SELECT sealed, count(*) FROM _bmrs_revisions GROUP BY 1 ORDER BY 1") == [
                [.integer(0), .integer(2)], [.integer(1), .integer(99)],
            ])
        #expect(
            try store.database.rows(
                sql: """
                    SELECT response_id, r.sha256, body FROM _bmrs_responses r JOIN _bmrs_bodies b USING (sha256)
                    ORDER BY response_id
                    """) == bodies)
        #expect(try store.database.scalar(sql: "SELECT count(*) FROM _bmrs_bodies") == .integer(5))
        for (_, response) in try store.ledger.archivedResponses(dataset: "FUELHH", days: 17532...17533) {
            _ = try response.body()
        }
        #expect(
            try store.database.rows(sql: "SELECT table_id, day, tier, row_count, content_hash FROM _bmrs_partitions")
                == partitions)
        #expect(try store.database.rows(sql: "SELECT * FROM _bmrs_runs ORDER BY run_id") == runs)
        #expect(try store.database.rows(sql: "SELECT * FROM _bmrs_chunks ORDER BY 1, 2, 3") == chunks)
        var count: [SQLiteValue] = []
        try store.query(sql: "SELECT count(*) FROM bmrs_fuelhh", columns: { _ in }, row: { count = $0 })
        #expect(count == [.integer(1443)])
        #expect(try store.verify().problems.isEmpty)
        // And it is a layout-3 store from now on: it opens for writing.
        _ = try Warehouse(path: path + "-copy", access: .write)
    }

    @Test func migrateFinishesTheSwitchToIncrementalAutoVacuumIfAnEarlierUpgradeCouldNot() throws {
        do { _ = try Warehouse(path: storePath, access: .write) }
        // As if the upgrade's VACUUM had failed (a full disk) after layout 3 was committed.
        try Database(path: storePath).execute(sql: "PRAGMA auto_vacuum = NONE; VACUUM")
        do {
            let writer = try Warehouse(path: storePath, access: .write)
            #expect(try writer.database.scalar(sql: "PRAGMA auto_vacuum") == .integer(0))
        }
        let migrated = try Warehouse(path: storePath, access: .migrate)
        #expect(try migrated.database.scalar(sql: "PRAGMA auto_vacuum") == .integer(2))
    }

    @Test func partitionsSummaryReportsTheMakeUpOfTheFile() throws {
        let path = try layout2Store()
        #expect(try bmrs(["migrate", "--store", path]).status == 0)
        let json = try bmrs(["partitions", "--store", path, "--summary", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let parts = try #require(object["parts"] as? [String: [String: Any]])
        #expect(Set(parts.keys) == ["data", "revisions", "archive", "bookkeeping", "free"])
        let bytes = parts.values.compactMap { $0["bytes"] as? Int }
        let file = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let store = try Warehouse(path: path, access: .read)
        let pages = try #require(try store.database.scalar(sql: "PRAGMA page_count")?.integerValue)
        #expect(bytes.reduce(0, +) == Int(pages) * 4096)
        #expect(file <= Int(pages) * 4096)
        for part in ["data", "revisions", "archive", "bookkeeping"] {
            #expect((parts[part]?["bytes"] as? Int ?? 0) > 0, "\(part)")
        }
        #expect(object["revisions"] as? Int == 101)
        #expect(object["responses"] as? Int == 6)
        #expect(object["bodies"] as? Int == 5)
        let text = try bmrs(["partitions", "--store", path, "--summary"])
        #expect(text.stdout.contains("101 revisions"))
        #expect(text.stdout.contains("6 responses, 5 distinct bodies"))
    }
}
