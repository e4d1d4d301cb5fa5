import Foundation
import TestSupport
import Testing

/// The write lock: an exclusive flock on the store file itself, named in one line, never left behind.
@Suite struct WriteLockTests {
    let directory = TemporaryDirectory()
    var store: String { directory.file("store.sqlite") }

    /// Lists the directory's files.
    func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func aSecondWriterIsRefusedInOneLineNamingThePidWhileTheFirstHoldsTheLock() throws {
        #expect(try bmrs(["migrate", "--store", store]).status == 0)
        // Another process takes the lock and says so; it keeps it until its standard input closes.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            """
            import fcntl, sys
            f = open(sys.argv[1], 'r+b')
            fcntl.flock(f, fcntl.LOCK_EX)
            print('locked', flush=True)
            sys.stdin.read()
            """,
            store,
        ]
        let input = Pipe()
        let output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        // Wait for the holder to say it holds the lock (a blocking read, no sleep).
        var said = Data()
        while !said.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            said.append(chunk)
        }
        #expect(String(decoding: said, as: UTF8.self) == "locked\n")
        let refused = try bmrs([
            "load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018-10-28.csv"),
        ])
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "bmrs: error: another bmrs process (pid \(holder.processIdentifier)) is writing to \(store); "
                + "wait for it to finish and try again\n")
        // Readers are not refused.
        #expect(try bmrs(["query", "--store", store, "SELECT 1"]).status == 0)
        // Once the holder lets go, the writer gets in.
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        let loaded = try bmrs([
            "load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018-10-28.csv"),
        ])
        #expect(loaded.status == 0, "\(loaded.stderr)")
    }

    @Test func writesLeaveNoLockFileBehindEvenForAPathThatIsNotAStore() throws {
        #expect(
            try bmrs(["load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018-10-28.csv")])
                .status == 0)
        #expect(try bmrs(["compact", "--store", store]).status == 0)
        let notAStore = try directory.write("notes.txt", "not a store\n")
        let refused = try bmrs(["compact", "--store", notAStore])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("not a bmrs store") || refused.stderr.contains("not a database"),
            "\(refused.stderr)")
        #expect(try String(contentsOfFile: notAStore, encoding: .utf8) == "not a store\n")
        #expect(try files().filter { $0.hasSuffix(".lock") } == [])
        #expect(try files().filter { !$0.hasPrefix("store.sqlite") && $0 != "notes.txt" } == [])
    }
}
