import Foundation
import TestSupport
import Testing

/// The built `bmrs` binary: help, exit codes, one-line errors, output formats, crash safety.
@Suite(.serialized) struct CLITests {
    let directory = TemporaryDirectory()
    var store: String { directory.file("store.sqlite") }

    @Test func helpListsEveryCommandAndEachCommandHasExamples() throws {
        let help = try bmrs(["--help"])
        #expect(help.status == 0)
        for command in ["load", "migrate", "query", "partitions", "compact", "verify", "backup", "export", "schema"] {
            #expect(help.stdout.contains(command), "\(command) missing from --help")
            let sub = try bmrs([command, "--help"])
            #expect(sub.status == 0)
            #expect(
                sub.stdout.contains("Examples") || sub.stdout.contains("Example"), "\(command) --help has no example")
            #expect(sub.stdout.contains("--store") || command == "schema")
        }
    }

    @Test func aWrongFlagIsAUsageErrorWithAClearMessage() throws {
        let result = try bmrs(["load", "--dataset", "FUELHH", "--bogus", "x"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--bogus"))
        let unknown = try bmrs(["load", "--store", store, "--dataset", "NOPE", "x.json"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown dataset 'NOPE'"))
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func loadPrintsOneSummaryLineAndQueryReadsIt() throws {
        let load = try bmrs([
            "load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018-10-28.csv"),
            TestSupport.fixture("FUELHH_2018-03-25.stream.json.gz"),
        ])
        #expect(load.status == 0, "\(load.stderr)")
        let lines = load.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("1440 rows read, 1440 inserted, 0 revised") == true)
        let csv = try bmrs([
            "query", "--store", store, "--format", "csv",
            "SELECT settlementDate, count(*) AS n FROM bmrs_fuelhh GROUP BY 1 ORDER BY 1",
        ])
        #expect(csv.stdout == "settlementDate,n\n2018-03-25,690\n2018-10-28,750\n")
        let json = try bmrs([
            "query", "--store", store, "--format", "json", "SELECT 7/2.0 AS x, NULL AS y, 'a\"b' AS z",
        ])
        #expect(json.stdout == "[{\"x\":3.5,\"y\":null,\"z\":\"a\\\"b\"}]\n")
        let ndjson = try bmrs(
            ["query", "--store", store, "--format", "ndjson"], stdin: "SELECT 1 AS a UNION ALL SELECT 2")
        #expect(ndjson.stdout == "{\"a\":1}\n{\"a\":2}\n")
        let markdown = try bmrs(["query", "--store", store, "--format", "markdown", "SELECT 'x|y' AS a"])
        #expect(markdown.stdout == "| a |\n| --- |\n| x\\|y |\n")
        let sqlFile = try directory.write(
            "q.sql", "-- two statements\nSELECT count(*) AS n FROM bmrs_fuelhh;\nSELECT 2 AS m;\n")
        let table = try bmrs(["query", "--store", store, "--file", sqlFile])
        #expect(table.stdout == "   n\n----\n1440\n(1 row)\n\nm\n-\n2\n(1 row)\n", "\(table.stdout)")
        let broken = try bmrs(["query", "--store", store, "SELECT 1; SELEC 2"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("statement 2 (SELEC 2) does not compile"))
        let write = try bmrs(["query", "--store", store, "DELETE FROM _bmrs_runs"])
        #expect(write.status == 1)
        #expect(write.stderr == "bmrs: error: query is read-only: DELETE FROM _bmrs_runs is not allowed\n")
        let env = try bmrs(
            ["query", "SELECT count(*) FROM bmrs_fuelhh", "--format", "csv"], environment: ["BMRS_STORE": store])
        #expect(env.stdout == "count(*)\n1440\n")
    }

    @Test func loadReadsTheDatasetFromEachFileWhenNotGiven() throws {
        let result = try bmrs([
            "load", "--store", store, TestSupport.fixture("FUELHH_2018-10-28.csv"),
            TestSupport.fixture("FUELINST_stream_2024-02-12T1750Z.json"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasPrefix(
                "loaded 2 of 2 file(s) into bmrs_fuelhh, bmrs_fuelinst: 769 rows read, 769 inserted"))
        let unknown = try directory.write("other.json", #"{"data":[{"x":1}]}"#)
        let refused = try bmrs(["load", "--store", store, unknown])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "other.json, row 1, field 'dataset': the first row has no dataset field (pass --dataset)"),
            "\(refused.stderr)")
    }

    @Test func aBadFileIsOneLineNamingFileRowAndFieldAndExitsOne() throws {
        let bad = try directory.write(
            "bad.json",
            #"[{"dataset":"FUELHH","publishTime":"2018-01-01T00:30:00Z","startTime":"2018-01-01T00:00:00Z","settlementDate":"2018-01-01","settlementPeriod":1,"fuelType":"CCGT","generation":"x"}]"#
        )
        let result = try bmrs(["load", "--store", store, "--dataset", "FUELHH", bad])
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n")
        #expect(errors.count == 1)
        #expect(errors.first?.contains("bad.json, row 1, field 'generation': expected an integer") == true)
        let missing = try bmrs(["load", "--store", store, "--dataset", "FUELHH", directory.file("nope.json")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.json: no such file"))
    }

    @Test func readCommandsOnAMissingStoreSaySo() throws {
        for arguments in [["query", "SELECT 1"], ["partitions"], ["verify"], ["migrate", "--status"]] {
            let result = try bmrs(arguments + ["--store", store])
            #expect(result.status == 1)
            #expect(result.stderr.contains("there is no store at \(store)"), "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func migrateCreatesAStoreAndReportsStatus() throws {
        let created = try bmrs(["migrate", "--store", store])
        #expect(created.status == 0)
        #expect(created.stdout.contains("0001_create_fuel_tables"))
        let again = try bmrs(["migrate", "--store", store])
        #expect(again.stdout.contains("up to date"))
        let status = try bmrs(["migrate", "--status", "--store", store])
        #expect(status.stdout.contains("0001_create_fuel_tables  applied"))
    }

    @Test func compactPartitionsVerifyBackupAndExportWorkFromTheCommandLine() throws {
        _ = try bmrs(["load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018-10-28.csv")])
        let compact = try bmrs(["compact", "--store", store])
        #expect(compact.status == 0)
        let partitions = try bmrs(["partitions", "--store", store, "--format", "csv"])
        let rows = partitions.stdout.split(separator: "\n")
        #expect(rows.first == "table,day,tier,rows,raw_bytes,stored_bytes,bq_bytes,content_hash")
        #expect(rows.count == 2)
        #expect(rows.last?.hasPrefix("bmrs_fuelhh,2018-10-28,sealed,750,") == true)
        #expect(try bmrs(["verify", "--store", store]).stdout.contains("checked 1 partition(s), 750 rows: ok"))
        let backup = directory.file("backup.sqlite")
        #expect(try bmrs(["backup", "--store", store, backup]).status == 0)
        #expect(try bmrs(["verify", "--store", backup]).status == 0)
        let out = directory.file("out.csv")
        let export = try bmrs([
            "export", "--store", store, "--table", "bmrs_fuelhh", "--format", "csv", "--output", out,
            "--start", "2018-10-28", "--end", "2018-10-28",
        ])
        #expect(export.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count == 751)
        let badDate = try bmrs([
            "export", "--store", store, "--table", "bmrs_fuelhh", "--format", "csv", "--output", out,
            "--start", "2018-13-01",
        ])
        #expect(badDate.status == 64)
    }

    @Test func aSecondWriterGetsAClearLockMessage() throws {
        _ = try bmrs(["migrate", "--store", store])
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [store + ".lock", "sleep", "5"]
        try holder.run()
        defer { holder.terminate() }
        Thread.sleep(forTimeInterval: 0.3)
        let result = try bmrs([
            "load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018-10-28.csv"),
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("another bmrs process"))
        #expect(result.stderr.contains("is writing to \(store)"))
    }

    @Test func readersRunWhileAWriterWrites() throws {
        _ = try bmrs(["load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018-01-01.json")])
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: TestSupport.binary)
        writer.arguments = [
            "load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018.json.zst"),
        ]
        writer.standardOutput = FileHandle.nullDevice
        try writer.run()
        var counts: Set<String> = []
        while writer.isRunning {
            let reader = try bmrs(["query", "--store", store, "--format", "csv", "SELECT count(*) FROM bmrs_fuelhh"])
            #expect(reader.status == 0, "\(reader.stderr)")
            counts.insert(reader.stdout)
        }
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        // Every reader saw the store before or after the load, never half of it.
        #expect(counts.isSubset(of: ["count(*)\n720\n", "count(*)\n262095\n"]), "\(counts)")
        #expect(counts.contains("count(*)\n720\n"))
    }

    @Test func killingALoadAtAnyInstantLeavesTheStoreAsBeforeOrAfterTheFile() throws {
        _ = try bmrs(["load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018-01-01.json")])
        let before = try contentDigest(of: store)
        var outcomes: Set<String> = []
        for delay in [0.05, 0.2, 0.5, 1.0, 1.5, 2.5] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestSupport.binary)
            process.arguments = [
                "load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018.json.zst"),
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let verify = try bmrs(["verify", "--store", store])
            #expect(verify.status == 0, "\(verify.stderr)")
            let count = try bmrs(["query", "--store", store, "--format", "csv", "SELECT count(*) FROM bmrs_fuelhh"])
            let n = count.stdout.split(separator: "\n").last.map(String.init) ?? ""
            #expect(n == "720" || n == "262095", "a killed load left \(n) rows")
            if n == "720" {
                #expect(try contentDigest(of: store) == before)
                outcomes.insert("before")
            } else {
                outcomes.insert("after")
                break
            }
        }
        #expect(outcomes.contains("before"))
    }
}

/// A full disk: one clear line, and the store as it was. Needs root to mount a tiny tmpfs (CI runs as root).
@Suite(.serialized) struct FullDiskTests {
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func aFullDiskIsOneClearLineAndTheStoreIsAsItWas() throws {
        let directory = TemporaryDirectory()
        let mountPoint = directory.file("tiny")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mount = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=400k", "tmpfs", mountPoint])
        try #require(mount.status == 0, "cannot mount a tmpfs: \(mount.stderr)")
        defer { _ = try? run("/bin/umount", [mountPoint]) }
        let store = mountPoint + "/store.sqlite"
        let first = try bmrs([
            "load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018-01-01.json"),
        ])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try contentDigest(of: store)
        let full = try bmrs([
            "load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018.json.zst"),
        ])
        #expect(full.status == 1)
        let lines = full.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("is full; nothing of this input was written") == true, "\(full.stderr)")
        #expect(try contentDigest(of: store) == before)
        #expect(try bmrs(["verify", "--store", store]).status == 0)
    }
}
