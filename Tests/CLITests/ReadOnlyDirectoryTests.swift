import Foundation
import TestSupport
import Testing

/// `bmrs query` on a store in a directory the user cannot write, where SQLite cannot create the -shm and -wal
/// files a WAL store's readers need. Run as another user (`setpriv`), since root writes anywhere.
@Suite struct ReadOnlyDirectoryTests {
    static let canDropPrivileges = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    let directory = TemporaryDirectory()
    var folder: String { directory.file("readonly") }
    var store: String { folder + "/store.sqlite" }

    /// Loads a day into the store, then makes its folder read-only for everyone, and the path to it traversable.
    func makeStore() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let load = try bmrs(["load", "--store", store, TestSupport.fixture("FUELHH_2018-10-28.csv")])
        try #require(load.status == 0, "\(load.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store + "-shm"))
    }

    func lockFolder() {
        chmod(directory.path, 0o755)
        chmod(folder, 0o555)
    }

    /// `bmrs query ... ` as user nobody.
    func queryAsNobody() throws -> ProcessResult {
        try run(
            "/usr/bin/setpriv",
            [
                "--reuid=65534", "--regid=65534", "--clear-groups", TestSupport.binary, "query", "--store", store,
                "--format", "csv", "SELECT count(*) AS n FROM bmrs_fuelhh",
            ])
    }

    @Test(.enabled(if: canDropPrivileges))
    func aQueryReadsAStoreInADirectoryItCannotWriteAndLeavesNoFiles() throws {
        try makeStore()
        lockFolder()
        defer { chmod(folder, 0o755) }
        let result = try queryAsNobody()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "n\n750\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["store.sqlite"])
    }

    @Test(.enabled(if: canDropPrivileges))
    func aWALHoldingUncheckpointedChangesIsAnErrorSayingWhy() throws {
        try makeStore()
        // A copy of the store and its -wal taken while a writer holds uncheckpointed changes, without the -shm.
        let copy = try run(
            "/usr/bin/python3",
            [
                "-c",
                """
                import shutil, sqlite3, sys
                db = sqlite3.connect(sys.argv[1])
                db.execute("PRAGMA wal_autocheckpoint = 0")
                db.execute("CREATE TABLE scratch(a)")
                db.commit()
                shutil.copy(sys.argv[1], sys.argv[2])
                shutil.copy(sys.argv[1] + "-wal", sys.argv[2] + "-wal")
                """,
                store, store + ".copy",
            ])
        try #require(copy.status == 0, "\(copy.stderr)")
        for file in [store, store + "-wal", store + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
        try FileManager.default.moveItem(atPath: store + ".copy", toPath: store)
        try FileManager.default.moveItem(atPath: store + ".copy-wal", toPath: store + "-wal")
        lockFolder()
        defer { chmod(folder, 0o755) }
        let result = try queryAsNobody()
        #expect(result.status != 0)
        #expect(result.stderr.contains("-wal holds changes not yet written into the store"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
}
