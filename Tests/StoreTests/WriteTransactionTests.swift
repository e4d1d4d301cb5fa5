import Foundation
import Rows
import SQLite
import TestSupport
import Testing

@testable import Store

/// `Warehouse.write`: one transaction per closure, all or nothing; and the virtual tables' safe owner.
@Suite struct WriteTransactionTests {
    let directory = TemporaryDirectory()
    var storePath: String { directory.file("store.sqlite") }
    static let fuelhh = Dataset.named("FUELHH")!

    struct Planned: Error {}

    func count(_ store: Warehouse, _ table: String) throws -> SQLiteValue? {
        try store.database.scalar(sql: "SELECT count(*) FROM \(table)")
    }

    @Test func aWriteThatThrowsLeavesNothingOfItWritten() throws {
        let store = try openStore(storePath, today: "2018-01-03")
        let schema = try store.schema(named: "bmrs_fuelhh")
        var batch = RowBatch(width: schema.columns.count)
        batch.append(row: [
            .int(try #require(CivilDate.parse("2018-01-01"))), .int(5), .text("CCGT"), .int(100),
            .int(micros("2018-01-01") + 7_200_000_000), .int(micros("2018-01-01") + 7_200_000_000), .int(0),
        ])
        let response = try ArchivedResponse(
            url: "http://x/1", status: 200, httpVersion: "1.1", seconds: 0.1, fetchedAt: store.now(),
            body: Array("{}".utf8))
        let window = ChunkWindow(start: 17532, end: 17532)
        #expect(throws: Planned.self) {
            try store.write { transaction in
                let run = try transaction.beginRun(.ingest, dataset: "FUELHH", table: schema.name, source: "test")
                let summary = try transaction.merge(batch, into: schema, run: run)
                #expect(summary.inserted == 1)
                try transaction.recordChunk(
                    dataset: "FUELHH", window: window, state: .done, attempts: 1, error: nil, rows: 1, run: run)
                try transaction.archive(response, dataset: "FUELHH", window: window, run: run)
                throw Planned()
            }
        }
        for table in [
            "_bmrs_runs", "_bmrs_chunks", "_bmrs_responses", "_bmrs_bodies", "_bmrs_partitions", "bmrs_fuelhh",
        ] {
            #expect(try count(store, table) == .integer(0), "\(table)")
        }
        // The same write without the error commits everything.
        try store.write { transaction in
            let run = try transaction.beginRun(.ingest, dataset: "FUELHH", table: schema.name, source: "test")
            _ = try transaction.merge(batch, into: schema, run: run)
            try transaction.recordChunk(
                dataset: "FUELHH", window: window, state: .done, attempts: 1, error: nil, rows: 1, run: run)
        }
        #expect(try count(store, "bmrs_fuelhh") == .integer(1))
        #expect(try store.ledger.doneDays(dataset: "FUELHH") == [17532])
    }

    @Test func aTransactionUsedAfterItsClosureReturnedThrows() throws {
        let store = try openStore(storePath, today: "2018-01-03")
        var escaped: WriteTransaction?
        try store.write { escaped = $0 }
        let transaction = try #require(escaped)
        #expect(throws: StoreError.self) {
            _ = try transaction.beginRun(.load, dataset: nil, table: nil, source: nil)
        }
        #expect(try count(store, "_bmrs_runs") == .integer(0))
    }

    @Test func writesDoNotNest() throws {
        let store = try openStore(storePath, today: "2018-01-03")
        #expect(throws: (any Error).self) {
            try store.write { _ in try store.write { _ in } }
        }
        // The outer transaction was rolled back: a new write starts cleanly.
        try store.write { _ = try $0.beginRun(.load, dataset: nil, table: nil, source: nil) }
        #expect(try count(store, "_bmrs_runs") == .integer(1))
    }

    /// Before the fix `PartitionedTable` held its warehouse `unowned(unsafe)` (and `RevisionsTable` `unowned`):
    /// a statement kept past its `Warehouse` read freed memory (AddressSanitizer: heap-use-after-free) or
    /// trapped. Now the virtual tables find no store and the statement fails with an error.
    @Test(arguments: ["SELECT count(*) FROM bmrs_fuelhh", "SELECT count(*) FROM _bmrs_revisions"])
    func aStatementThatOutlivesItsWarehouseFailsWithAnError(sql: String) throws {
        do {
            let store = try openStore(storePath, today: "2018-10-30")
            _ = try store.load(
                body: try TestSupport.fixtureBytes("FUELHH_2018-01-01.json"), source: "old", dataset: Self.fuelhh)
        }
        var store: Warehouse? = try Warehouse(path: storePath, access: .read)
        let database = try #require(store?.database)
        let statement = try database.prepare(sql: sql)
        store = nil
        do {
            _ = try statement.step()
            Issue.record("the statement ran on a closed store")
        } catch {
            #expect("\(error)".contains("was closed"))
        }
    }
}
