import Foundation
import TestSupport
import Testing

/// `bmrs check` run as a binary on real fixture stores: findings, thresholds, formats and exit codes.
@Suite(.serialized) struct CheckCommandTests {
    let fixtures = CheckFixtures()

    @Test func clockChangeDaysAreCompleteWith46And50Periods() throws {
        try fixtures.load(
            [TestSupport.fixture("FUELHH_2018-03-25.stream.json.gz"), TestSupport.fixture("FUELHH_2018-10-28.csv")],
            dataset: "FUELHH")
        for (day, periods) in [("2018-03-25", 46), ("2018-10-28", 50)] {
            let result = try fixtures.check([
                "--table", "bmrs_fuelhh", "--start", day, "--end", day, "--format", "json",
            ])
            #expect(result.status == 0, "\(result.stdout)")
            #expect(try CheckFixtures.json(result.stdout)["status"] as? String == "ok")
            #expect(
                try CheckFixtures.metric(result.stdout, "bmrs_check_expected_periods", ["table": "bmrs_fuelhh"])
                    == Double(periods))
            #expect(try CheckFixtures.metric(result.stdout, "bmrs_check_missing_periods") == 0)
        }
        let text = try fixtures.check(["--table", "bmrs_fuelhh", "--start", "2018-10-28", "--end", "2018-10-28"])
        #expect(
            text.stdout
                == "bmrs check: ok (0 critical, 0 warning, 0 info) 2018-10-28..2018-10-28; bmrs_fuelhh 50/50 periods (100%)\n"
        )
    }

    @Test func removedPeriodsAreRangesWithUTCTimesAndTheFixingCommand() throws {
        try fixtures.load([try fixtures.autumnDay { ["3", "4"].contains($0[4]) ? nil : $0 }], dataset: "FUELHH")
        let range = ["--table", "bmrs_fuelhh", "--start", "2018-10-28", "--end", "2018-10-28"]
        let text = try fixtures.check(range)
        #expect(text.status == 1)
        #expect(
            text.stdout.hasPrefix(
                "WARNING completeness bmrs_fuelhh 2018-10-28: 2 of 50 periods missing (1 h): SP3–SP4, 00:00–01:00 UTC"
                    + " — fix: bmrs ingest FUELHH --start 2018-10-28 --end 2018-10-28 --overwrite\n"), "\(text.stdout)")
        let json = try fixtures.check(range + ["--format", "json"])
        #expect(json.status == 1)
        let finding = try #require(try CheckFixtures.findings(json.stdout).first)
        #expect(finding["check"] as? String == "completeness")
        #expect(finding["severity"] as? String == "warning")
        #expect(finding["settlementDate"] as? String == "2018-10-28")
        #expect(finding["expectedPeriods"] as? Int == 50)
        #expect(finding["missingPeriods"] as? [Int] == [3, 4])
        #expect(finding["fuelType"] == nil)
        // Thresholds from flags and from a JSON config file; flags win.
        #expect(try fixtures.check(range + ["--missing-critical", "30"]).status == 2)
        let lenient = try fixtures.directory.write("lenient.json", #"{"missingWarningMinutes": 60}"#)
        #expect(try fixtures.check(range + ["--config", lenient]).status == 0)
        #expect(try fixtures.check(range + ["--config", lenient, "--missing-warning", "15"]).status == 1)
        let typo = try fixtures.directory.write("typo.json", #"{"missingWarningMinute": 60}"#)
        let refused = try fixtures.check(range + ["--config", typo])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("unknown setting 'missingWarningMinute'"), "\(refused.stderr)")
    }

    @Test func aGapOfOneFuelTypeNamesTheFuelType() throws {
        try fixtures.load([try fixtures.autumnDay { $0[4] == "10" && $0[5] == "WIND" ? nil : $0 }], dataset: "FUELHH")
        let result = try fixtures.check(
            ["--table", "bmrs_fuelhh", "--start", "2018-10-28", "--end", "2018-10-28", "--format", "json"])
        #expect(result.status == 1)
        let findings = try CheckFixtures.findings(result.stdout)
        #expect(findings.count == 1)
        #expect(findings.first?["fuelType"] as? String == "WIND")
        #expect(findings.first?["missingPeriods"] as? [Int] == [10])
    }

    // A startTime that disagrees with its period no longer loads (the parser refuses it: ValidationTests), so the
    // accuracy check's startTime finding is covered over hand-made facts in CheckerTests.
    @Test func corruptedValuesAreListedWithTheirKey() throws {
        let corrupt = try fixtures.autumnDay { fields in
            var f = fields
            if f[4] == "5" && f[5] == "CCGT" { f[6] = "-40" }
            if f[4] == "6" && f[5] == "WIND" { f[6] = "900000" }
            return f
        }
        try fixtures.copyYear()
        try fixtures.load([corrupt], dataset: "FUELHH")
        let result = try fixtures.check(
            ["--table", "bmrs_fuelhh", "--start", "2018-10-28", "--end", "2018-10-28", "--format", "json"])
        #expect(result.status == 1, "\(result.stdout)")
        let findings = try CheckFixtures.findings(result.stdout).filter { $0["check"] as? String == "accuracy" }
        let keys = findings.compactMap { $0["key"] as? [String: Any] }.map {
            "\($0["settlementDate"] as? String ?? "") SP\($0["settlementPeriod"] as? Int ?? 0) \($0["fuelType"] as? String ?? "")"
        }
        #expect(
            keys.sorted() == ["2018-10-28 SP5 CCGT", "2018-10-28 SP6 WIND"], "\(findings)")
        #expect(
            try CheckFixtures.metric(result.stdout, "bmrs_check_accuracy_problems", ["kind": "negative"]) == 1)
    }

    @Test func revisionsAndDuplicatesAreCountedAndTheMostRevisedDaysNamed() throws {
        let original = try fixtures.autumnDay()
        let restated = try fixtures.autumnDay("restated.csv") { fields in
            var f = fields
            if f[4] == "20" && f[5] == "CCGT" {
                f[1] = "2018-10-29T09:00:00Z"
                f[6] = "1234"
            }
            return f
        }
        try fixtures.load([original], dataset: "FUELHH")
        try fixtures.load([original], dataset: "FUELHH")
        try fixtures.load([restated], dataset: "FUELHH")
        let result = try fixtures.check(
            ["--table", "bmrs_fuelhh", "--start", "2018-10-28", "--end", "2018-10-28", "--format", "json"])
        #expect(result.status == 0)
        #expect(try CheckFixtures.metric(result.stdout, "bmrs_check_revisions") == 1)
        #expect(try CheckFixtures.metric(result.stdout, "bmrs_check_duplicates_total") == 750 + 749)
        #expect(try CheckFixtures.metric(result.stdout, "bmrs_check_revised_total") == 1)
        let note = try CheckFixtures.findings(result.stdout).first { $0["check"] as? String == "duplication" }
        #expect(note?["severity"] as? String == "info")
        #expect((note?["message"] as? String)?.contains("most revised days: 2018-10-28 (1)") == true)
    }

    @Test func agedDataIsLateAgainstTheSchedule() throws {
        try fixtures.load([TestSupport.fixture("FUELHH_2018-10-28.csv")], dataset: "FUELHH")
        let range = ["--table", "bmrs_fuelhh", "--start", "2018-10-28"]
        // The newest publishTime is 2018-10-29T00:00Z; daily schedule (no ingest runs recorded).
        #expect(try fixtures.check(range + ["--end", "2018-10-29"], now: "2018-10-29T06:00:00Z").status == 0)
        let late = try fixtures.check(range + ["--end", "2018-10-30"], now: "2018-10-30T00:20:00Z")
        #expect(late.status == 1, "\(late.stdout)")
        #expect(late.stdout.contains("WARNING timeliness bmrs_fuelhh FUELHH: newest data published 24 h 20 min ago"))
        let later = try fixtures.check(
            range + ["--end", "2018-10-30", "--format", "json"], now: "2018-10-30T12:00:00Z")
        #expect(later.status == 2)
        #expect(try CheckFixtures.metric(later.stdout, "bmrs_check_data_lag_seconds") == 36 * 3600)
        #expect(
            try fixtures.check(range + ["--end", "2018-10-30", "--schedule", "weekly"], now: "2018-10-30T12:00:00Z")
                .status == 0)
        // A historical range is not judged on the feed's lag.
        #expect(try fixtures.check(range + ["--end", "2018-10-28"], now: "2019-10-30T12:00:00Z").status == 0)
    }

    @Test func storageIsJudgedAgainstABudget() throws {
        try fixtures.load([TestSupport.fixture("FUELHH_2018-10-28.csv")], dataset: "FUELHH")
        let range = ["--start", "2018-10-28", "--end", "2018-10-28", "--table", "bmrs_fuelhh"]
        let fine = try fixtures.check(range + ["--storage-budget", "1000000000", "--format", "json"])
        #expect(fine.status == 0)
        #expect((try CheckFixtures.metric(fine.stdout, "bmrs_check_store_bytes") ?? 0) > 0)
        #expect((try CheckFixtures.metric(fine.stdout, "bmrs_check_store_part_bytes", ["part": "data"]) ?? 0) > 0)
        let size = try CheckFixtures.metric(fine.stdout, "bmrs_check_store_bytes") ?? 0
        #expect(try fixtures.check(range + ["--storage-budget", "\(Int(size / 0.85))"]).status == 1)
        let full = try fixtures.check(range + ["--storage-budget", "\(Int(size))"])
        #expect(full.status == 2)
        #expect(full.stdout.contains("CRITICAL storage the store takes"))
    }

    @Test func whenTheCheckCannotRunItExitsThree() throws {
        let missing = try fixtures.check([])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("there is no store at"))
        try fixtures.load([TestSupport.fixture("FUELHH_2018-10-28.csv")], dataset: "FUELHH")
        for (arguments, now, message) in [
            (["--format", "xml"], "2019-01-01", "--format must be"),
            (["--start", "2018-13-01"], "2019-01-01", "--start must be a date"),
            (["--table", "nope"], "2019-01-01", "unknown table 'nope'"),
            (["--schedule", "sometimes"], "2019-01-01", "--schedule must be"),
            ([], "yesterday", "BMRS_NOW must be"),
            (["--output", fixtures.directory.file("no/such/dir.prom")], "2019-01-01", "cannot create"),
        ] {
            let result = try fixtures.check(arguments, now: now)
            #expect(result.status == 3, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }

    @Test func outputIsWrittenAtomicallyInEveryFormatWithTheSameExitStatus() throws {
        try fixtures.load([try fixtures.autumnDay { $0[4] == "9" ? nil : $0 }], dataset: "FUELHH")
        for format in ["text", "json", "prometheus", "html"] {
            let path = fixtures.directory.file("out.\(format)")
            let result = try fixtures.check(
                ["--start", "2018-10-28", "--end", "2018-10-28", "--format", format, "--output", path])
            #expect(result.status == 1, "\(format)")
            #expect(result.stdout.isEmpty)
            let written = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!written.isEmpty)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixtures.directory.path)
            .filter { $0.contains(".tmp.") }
        #expect(leftovers.isEmpty)
    }
}
