import Foundation
import SQLite
import TestSupport
import Testing

/// The typed authorizer, the read-only policy, and read-only connections to WAL files.
@Suite struct AuthorizerTests {
    let directory = TemporaryDirectory()

    @Test func reportsEachActionTypedAndADenialFailsTheStatement() throws {
        let db = try Database(path: ":memory:")
        try db.execute(sql: "CREATE TABLE t(a, b)")
        nonisolated(unsafe) var seen: [AuthorizerAction] = []
        db.setAuthorizer { action in
            seen.append(action)
            if case .delete = action { return .deny }
            return .allow
        }
        _ = try db.prepare(sql: "SELECT a, upper(b) FROM t")
        #expect(seen.contains(.select))
        #expect(seen.contains(.read(table: "t", column: "a")))
        #expect(seen.contains(.function(name: "upper")))
        _ = try db.prepare(sql: "PRAGMA table_info(t)")
        #expect(seen.contains(.pragma(name: "table_info", argument: "t")))
        #expect {
            _ = try db.prepare(sql: "DELETE FROM t")
        } throws: { error in
            (error as? SQLiteError)?.isAuthorizationDenied == true
        }
        #expect(seen.contains(.delete(table: "t")))
        db.setAuthorizer(nil)
        _ = try db.prepare(sql: "DELETE FROM t")
    }

    @Test func withAuthorizerPutsBackThePreviousOne() throws {
        let db = try Database(path: ":memory:")
        try db.execute(sql: "CREATE TABLE t(a)")
        let refused = db.withAuthorizer(ReadOnlyPolicy.decide) {
            Result { () throws(SQLiteError) in try db.execute(sql: "INSERT INTO t VALUES (1)") }
        }
        #expect(throws: SQLiteError.self) { try refused.get() }
        try db.execute(sql: "INSERT INTO t VALUES (1)")
        #expect(try db.scalar(sql: "SELECT count(*) FROM t") == .integer(1))
    }

    @Test func theReadOnlyPolicyAllowsReadingAndRefusesEverythingElse() {
        let allowed: [AuthorizerAction] = [
            .select, .read(table: "t", column: "a"), .function(name: "sum"), .recursive,
            .pragma(name: "table_info", argument: "t"), .pragma(name: "user_version", argument: nil),
            .pragma(name: "INTEGRITY_CHECK", argument: nil), .transaction(operation: "BEGIN"),
        ]
        let refused: [AuthorizerAction] = [
            .insert(table: "t"), .update(table: "t", column: "a"), .delete(table: "t"), .attach(file: "x"),
            .detach(schema: "main"), .function(name: "load_extension"), .function(name: "LOAD_EXTENSION"),
            .pragma(name: "journal_mode", argument: "DELETE"), .pragma(name: "query_only", argument: "0"),
            .pragma(name: "user_version", argument: "5"), .pragma(name: "wal_checkpoint", argument: nil),
            .pragma(name: "optimize", argument: nil), .other(code: 11, first: "t", second: nil),
        ]
        for action in allowed { #expect(ReadOnlyPolicy.decide(action) == .allow, "\(action)") }
        for action in refused { #expect(ReadOnlyPolicy.decide(action) == .deny, "\(action)") }
    }

    /// A WAL database closed cleanly has no -wal or -shm: a read-only connection must still read it.
    @Test func aReadOnlyConnectionReadsAWALFileWithOrWithoutItsSideFiles() throws {
        let path = directory.file("wal.sqlite")
        do {
            let writer = try Database(path: path)
            try writer.execute(sql: "PRAGMA journal_mode=WAL; CREATE TABLE t(a); INSERT INTO t VALUES (1), (2)")
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let reader = try Database(path: path, mode: .readOnly)
        #expect(try reader.scalar(sql: "SELECT count(*) FROM t") == .integer(2))
        #expect(throws: SQLiteError.self) { try reader.execute(sql: "INSERT INTO t VALUES (3)") }
        // A writer alongside: the reader sees each commit.
        let writer = try Database(path: path)
        try writer.execute(sql: "INSERT INTO t VALUES (3)")
        #expect(try reader.scalar(sql: "SELECT count(*) FROM t") == .integer(3))
        #expect(try reader.scalar(sql: "PRAGMA journal_mode") == .text("wal"))
    }
}
