import Foundation
import SQLite
import TestSupport
import Testing

/// `bmrs ingest` against a real HTTP server on 127.0.0.1 replaying real 2018 FUELHH data, with faults injected.
/// Each fault either recovers to exactly the fault-free content or fails with a clear message and unchanged data.
@Suite struct IngestFaultTests {
    let directory = TemporaryDirectory()
    let server: InsightsServer
    var store: String { directory.file("store.sqlite") }
    /// Eight weekly FUELHH chunks.
    static let range = ["--start", "2018-01-01", "--end", "2018-02-25"]

    init() throws {
        server = try InsightsServer()
    }

    func ingest(_ extra: [String] = [], store: String? = nil, range: [String] = range) throws -> ProcessResult {
        try bmrs(
            [
                "ingest", "FUELHH", "--store", store ?? self.store, "--api-base", server.baseURL, "--backoff", "0.01",
                "--max-retry-after", "0.2",
            ] + range + extra)
    }

    /// The table's data without the ingestion stamp, as CSV.
    func content(_ path: String? = nil) throws -> String {
        try bmrs([
            "query", "--store", path ?? store, "--format", "csv",
            """
            SELECT settlementDate, settlementPeriod, fuelType, generation, publishTime, startTime FROM bmrs_fuelhh
            ORDER BY 1, 2, 3
            """,
        ]).stdout
    }

    func referenceContent() throws -> String {
        let path = directory.file("reference.sqlite")
        let result = try ingest(store: path)
        #expect(result.status == 0, "\(result.stderr)")
        return try content(path)
    }

    func stats() throws -> [String: Any] { try server.stats() }

    @Test func aFaultFreeRunFetchesEachWeekOnceAndMatchesTheFile() throws {
        let result = try ingest(["--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(summary["chunks_done"] as? Int == 8)
        #expect(summary["requests"] as? Int == 8)
        #expect(summary["rows_fetched"] as? Int == 56 * 720)
        #expect(summary["inserted"] as? Int == 56 * 720)
        #expect(try server.requestCount() == 8)
        // The same days loaded from the fixture file give the same rows.
        let fromFile = directory.file("file.sqlite")
        _ = try bmrs(["load", "--store", fromFile, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018.json.zst")])
        let sameDays = try bmrs([
            "query", "--store", fromFile, "--format", "csv",
            """
            SELECT settlementDate, settlementPeriod, fuelType, generation, publishTime, startTime FROM bmrs_fuelhh
            WHERE settlementDate BETWEEN '2018-01-01' AND '2018-02-25' ORDER BY 1, 2, 3
            """,
        ]).stdout
        #expect(try content() == sameDays)
        // Every response is archived with its URL, status and hash before parsing.
        let db = try Database(path: store, mode: .readOnly)
        #expect(try db.scalar(sql: "SELECT count(*) FROM _bmrs_responses WHERE status = 200") == .integer(8))
        #expect(
            try db.scalar(
                sql:
                    "SELECT count(DISTINCT url) FROM _bmrs_responses WHERE url LIKE '%settlementDateFrom=2018-01-01&settlementDateTo=2018-01-07%'"
            ) == .integer(1))
    }

    @Test func recoversFromServerErrorsAndRateLimitsWithIdenticalContent() throws {
        let reference = try referenceContent()
        try server.reset()
        try server.setFaults(
            """
            [{"fault":"retry_after","retry_after":"1","every":5},
             {"fault":"status","status":500,"probability":0.2,"seed":7}]
            """)
        // One request at a time, so the seeded fault sequence meets the chunks in the same order every run.
        let result = try ingest(["--parallel", "1"])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(try content() == reference)
        let stats = try stats()
        let injected = stats["faults_injected"] as? Int ?? 0
        #expect(injected > 0)
        // No more than twice the fault-free request count plus the injected failures.
        #expect((stats["requests"] as? Int ?? 0) <= 2 * 8 + injected)
        #expect(result.stdout.contains("\(injected) retries"))
    }

    @Test(arguments: ["0", "-5", "99999", "abc", "Wed, 21 Oct 2015 07:28:00 GMT"])
    func oddRetryAfterValuesNeitherSpinNorStall(value: String) throws {
        let reference = try referenceContent()
        try server.reset()
        try server.setFaults(#"[{"fault":"retry_after","retry_after":"\#(value)","times":3}]"#)
        let started = Date()
        let result = try ingest()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(try server.requestCount() == 8 + 3)
        #expect(try content() == reference)
    }

    @Test func retriesTimeoutsAndConnectionsCutMidBody() throws {
        let reference = try referenceContent()
        try server.reset()
        try server.setFaults(
            """
            [{"fault":"slow","delay":3,"times":2},
             {"fault":"cut","bytes":1000,"times":2},
             {"fault":"drop","times":1}]
            """)
        let result = try ingest(["--timeout", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try content() == reference)
        #expect(result.stdout.contains("5 retries"))
    }

    @Test(arguments: [
        (#"{"fault":"truncate","bytes":5000,"match":{"from":"2018-01-15"}}"#, "ends unexpectedly"),
        (#"{"fault":"invalid_json","match":{"from":"2018-01-15"}}"#, "2018-01-15..2018-01-21"),
        (#"{"fault":"html","status":200,"match":{"from":"2018-01-15"}}"#, "HTML"),
        (#"{"fault":"ignore_params","match":{"from":"2018-01-15"}}"#, "outside the requested window"),
        (#"{"fault":"status","status":404,"match":{"from":"2018-01-15"}}"#, "HTTP 404 from"),
        (#"{"fault":"html","status":502,"match":{"from":"2018-01-15"}}"#, "gave up after 6 attempts"),
    ])
    func aBadChunkFailsAloneWithTheReasonAndWritesNothing(rule: String, reason: String) throws {
        try server.setFaults("[\(rule)]")
        let result = try ingest()
        #expect(result.status == 1)
        #expect(result.stderr.contains("chunk 2018-01-15..2018-01-21 failed"), "\(result.stderr)")
        #expect(result.stderr.contains(reason), "\(result.stderr)")
        #expect(result.stdout.contains("7 done, 0 skipped, 1 failed"))
        // Nothing of that week is in the store; the other weeks are.
        let days = try bmrs([
            "query", "--sqlite", "--store", store, "--format", "csv",
            "SELECT count(DISTINCT settlementDate) FROM bmrs_fuelhh WHERE settlementDate BETWEEN '2018-01-15' AND '2018-01-21'",
        ])
        #expect(days.stdout == "count(DISTINCT settlementDate)\n0\n")
        // Running again with the fault gone fetches only the failed week.
        try server.reset()
        let again = try ingest()
        #expect(again.status == 0)
        #expect(try server.requestCount() == 1)
        #expect(again.stdout.contains("1 done, 7 skipped, 0 failed"))
    }

    @Test func aNonRetryableErrorIsNotRetriedAndShowsTheBody() throws {
        try server.setFaults(#"[{"fault":"status","status":400,"match":{"from":"2018-01-08"}}]"#)
        let result = try ingest()
        #expect(result.status == 1)
        #expect(try server.requestCount() == 8)
        #expect(result.stderr.contains("HTTP 400 from \(server.baseURL)/datasets/FUELHH?settlementDateFrom=2018-01-08"))
        #expect(result.stderr.contains("\"status\""))
    }

    @Test func aSpentRetryBudgetStopsTheRunCleanlyAndARerunFinishesIt() throws {
        let reference = try referenceContent()
        try server.reset()
        try server.setFaults(#"[{"fault":"status","status":500}]"#)
        let result = try ingest(["--retry-budget", "3", "--parallel", "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("retry budget (3) is spent"))
        #expect(try server.requestCount() <= 8)
        try server.reset()
        let again = try ingest()
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try content() == reference)
    }

    @Test func duplicatedRowsAreDroppedAndRestatementsRecorded() throws {
        let reference = try referenceContent()
        try server.reset()
        try server.setFaults(#"[{"fault":"duplicate_rows"}]"#)
        let duplicated = try ingest(["--json"])
        #expect(duplicated.status == 0)
        #expect(try content() == reference)
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(duplicated.stdout.utf8)) as? [String: Any])
        #expect(summary["duplicates_dropped"] as? Int == 56 * 720)
        try server.setFaults(
            """
            [{"fault":"restate","delta":100,"publish_time":"2018-03-01T00:00:00Z","rows":{"fuelType":"CCGT","settlementPeriod":[1]}}]
            """)
        let restated = try ingest(["--overwrite", "--json"])
        #expect(restated.status == 0, "\(restated.stderr)")
        let again = try #require(try JSONSerialization.jsonObject(with: Data(restated.stdout.utf8)) as? [String: Any])
        #expect(again["revised"] as? Int == 56)
        let revisions = try bmrs(
            ["query", "--sqlite", "--store", store, "--format", "csv", "SELECT count(*) FROM _bmrs_revisions"])
        #expect(revisions.stdout == "count(*)\n56\n", "\(revisions.stderr)")
    }

    @Test func overwriteMakesEachFetchedDayHoldExactlyWhatTheAPIReturned() throws {
        let reference = try referenceContent()
        _ = try ingest()
        let bogus = try directory.write(
            "bogus.csv",
            """
            Dataset,PublishTime,StartTime,SettlementDate,SettlementPeriod,FuelType,Generation
            FUELHH,2018-01-02T00:30:00Z,2018-01-02T00:00:00Z,2018-01-02,1,BOGUS,1

            """)
        #expect(try bmrs(["load", "--store", store, "--dataset", "FUELHH", bogus]).status == 0)
        #expect(try content() != reference)
        try server.reset()
        let plain = try ingest()
        #expect(try server.requestCount() == 0, "done chunks are skipped")
        #expect(plain.status == 0)
        let overwrite = try ingest(["--overwrite", "--json"])
        #expect(overwrite.status == 0, "\(overwrite.stderr)")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(overwrite.stdout.utf8)) as? [String: Any])
        #expect(summary["removed"] as? Int == 1)
        #expect(try server.requestCount() == 8)
        #expect(try content() == reference)
    }

    @Test func fromArchiveRederivesTheRangeWithoutTheNetwork() throws {
        let reference = try referenceContent()
        _ = try ingest()
        // Lose the data (as a parse bug would), keep the archive.
        let db = try Database(path: store)
        try db.execute(sql: "DELETE FROM _bmrs_partitions; DELETE FROM _bmrs_blobs; DELETE FROM _bmrs_hot_bmrs_fuelhh;")
        try server.reset()
        let replay = try bmrs(
            ["ingest", "FUELHH", "--store", store, "--from-archive", "--api-base", "http://127.0.0.1:9"]
                + Self.range)
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(try server.requestCount() == 0)
        #expect(try content() == reference)
    }

    @Test func aKilledRunLosesNothingReportedDoneAndARerunCompletesIt() throws {
        let reference = try referenceContent()
        try server.reset()
        // The third week's request hangs. With one worker, it is only sent once the first week is merged and the
        // second handed to the merger, so when it reaches the server one or two weeks are done.
        try server.setFaults(#"[{"fault":"slow","delay":60,"match":{"from":"2018-01-15"}}]"#)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.binary)
        process.arguments =
            ["ingest", "FUELHH", "--store", store, "--api-base", server.baseURL, "--parallel", "1"] + Self.range
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try server.waitForFaults(1)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // A reset answers the hanging request at once and leaves it out of the counts.
        try server.reset()
        let done =
            try Database(path: store, mode: .readOnly)
            .scalar(sql: "SELECT count(*) FROM _bmrs_chunks WHERE state = 'done'")?.integerValue ?? -1
        #expect(done >= 1 && done < 8)
        #expect(try bmrs(["verify", "--store", store]).status == 0)
        try server.reset()
        let rerun = try ingest()
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try server.requestCount() == 8 - Int(done))
        #expect(try content() == reference)
        // The killed run was marked interrupted when the rerun took the write lock.
        let statuses = try Database(path: store, mode: .readOnly).rows(
            sql: "SELECT status FROM _bmrs_runs WHERE kind = 'ingest' ORDER BY run_id")
        #expect(statuses.suffix(2) == [[.text("interrupted")], [.text("ok")]])
    }

    @Test func theDefaultRangeOfAFreshStoreIsYesterdayAndToday() throws {
        let result = try bmrs(
            ["ingest", "FUELINST", "--store", store, "--api-base", server.baseURL, "--json"],
            environment: ["BMRS_NOW": "2018-03-10T12:00:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(summary["start"] as? String == "2018-03-09")
        #expect(summary["end"] as? String == "2018-03-10")
        #expect(summary["chunks_planned"] as? Int == 2)
    }

    @Test func rejectsWrongFlagsWithUsageErrors() throws {
        for arguments in [
            ["--start", "2018-02-30"], ["--start", "2018-03-01", "--end", "2018-02-01"], ["--chunk", "0"],
            ["--parallel", "0"], ["--api-base", "ftp://x"],
        ] {
            let result = try bmrs(["ingest", "FUELHH", "--store", store] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(!result.stderr.isEmpty)
        }
        #expect(try bmrs(["ingest", "NOPE", "--store", store]).stderr.contains("unknown dataset"))
    }
}

/// The daily run: recent windows are fetched again by the next run, older ones are not.
@Suite struct DailyRunTests {
    @Test func recentWindowsStayOpenForTheNextRun() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("store.sqlite")
        let server = try InsightsServer()
        let arguments = ["ingest", "FUELINST", "--store", store, "--api-base", server.baseURL]
        #expect(try bmrs(arguments).status == 0)
        #expect(try server.requestCount() == 2)
        // Yesterday and today are still being published: the next run fetches them again.
        let again = try bmrs(arguments)
        #expect(again.stdout.contains("2 done, 0 skipped"), "\(again.stdout)")
        #expect(try server.requestCount() == 4)
        let states = try Database(path: store, mode: .readOnly).rows(sql: "SELECT DISTINCT state FROM _bmrs_chunks")
        #expect(states == [[.text("recent")]])
    }
}

/// The progress line appears on a terminal and nowhere else.
@Suite struct ProgressTests {
    @Test func showsProgressOnATerminalOnly() throws {
        let directory = TemporaryDirectory()
        let server = try InsightsServer()
        let command = [
            TestSupport.binary, "ingest", "FUELHH", "--store", directory.file("a.sqlite"), "--api-base",
            server.baseURL, "--start", "2018-01-01", "--end", "2018-01-21",
        ].joined(separator: " ")
        // script(1) runs the command on a pseudo-terminal.
        let onTerminal = try run("/usr/bin/script", ["-qec", command, "/dev/null"])
        #expect(onTerminal.status == 0)
        #expect(onTerminal.stdout.contains("3/3 chunks, 15120 rows"), "\(onTerminal.stdout)")
        let piped = try bmrs([
            "ingest", "FUELHH", "--store", directory.file("b.sqlite"), "--api-base", server.baseURL,
            "--start", "2018-01-01", "--end", "2018-01-21",
        ])
        #expect(!piped.stderr.contains("chunks,"))
        #expect(piped.stdout.hasPrefix("ingested FUELHH 2018-01-01..2018-01-21: 15120 rows fetched"))
    }
}
