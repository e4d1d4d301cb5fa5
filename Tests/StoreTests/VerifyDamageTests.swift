import Foundation
import Hashing
import Rows
import SQLite
import Store
import TestSupport
import Testing

/// `verify` finds every kind of damage done to a real store file behind its back (issue 6, defect 2).
@Suite struct VerifyDamageTests {
    let directory = TemporaryDirectory()
    var storePath: String { directory.file("store.sqlite") }
    static let fuelhh = Dataset.named("FUELHH")!

    /// Loads two FUELHH days; with `hotDay` the clock makes 2018-10-28 recent, so that day stays hot.
    func makeStore(hotDay: Bool = false) throws {
        let store = try Warehouse(path: storePath, access: .write)
        if hotDay { store.now = { micros("2018-10-30") } }
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv"), source: "a", dataset: Self.fuelhh)
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-01-01.json"), source: "b", dataset: Self.fuelhh)
    }

    /// Damages the store with plain SQL on a connection of its own, then verifies it read-only.
    func problems(after damage: String) throws -> [String] {
        do {
            let raw = try Database(path: storePath, mode: .readWrite)
            try raw.execute(sql: damage)
        }
        return try Warehouse(path: storePath, access: .read).verify().problems.map(\.description)
    }

    @Test func aSoundStoreHasNoProblems() throws {
        try makeStore(hotDay: true)
        let report = try Warehouse(path: storePath, access: .read).verify()
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.partitionsChecked == 2 && report.rowsChecked == 1470)
    }

    @Test func findsAnOrphanBlob() throws {
        try makeStore()
        let found = try problems(after: "INSERT INTO _bmrs_blobs(blob_id, data) VALUES (777, x'00')")
        #expect(found == ["_bmrs_blobs/777: orphan blob: no partition record points at it"])
    }

    @Test func findsASealedPartitionWhoseBlobIsGone() throws {
        try makeStore()
        let found = try problems(
            after: "DELETE FROM _bmrs_blobs WHERE blob_id = (SELECT blob_id FROM _bmrs_partitions WHERE day = 17532)")
        #expect(
            found.contains {
                $0.hasPrefix("bmrs_fuelhh/2018-01-01: sealed partition's blob") && $0.hasSuffix("is missing")
            })
    }

    @Test func findsASealedPartitionRecordWithoutABlob() throws {
        try makeStore()
        let found = try problems(after: "UPDATE _bmrs_partitions SET blob_id = NULL WHERE day = 17532")
        #expect(found.contains("bmrs_fuelhh/2018-01-01: sealed partition record without a blob"))
        #expect(found.contains { $0.contains("orphan blob") })
    }

    @Test func findsARecordWhoseRowCountOrHashDisagrees() throws {
        try makeStore(hotDay: true)
        let counts = try problems(after: "UPDATE _bmrs_partitions SET row_count = row_count + 1")
        #expect(counts.count == 2)
        #expect(counts.allSatisfy { $0.contains("rows found") && $0.contains("recorded") })
        let hashes = try problems(after: "UPDATE _bmrs_partitions SET row_count = row_count - 1, content_hash = 'beef'")
        #expect(hashes.count == 2)
        #expect(hashes.allSatisfy { $0.contains("content hash") })
    }

    @Test func findsHotRowsWithoutAPartitionRecord() throws {
        try makeStore(hotDay: true)
        let found = try problems(after: "DELETE FROM _bmrs_partitions WHERE tier = 'hot'")
        #expect(found == ["bmrs_fuelhh/2018-10-28: 750 hot row(s) without a partition record"])
    }

    @Test func findsHotRowsInASealedPartition() throws {
        try makeStore(hotDay: true)
        let found = try problems(
            after: """
                INSERT INTO _bmrs_hot_bmrs_fuelhh(settlementDate, settlementPeriod, fuelType, generation,
                  publishTime, startTime, _ingested_utc)
                SELECT '2018-01-01', settlementPeriod, fuelType, generation, publishTime, startTime, _ingested_utc
                FROM _bmrs_hot_bmrs_fuelhh WHERE settlementPeriod = 1
                """)
        #expect(
            found.contains {
                $0.hasPrefix("bmrs_fuelhh/2018-01-01: ") && $0.contains("hot row(s) in a sealed partition")
            })
    }

    @Test func findsATableEmptiedBehindItsBack() throws {
        // What `bmrs query "DELETE FROM _bmrs_partitions"` did before queries became read-only.
        try makeStore()
        let found = try problems(after: "DELETE FROM _bmrs_partitions; DELETE FROM _bmrs_blobs")
        #expect(
            found == [
                "bmrs_fuelhh: the table has no partitions, but load and ingest runs recorded 1470 row(s) inserted"
            ])
    }

    @Test func findsAnEditedMigration() throws {
        try makeStore()
        let edited = try problems(after: "UPDATE _bmrs_migrations SET sql = sql || char(10) || '-- edited'")
        #expect(
            edited.contains {
                $0.hasPrefix("migration ") && $0.hasSuffix("its recorded text does not match its checksum")
            })
        #expect(
            edited.contains { $0.hasPrefix("migration ") && $0.hasSuffix("its recorded text differs from this bmrs's") }
        )
    }

    @Test func findsAMigrationEditedTogetherWithItsChecksum() throws {
        try makeStore()
        let raw = try Database(path: storePath, mode: .readWrite)
        let row = try raw.rows(sql: "SELECT id, sql FROM _bmrs_migrations ORDER BY id LIMIT 1")[0]
        let text = (row[1].textValue ?? "") + "\n-- edited"
        let update = try raw.prepare(sql: "UPDATE _bmrs_migrations SET sql = ?, checksum = ? WHERE id = ?")
        try update.bind([.text(text), .text(SHA256.hex(Array(text.utf8))), row[0]])
        try update.step()
        let found = try Warehouse(path: storePath, access: .read).verify().problems.map(\.description)
        #expect(found.count == 1)
        #expect(found.first?.contains("in the store differs from this bmrs's") == true)
    }

    @Test func findsAMigrationRecordedWithAnotherChecksum() throws {
        try makeStore()
        let found = try problems(after: "UPDATE _bmrs_migrations SET checksum = 'abc'")
        #expect(found.contains { $0.hasSuffix("its recorded text does not match its checksum") })
        #expect(found.contains { $0.contains("checksum abc… in the store differs from this bmrs's") })
    }

    @Test func findsAStoreOutOfWALMode() throws {
        try makeStore()
        let found = try problems(after: "PRAGMA journal_mode=DELETE")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("store: the journal mode is delete, not wal") == true)
    }
}
