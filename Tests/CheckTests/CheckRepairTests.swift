import Foundation
import TestSupport
import Testing

/// `bmrs check --repair` and the ingest error rate, against the loopback Insights test server (real 2018 data).
@Suite(.serialized) struct CheckRepairTests {
    let fixtures = CheckFixtures()
    let server: InsightsServer

    init() throws {
        server = try InsightsServer()
    }

    @Test func repairReingestsTheWindowsWithMissingPeriodsAndChecksAgain() throws {
        try fixtures.load(
            [try fixtures.autumnDay { ["3", "4"].contains($0[4]) || ($0[4] == "9" && $0[5] == "WIND") ? nil : $0 }],
            dataset: "FUELHH")
        let range = ["--table", "bmrs_fuelhh", "--start", "2018-10-27", "--end", "2018-10-28"]
        let before = try fixtures.check(range + ["--format", "json"])
        #expect(before.status == 2)  // 2018-10-27 is not in the store at all
        let windows = try CheckFixtures.json(before.stdout)["repairWindows"] as? [[String: String]]
        #expect(windows == [["dataset": "FUELHH", "table": "bmrs_fuelhh", "start": "2018-10-27", "end": "2018-10-28"]])
        let repaired = try fixtures.check(range + ["--repair", "--api-base", server.baseURL])
        #expect(repaired.status == 0, "\(repaired.stdout)\(repaired.stderr)")
        #expect(
            repaired.stderr.contains("repair: FUELHH 2018-10-27..2018-10-28: 1470 rows fetched, 751 inserted"),
            "\(repaired.stderr)")
        #expect(repaired.stderr.contains("nothing is missing any more"))
        #expect(repaired.stdout.hasPrefix("bmrs check: ok"), "\(repaired.stdout)")
        #expect(try server.requestCount() == 1)
        // A window the API cannot serve stays missing, and the check says so.
        try server.setFaults(#"[{"fault":"empty"}]"#)
        let noData = try fixtures.check(
            [
                "--table", "bmrs_fuelhh", "--start", "2018-11-01", "--end", "2018-11-01", "--repair", "--api-base",
                server.baseURL,
            ])
        #expect(noData.status == 2)
        #expect(noData.stderr.contains("1 gap(s) still missing after re-ingesting"), "\(noData.stderr)")
    }

    @Test func failedChunksGiveTheErrorRateAndTheAPIHealthMetrics() throws {
        try server.setFaults(#"[{"fault":"status","status":400,"match":{"from":"2018-01-15"}}]"#)
        let ingest = try bmrs([
            "ingest", "FUELHH", "--store", fixtures.store, "--start", "2018-01-01", "--end", "2018-01-28",
            "--api-base", server.baseURL, "--no-compact",
        ])
        #expect(ingest.status == 1)
        let range = ["--table", "bmrs_fuelhh", "--start", "2018-01-01", "--end", "2018-01-28"]
        let result = try fixtures.check(range + ["--format", "json"])
        #expect(result.status == 2)
        let errors = try CheckFixtures.findings(result.stdout).filter { $0["check"] as? String == "errors" }
        #expect(errors.first?["severity"] as? String == "critical")
        #expect((errors.first?["message"] as? String)?.contains("FUELHH: 1 of 4 chunks failed") == true, "\(errors)")
        #expect(try CheckFixtures.metric(result.stdout, "bmrs_check_error_rate", ["dataset": "FUELHH"]) == 0.25)
        #expect(try CheckFixtures.metric(result.stdout, "bmrs_check_responses", ["dataset": "FUELHH"]) == 4)
        #expect(try CheckFixtures.metric(result.stdout, "bmrs_check_retry_rate", ["dataset": "FUELHH"]) == 0)
        let p95 = try CheckFixtures.metric(result.stdout, "bmrs_check_api_latency_seconds", ["quantile": "0.95"])
        #expect((p95 ?? 0) > 0)
        // Thresholds: 25% is a warning when critical starts above 30%, and ok above 30% for both.
        #expect(
            try fixtures.check(
                range + ["--error-rate-critical", "30", "--missing-critical", "100000", "--missing-warning", "100000"]
            ).status == 1)
        #expect(
            try fixtures.check(
                range + [
                    "--error-rate-warning", "30", "--error-rate-critical", "30", "--missing-critical", "100000",
                    "--missing-warning", "100000",
                ]
            ).status == 0)
    }
}
