import Foundation
import Rows
import SQLite
import TestSupport
import Testing
import Zstd

@testable import Store

/// Write lock, verify, backup, export and codec robustness.
@Suite struct SafetyTests {
    let directory = TemporaryDirectory()
    var storePath: String { directory.file("store.sqlite") }
    static let fuelhh = Dataset.named("FUELHH")!

    func loaded() throws -> Warehouse {
        let store = try Warehouse(path: storePath, access: .write)
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv"), source: "a", dataset: Self.fuelhh)
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-01-01.json"), source: "b", dataset: Self.fuelhh)
        return store
    }

    @Test func aSecondWriterIsToldWhoHoldsTheLock() throws {
        let first = try Warehouse(path: storePath, access: .write)
        #expect {
            _ = try Warehouse(path: storePath, access: .write)
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.code == .locked && error.message.contains("pid \(getpid())")
        }
        // Readers are not blocked by the writer.
        #expect(try Warehouse(path: storePath, access: .read).tables.count == 2)
        _ = first
        // Once the writer is gone the lock is free again.
    }

    @Test func theLockIsReleasedWhenTheWriterCloses() throws {
        do { _ = try Warehouse(path: storePath, access: .write) }
        _ = try Warehouse(path: storePath, access: .write)
    }

    @Test func verifyPassesOnASoundStoreAndFindsACorruptBlob() throws {
        let store = try loaded()
        let report = try store.verify()
        #expect(report.problems.isEmpty)
        #expect(report.partitionsChecked == 2 && report.rowsChecked == 1470)
        // Flip a byte inside one sealed blob, behind the store's back.
        let raw = try Database(path: storePath)
        let blob = try raw.rows(sql: "SELECT blob_id, data FROM _bmrs_blobs LIMIT 1")[0]
        guard case .blob(var bytes) = blob[1] else {
            Issue.record("no blob")
            return
        }
        bytes[bytes.count / 2] ^= 0x55
        let update = try raw.prepare(sql: "UPDATE _bmrs_blobs SET data = ? WHERE blob_id = ?")
        try update.bind([.blob(bytes), blob[0]])
        try update.step()
        let after = try store.verify()
        #expect(after.problems.count == 1)
        #expect(after.problems.first?.location.hasPrefix("bmrs_fuelhh/") == true)
    }

    @Test func verifyFindsARowCountThatDisagrees() throws {
        let store = try loaded()
        let raw = try Database(path: storePath)
        try raw.execute(sql: "UPDATE _bmrs_partitions SET row_count = row_count + 1")
        #expect(try store.verify().problems.count == 2)
    }

    @Test func backupIsAConsistentCopyAndRefusesToOverwrite() throws {
        let store = try loaded()
        let destination = directory.file("copy.sqlite")
        let reader = try Warehouse(path: storePath, access: .read)
        try reader.backup(to: destination)
        _ = store
        let copy = try Warehouse(path: destination, access: .read)
        var count: SQLiteValue = .null
        try copy.query(sql: "SELECT count(*) FROM bmrs_fuelhh", columns: { _ in }, row: { count = $0[0] })
        #expect(count == .integer(1470))
        #expect(try copy.verify().problems.isEmpty)
        #expect(throws: StoreError.self) { try reader.backup(to: destination) }
    }

    @Test func exportsCSVNDJSONAndPlainSQLite() throws {
        let store = try loaded()
        let csv = directory.file("out.csv")
        #expect(try store.export(table: "bmrs_fuelhh", format: .csv, to: csv) == 1470)
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(
            lines.first == "settlementDate,settlementPeriod,fuelType,generation,publishTime,startTime,_ingested_utc")
        #expect(lines.count == 1471)
        #expect(lines[1].hasPrefix("2018-01-01,1,BIOMASS,"))

        let ndjson = directory.file("out.ndjson.zst")
        #expect(
            try store.export(
                table: "bmrs_fuelhh", format: .ndjson, to: ndjson,
                range: CivilDate.parse("2018-10-28")!...CivilDate.parse("2018-10-28")!) == 750)
        let text = String(
            decoding: try Zstd.decompress(Array(try Data(contentsOf: URL(fileURLWithPath: ndjson)))),
            as: UTF8.self)
        let first = try #require(text.split(separator: "\n").first)
        #expect(
            first.hasPrefix(#"{"settlementDate":"2018-10-28","settlementPeriod":1,"fuelType":"BIOMASS","generation":"#))

        let sqlite = directory.file("out.sqlite")
        #expect(try store.export(table: "bmrs_fuelhh", format: .sqlite, to: sqlite) == 1470)
        let plain = try Database(path: sqlite, mode: .readOnly)
        #expect(
            try plain.scalar(sql: "SELECT count(*) FROM bmrs_fuelhh WHERE settlementDate = '2018-10-28'")
                == .integer(750))
        #expect(!FileManager.default.fileExists(atPath: sqlite + "-journal"))
    }

    @Test func aCorruptEncodingIsAnErrorNotACrash() throws {
        let schema = try Migration.schema(of: "bmrs_fuelhh")
        let store = try loaded()
        let partition = try #require(store.partitions(of: schema).first)
        let day = try store.readPartition(partition, schema: schema)
        let raw = PartitionCodec.encode(day, schema: schema)
        #expect(try PartitionCodec.decode(raw: raw, schema: schema, source: "x").rowCount == day.rowCount)
        // Every truncation and many single-byte changes must throw or decode, never trap.
        for cut in stride(from: 0, to: raw.count - 1, by: max(1, raw.count / 300)) {
            #expect(throws: StoreError.self) {
                _ = try PartitionCodec.decode(raw: Array(raw[0..<cut]), schema: schema, source: "x")
            }
        }
        for position in stride(from: 0, to: raw.count, by: max(1, raw.count / 200)) {
            var bad = raw
            bad[position] ^= 0xA5
            _ = try? PartitionCodec.decode(raw: bad, schema: schema, source: "x")
        }
    }
}
