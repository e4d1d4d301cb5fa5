import Foundation
import Rows
import SQLite
import Store
import TestSupport
import Testing

/// `Warehouse.query` only reads: a read-only connection behind an authorizer (issue 6, defect 1).
@Suite struct ReadOnlyQueryTests {
    let directory = TemporaryDirectory()
    var storePath: String { directory.file("store.sqlite") }
    static let fuelhh = Dataset.named("FUELHH")!

    /// A store holding two FUELHH days (sealed: 2018 is far outside the restatement window), closed.
    func makeStore() throws {
        let store = try Warehouse(path: storePath, access: .write)
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv"), source: "a", dataset: Self.fuelhh)
        _ = try store.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-01-01.json"), source: "b", dataset: Self.fuelhh)
    }

    func count(_ store: Warehouse, _ sql: String = "SELECT count(*) FROM bmrs_fuelhh") throws -> SQLiteValue {
        var value: SQLiteValue = .null
        try store.query(sql: sql, columns: { _ in }, row: { value = $0[0] })
        return value
    }

    /// Every example of the issue, and the other things a query must not do.
    static let writes: [String] = [
        "PRAGMA query_only=0; DELETE FROM _bmrs_partitions",
        "DELETE FROM _bmrs_partitions",
        "PRAGMA journal_mode=DELETE",
        "DROP TABLE _bmrs_migrations",
        "VACUUM INTO 'VACUUM_TARGET'",
        "VACUUM",
        "ATTACH 'ATTACH_TARGET' AS other",
        "DETACH main",
        "SELECT load_extension('libnothing')",
        "PRAGMA user_version = 99",
        "PRAGMA writable_schema = 1",
        "PRAGMA wal_checkpoint(TRUNCATE)",
        "UPDATE _bmrs_tables SET name = 'x'",
        "INSERT INTO _bmrs_blobs(data) VALUES (x'00')",
        "CREATE TABLE t(a)",
        "CREATE TEMP TABLE t(a)",
        "ALTER TABLE _bmrs_runs ADD COLUMN x",
        "REINDEX",
        "ANALYZE",
        "BEGIN IMMEDIATE",
        "SELECT 1; DELETE FROM _bmrs_runs",
    ]

    @Test(arguments: writes)
    func aQueryThatWouldWriteIsRefusedAndChangesNothing(sql: String) throws {
        try makeStore()
        let before = try contentDigest(of: storePath)
        let sql = sql.replacingOccurrences(of: "VACUUM_TARGET", with: directory.file("vacuumed.sqlite"))
            .replacingOccurrences(of: "ATTACH_TARGET", with: directory.file("attached.sqlite"))
        for access in [Warehouse.Access.read, .write] {
            let store = try Warehouse(path: storePath, access: access)
            #expect {
                try store.query(sql: sql, columns: { _ in }, row: { _ in })
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.code == .usage && error.message.hasPrefix("query is read-only: ")
                    && error.message.contains(" is not allowed")
            }
            // The connection still answers queries afterwards.
            #expect(try count(store) == .integer(1470))
        }
        #expect(try contentDigest(of: storePath) == before)
        #expect(!FileManager.default.fileExists(atPath: directory.file("vacuumed.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: directory.file("attached.sqlite")))
        let raw = try Database(path: storePath, mode: .readOnly)
        #expect(try raw.scalar(sql: "PRAGMA journal_mode") == .text("wal"))
        let report = try Warehouse(path: storePath, access: .read).verify()
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.partitionsChecked == 2 && report.rowsChecked == 1470)
    }

    @Test func theRefusalNamesTheStatement() throws {
        try makeStore()
        let store = try Warehouse(path: storePath, access: .read)
        #expect {
            try store.query(sql: "PRAGMA journal_mode=DELETE", columns: { _ in }, row: { _ in })
        } throws: { error in
            "\(error)" == "query is read-only: PRAGMA journal_mode=DELETE is not allowed"
        }
        #expect {
            try store.query(sql: "SELECT 1;\n-- then\nDROP TABLE _bmrs_runs;", columns: { _ in }, row: { _ in })
        } throws: { error in
            "\(error)" == "query is read-only: DROP TABLE _bmrs_runs is not allowed (statement 2)"
        }
    }

    @Test func readOnlyPragmasAndPragmaFunctionsStillWork() throws {
        try makeStore()
        let store = try Warehouse(path: storePath, access: .read)
        var names: [String] = []
        try store.query(
            sql: "PRAGMA table_info(_bmrs_runs)", columns: { _ in },
            row: {
                if case .text(let name) = $0[1] { names.append(name) }
            })
        #expect(names.first == "run_id")
        #expect(try count(store, "SELECT count(*) FROM pragma_table_info('bmrs_fuelhh')") == .integer(7))
        #expect(try count(store, "PRAGMA user_version") != .null)
        #expect(try count(store, "PRAGMA page_count") != .null)
        #expect(try count(store, "PRAGMA integrity_check") == .text("ok"))
        #expect(
            try count(
                store,
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT sum(i) FROM n")
                == .integer(15))
        #expect(try count(store, "SELECT count(*) FROM _bmrs_partitions") == .integer(2))
    }

    @Test func aCleanlyClosedStoreOpensReadOnlyWithoutItsWALFiles() throws {
        try makeStore()
        // A clean close checkpoints and removes -wal and -shm.
        #expect(!FileManager.default.fileExists(atPath: storePath + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: storePath + "-shm"))
        do {
            let reader = try Warehouse(path: storePath, access: .read)
            #expect(try count(reader) == .integer(1470))
            #expect(try reader.verify().problems.isEmpty)
        }
        // A reader that left -wal and -shm behind does not stop a writer, and the writer's data is seen.
        let writer = try Warehouse(path: storePath, access: .write)
        _ = try writer.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-03-25.stream.json.gz"), source: "c", dataset: Self.fuelhh)
        let reader = try Warehouse(path: storePath, access: .read)
        #expect(try count(reader) == .integer(1470 + 690))
        #expect(try reader.verify().problems.isEmpty)
    }

    @Test func aStoreWithAWALButNoSharedMemoryFileOpensReadOnly() throws {
        // The state a writer killed with -9 leaves after a reboot: committed pages only in -wal, no -shm.
        let writer = try Warehouse(path: storePath, access: .write)
        _ = try writer.load(
            body: try TestSupport.fixtureBytes("FUELHH_2018-10-28.csv"), source: "a", dataset: Self.fuelhh)
        let copy = directory.file("copy.sqlite")
        try FileManager.default.copyItem(atPath: storePath, toPath: copy)
        try FileManager.default.copyItem(atPath: storePath + "-wal", toPath: copy + "-wal")
        #expect(!FileManager.default.fileExists(atPath: copy + "-shm"))
        let reader = try Warehouse(path: copy, access: .read)
        #expect(try count(reader) == .integer(750))
        #expect(try reader.verify().problems.isEmpty)
        _ = writer
    }

    @Test func exportAndBackupWorkOnTheReadOnlyConnection() throws {
        try makeStore()
        let reader = try Warehouse(path: storePath, access: .read)
        for (format, name) in [(ExportFormat.csv, "a.csv"), (.ndjson, "a.ndjson.zst"), (.sqlite, "a.sqlite")] {
            #expect(try reader.export(table: "bmrs_fuelhh", format: format, to: directory.file(name)) == 1470)
        }
        let copy = try reader.backup(to: directory.file("backup.sqlite"))
        #expect(try Warehouse(path: copy, access: .read).verify().problems.isEmpty)
        #expect(try count(reader) == .integer(1470))
    }
}
