import Foundation
import TestSupport
import Testing

/// The whole 2018 FUELHH year and the May 2023 FUELINST week: real gaps, clock changes, the HTML page in a real
/// browser and the Prometheus text through a real parser.
@Suite(.serialized) struct CheckRealDataTests {
    let fixtures = CheckFixtures()

    @Test func theYearIsCompleteExceptTheLastDayAndClockChangeDaysAreNotGaps() throws {
        try fixtures.copyYear()
        let range = ["--table", "bmrs_fuelhh", "--start", "2018-01-01", "--end", "2018-12-31"]
        let result = try fixtures.check(range + ["--format", "json"])
        #expect(result.status == 2)
        let gaps = try CheckFixtures.findings(result.stdout).filter { $0["check"] as? String == "completeness" }
        #expect(gaps.count == 1)
        #expect(gaps.first?["settlementDate"] as? String == "2018-12-31")
        #expect(gaps.first?["missingPeriods"] as? [Int] == Array(2...48))
        #expect(try CheckFixtures.metric(result.stdout, "bmrs_check_expected_periods") == 17_520 - 2 + 2)
        let html = fixtures.directory.file("year.html")
        #expect(try fixtures.check(range + ["--format", "html", "--output", html]).status == 2)
        let size = try FileManager.default.attributesOfItem(atPath: html)[.size] as? Int ?? 0
        #expect(size > 0 && size <= 500_000, "the year's page is \(size) bytes")
    }

    static let june = "2023-06-01T12:00:00Z"

    @Test func theMay2023WeekShowsItsTwoRealOutages() throws {
        try fixtures.load([
            TestSupport.fixture("FUELINST_20230507-20230514.json.zst"),
            TestSupport.fixture("FUELINST_20230513-20230515.json.zst"),
        ])
        let range = ["--start", "2023-05-08", "--end", "2023-05-14"]
        let json = try fixtures.check(range + ["--format", "json"], now: Self.june)
        #expect(json.status == 2)
        let gaps = try CheckFixtures.findings(json.stdout).filter { $0["check"] as? String == "completeness" }
            .filter { $0["severity"] as? String != "info" }
        let summary = gaps.map { "\($0["settlementDate"] as? String ?? "") \($0["missingPeriods"] as? [Int] ?? [])" }
        #expect(
            summary.sorted() == [
                "2023-05-08 \(Array(33...43))", "2023-05-11 \(Array(26...48))", "2023-05-12 \(Array(1...41))",
            ])
        #expect(gaps.allSatisfy { $0["fuelType"] == nil && $0["table"] as? String == "bmrs_fuelinst" })
        let text = try fixtures.check(range, now: Self.june)
        #expect(text.status == 2)
        #expect(
            text.stdout.contains(
                "CRITICAL completeness bmrs_fuelinst 2023-05-08: 11 of 48 periods missing (5 h 30 min): "
                    + "SP33–SP43, 15:00–20:30 UTC — fix: bmrs ingest FUELINST --start 2023-05-08 --end 2023-05-08 --overwrite"
            ))
        #expect(text.stdout.contains("bmrs_fuelhh holds no data; not checked"))
        try prometheusParses(range)
        try htmlShowsTheGapsInABrowser(range)
    }

    /// The Prometheus text parses with prometheus_client's parser (from .venv, which .ci/run creates).
    func prometheusParses(_ range: [String]) throws {
        let python = TestSupport.root + "/.venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI must have .venv with prometheus_client")
            print(
                "skipping the Prometheus parser check: no \(python) (run .ci/run, or python3 -m venv .venv && "
                    + ".venv/bin/pip install prometheus_client)")
            return
        }
        let path = fixtures.directory.file("bmrs.prom")
        #expect(try fixtures.check(range + ["--format", "prometheus", "--output", path], now: Self.june).status == 2)
        let script = """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            n = 0
            for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                for s in family.samples:
                    n += 1
                    if s.name == "bmrs_check_missing_periods" and s.labels.get("table") == "bmrs_fuelinst":
                        print("missing", int(s.value))
            print("samples", n)
            """
        let parsed = try run(python, ["-c", script, path])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        #expect(parsed.stdout.contains("missing 75"), "\(parsed.stdout)")
    }

    /// The HTML page, rendered by headless chromium: the gap cells of the week are in the DOM, marked as gaps.
    func htmlShowsTheGapsInABrowser(_ range: [String]) throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let chromium else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI must have chromium")
            print("skipping the browser check: no chromium (apt-get install chromium)")
            return
        }
        let path = fixtures.directory.file("check.html")
        #expect(try fixtures.check(range + ["--format", "html", "--output", path], now: Self.june).status == 2)
        let dom = try run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + fixtures.directory.file("chromium"),
                "--dump-dom", "file://" + path,
            ])
        #expect(dom.status == 0, "\(dom.stderr)")
        func cells(_ day: String) -> [Int] {
            dom.stdout.components(separatedBy: "<rect class=\"gap\" data-day=\"\(day)\" data-sp=\"").dropFirst()
                .compactMap { Int($0.prefix { $0.isNumber }) }
        }
        #expect(cells("2023-05-08") == Array(33...43), "\(dom.stdout.prefix(500))")
        #expect(cells("2023-05-11") == Array(26...48))
        #expect(cells("2023-05-12") == Array(1...41))
        #expect(cells("2023-05-09").isEmpty)
        #expect(dom.stdout.contains("<svg class=\"calendar\" data-table=\"bmrs_fuelinst\""))
    }
}
