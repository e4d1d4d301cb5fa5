import Foundation
import SQLite
import TestSupport
import Testing

/// Hardening of `bmrs ingest` (issue 6): cut bodies are retried, empty answers for past windows are not final,
/// runs always end in a recorded state, and the daily run's default range follows the restatement window in
/// Europe/London settlement days.
@Suite struct IngestRecoveryTests {
    let directory = TemporaryDirectory()
    let server: InsightsServer
    var store: String { directory.file("store.sqlite") }
    static let range = ["--start", "2018-01-01", "--end", "2018-02-25"]
    static let columns = "settlementDate, settlementPeriod, fuelType, generation, publishTime, startTime"

    init() throws {
        server = try InsightsServer()
    }

    func ingest(_ extra: [String] = [], range: [String] = range, now: String? = nil) throws -> ProcessResult {
        try bmrs(
            [
                "ingest", "FUELHH", "--store", store, "--api-base", server.baseURL, "--backoff", "0.01",
                "--max-retry-after", "0.2",
            ] + range + extra, environment: now.map { ["BMRS_NOW": $0] } ?? [:])
    }

    func content(_ path: String, where condition: String = "true") throws -> String {
        try bmrs([
            "query", "--store", path, "--format", "csv",
            "SELECT \(Self.columns) FROM bmrs_fuelhh WHERE \(condition) ORDER BY 1, 2, 3",
        ]).stdout
    }

    /// The rows of the fixture file itself, loaded into a store of their own.
    func fileContent(where condition: String) throws -> String {
        let path = directory.file("file.sqlite")
        if !FileManager.default.fileExists(atPath: path) {
            let load = try bmrs([
                "load", "--store", path, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018.json.zst"),
            ])
            #expect(load.status == 0, "\(load.stderr)")
        }
        return try content(path, where: condition)
    }

    func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func rows(_ sql: String) throws -> [[SQLiteValue]] {
        try Database(path: store, mode: .readOnly).rows(sql: sql)
    }

    // MARK: - Defect 11: a cut body is retried like a 5xx

    @Test(arguments: [
        #"{"fault":"truncate","bytes":5000,"times":2,"match":{"from":"2018-01-15"}}"#,
        #"{"fault":"invalid_json","times":2,"match":{"from":"2018-01-15"}}"#,
        #"{"fault":"html","status":200,"times":2,"match":{"from":"2018-01-15"}}"#,
    ])
    func aCutOrNonJSONBodyIsRetriedArchivedAndTheChunkRecovers(rule: String) throws {
        try server.setFaults("[\(rule)]")
        let result = try ingest()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("8 done, 0 skipped, 0 failed"), "\(result.stdout)")
        #expect(result.stdout.contains("10 requests, 2 retries"), "\(result.stdout)")
        #expect(try content(store) == fileContent(where: "settlementDate BETWEEN '2018-01-01' AND '2018-02-25'"))
        // Each bad body is archived with the good one that followed.
        let archived = try rows(
            "SELECT count(*) FROM _bmrs_responses WHERE url LIKE '%settlementDateFrom=2018-01-15%' AND status = 200")
        #expect(archived == [[.integer(3)]])
    }

    @Test func oneRunFinishesTheYearUnderCutBodiesServerErrorsAndRateLimits() throws {
        // The fault mix of issue 6: 5% of bodies cut, 20% of requests a 500, every 5th request a 429.
        let seeds = (cut: 5, status: 11)
        print("fault seeds: cut \(seeds.cut), status \(seeds.status)")
        try server.setFaults(
            """
            [{"fault":"retry_after","retry_after":"1","every":5},
             {"fault":"truncate","bytes":20000,"probability":0.05,"seed":\(seeds.cut)},
             {"fault":"status","status":500,"probability":0.2,"seed":\(seeds.status)}]
            """)
        // One request at a time, so the seeded fault sequence meets the chunks in the same order every run.
        let result = try ingest(
            ["--parallel", "1", "--json"], range: ["--start", "2018-01-01", "--end", "2018-12-31"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try json(result)
        #expect(summary["chunks_done"] as? Int == 53)
        #expect(summary["chunks_failed"] as? Int == 0)
        let stats = try server.stats()
        let byFault = stats["by_fault"] as? [String: Int] ?? [:]
        #expect((byFault["truncate"] ?? 0) > 0, "the seed cuts some bodies: \(byFault)")
        #expect(summary["requests"] as? Int == stats["requests"] as? Int)
        #expect(
            try rows("SELECT count(*) FROM _bmrs_responses") == [[.integer(Int64(stats["requests"] as? Int ?? -1))]])
        #expect(try content(store) == fileContent(where: "true"))
    }

    // MARK: - Defect 7: an empty answer for a past window is not final

    @Test func anEmptyAnswerForAPastWindowIsReportedRecordedEmptyAndFetchedAgain() throws {
        try server.setFaults(#"[{"fault":"empty","match":{"from":"2018-01-15"}}]"#)
        let first = try ingest()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("chunks 7 done, 0 skipped, 0 failed, 1 empty;"), "\(first.stdout)")
        #expect(first.stderr.contains("chunk 2018-01-15..2018-01-21 returned no rows"), "\(first.stderr)")
        #expect(
            try rows("SELECT state, rows FROM _bmrs_chunks WHERE window_start = 17546")  // 2018-01-15
                == [[.text("empty"), .integer(0)]])
        // The next run whose range covers it fetches it again (and only it).
        try server.reset()
        let again = try ingest(["--json"])
        #expect(again.status == 0, "\(again.stderr)")
        let summary = try json(again)
        #expect(summary["chunks_done"] as? Int == 1)
        #expect(summary["chunks_skipped"] as? Int == 7)
        #expect(summary["chunks_empty"] as? Int == 0)
        #expect(try server.requestCount() == 1)
        #expect(try content(store) == fileContent(where: "settlementDate BETWEEN '2018-01-01' AND '2018-02-25'"))
        #expect(try rows("SELECT DISTINCT state FROM _bmrs_chunks") == [[.text("done")]])
    }

    @Test func theJSONSummaryListsEmptyWindowsAndOverwriteKeepsTheirRows() throws {
        #expect(try ingest().status == 0)
        let before = try content(store)
        try server.setFaults(#"[{"fault":"empty","match":{"from":"2018-02-05"}}]"#)
        let result = try ingest(["--overwrite", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try json(result)
        #expect(summary["chunks_empty"] as? Int == 1)
        #expect(summary["empty"] as? [String] == ["2018-02-05..2018-02-11"])
        #expect(try content(store) == before, "an empty answer removes nothing")
    }

    // MARK: - Defect 8: runs always end in a recorded state

    @Test func aRunLeftRunningByAKilledProcessIsMarkedInterruptedByTheNextWriter() throws {
        #expect(try ingest().status == 0)
        // What kill -9 leaves behind: a run still `running`, with no process holding the write lock.
        let db = try Database(path: store)
        try db.execute(
            sql:
                "INSERT INTO _bmrs_runs(kind, dataset, started_utc, status) VALUES ('ingest', 'FUELHH', '2018-03-01T00:00:00Z', 'running')"
        )
        #expect(try bmrs(["query", "--store", store, "SELECT 1"]).status == 0)
        #expect(
            try rows("SELECT count(*) FROM _bmrs_runs WHERE status = 'running'") == [[.integer(1)]],
            "readers change nothing")
        #expect(try bmrs(["migrate", "--store", store]).status == 0)
        let runs = try rows("SELECT status, finished_utc IS NOT NULL, error FROM _bmrs_runs ORDER BY run_id")
        #expect(runs.map { $0[0] } == [.text("ok"), .text("interrupted")])
        #expect(runs.last?[1] == .integer(1))
        if case .text(let error) = runs.last?[2] { #expect(error.contains("killed")) } else { Issue.record("no error") }
    }

    @Test func aFailedCompactionAfterAnIngestEndsTheRunFailedWithTheError() throws {
        // Days within the restatement window stay hot...
        let first = try ingest(range: ["--start", "2018-01-08", "--end", "2018-01-10"], now: "2018-01-10T12:00:00Z")
        #expect(first.status == 0, "\(first.stderr)")
        // ...until a later run's compaction seals them; make sealing fail.
        try Database(path: store).execute(
            sql:
                "CREATE TRIGGER refuse_blobs BEFORE INSERT ON _bmrs_blobs BEGIN SELECT RAISE(ABORT, 'no room for blobs'); END"
        )
        let second = try ingest(range: ["--start", "2018-01-29", "--end", "2018-02-01"], now: "2018-02-01T12:00:00Z")
        #expect(second.status == 1)
        #expect(second.stderr.contains("no room for blobs"), "\(second.stderr)")
        let last = try rows("SELECT status, error FROM _bmrs_runs ORDER BY run_id DESC LIMIT 1")
        #expect(last.first?[0] == .text("failed"))
        if case .text(let error) = last.first?[1] {
            #expect(error.contains("compaction") && error.contains("no room for blobs"), "\(error)")
        } else {
            Issue.record("the run has no error")
        }
    }

    // MARK: - Footprint: the fetch workers are bounded and stopped

    @Test func whenMergingFailsTheWorkersStopWithinParallelWindowsAndTheRunEndsInError() throws {
        #expect(try bmrs(["migrate", "--store", store]).status == 0)
        try Database(path: store).execute(
            sql: """
                CREATE TRIGGER refuse_week BEFORE INSERT ON _bmrs_chunks WHEN NEW.window_start = 17546
                BEGIN SELECT RAISE(ABORT, 'the merge is refused'); END
                """)
        let result = try ingest(["--parallel", "4"], range: ["--start", "2018-01-01", "--end", "2018-12-31"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the merge is refused"), "\(result.stderr)")
        // The third of 53 weeks fails to merge: at most --parallel windows beyond it were ever handed out.
        #expect(try server.requestCount() <= 3 + 4)
        let last = try rows("SELECT status, error FROM _bmrs_runs ORDER BY run_id DESC LIMIT 1")
        #expect(last.first?[0] == .text("error"))
        #expect(try rows("SELECT count(*) FROM _bmrs_chunks") == [[.integer(2)]])
    }

    // MARK: - Defect 12: the daily run's default range

    @Test func theDailyRunFetchesAgainFromTheOldestRecentWindowAtMostTheRestatementWindowBack() throws {
        let daily = ["--chunk", "1", "--json"]
        let first = try json(try ingest(daily, range: [], now: "2018-06-25T12:00:00Z"))
        #expect(first["start"] as? String == "2018-06-24")
        #expect(first["end"] as? String == "2018-06-25")
        let second = try json(try ingest(daily, range: [], now: "2018-06-30T12:00:00Z"))
        #expect(second["start"] as? String == "2018-06-24", "the oldest recent window")
        #expect(second["end"] as? String == "2018-06-30")
        #expect(second["chunks_planned"] as? Int == 7)
        let third = try json(try ingest(daily, range: [], now: "2018-07-04T12:00:00Z"))
        #expect(third["start"] as? String == "2018-06-27", "at most the 7-day restatement window back")
        #expect(third["chunks_planned"] as? Int == 8)
    }

    @Test(arguments: [
        ("2018-06-30T23:30:00Z", "2018-06-30", "2018-07-01"),  // 00:30 BST: London's 1 July has begun
        ("2018-06-30T22:59:59Z", "2018-06-29", "2018-06-30"),
        ("2018-01-10T23:30:00Z", "2018-01-09", "2018-01-10"),  // GMT: London is UTC
        ("2018-10-27T23:30:00Z", "2018-10-27", "2018-10-28"),  // the autumn change day begins at 23:00 UTC
    ])
    func todayIsTheEuropeLondonSettlementDay(now: String, start: String, end: String) throws {
        let summary = try json(try ingest(["--json"], range: [], now: now))
        #expect(summary["start"] as? String == start)
        #expect(summary["end"] as? String == end)
    }

    @Test func theHelpExplainsTheDefaultRangeAndTheTestClock() throws {
        let help = try bmrs(["ingest", "--help"]).stdout
        #expect(help.contains("Europe/London"))
        #expect(help.contains("the oldest recent window, at most 7 days"))
        #expect(help.contains("BMRS_NOW"))
        let bad = try bmrs(["ingest", "FUELHH", "--store", store], environment: ["BMRS_NOW": "yesterday"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("BMRS_NOW must be an ISO timestamp"))
    }
}
