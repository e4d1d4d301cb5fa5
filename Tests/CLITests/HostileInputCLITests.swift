import Foundation
import TestSupport
import Testing

/// The command line against input that used to crash it or hide the real error.
@Suite struct HostileInputCLITests {
    let directory = TemporaryDirectory()
    var store: String { directory.file("store.sqlite") }

    @Test func loadNamesTheRealErrorAndReadsTheDatasetFromAnyForm() throws {
        let truncated = try directory.write(
            "cut.json.zst", bytes: Array(try TestSupport.fixtureBytes("FUELHH_2018.json.zst").prefix(5000)))
        let html = try directory.write("page.json", "<html><body>502 Bad Gateway</body></html>")
        let empty = try directory.write("empty.json", "")
        for (file, reason) in [(truncated, "zstd data is truncated"), (html, "HTML"), (empty, "the body is empty")] {
            let result = try bmrs(["load", "--store", store, file])
            #expect(result.status == 1)
            #expect(result.stderr.contains(reason), "\(result.stderr)")
            #expect(!result.stderr.contains("cannot tell which dataset"))
        }
        let csv = try directory.write(
            "crlf.csv",
            "\u{FEFF}FuelType,Generation,Dataset,PublishTime,StartTime,SettlementDate,SettlementPeriod\r\n"
                + "CCGT,5361,FUELHH,2018-01-01T00:30:00Z,2018-01-01T00:00:00Z,2018-01-01,1\r\n")
        let none = try directory.write("none.json", #"{"data":[]}"#)
        let load = try bmrs(["load", "--store", store, csv, none])
        #expect(load.status == 0, "\(load.stderr)")
        #expect(
            load.stdout.contains("loaded 2 of 2 file(s) into bmrs_fuelhh: 1 rows read, 1 inserted"), "\(load.stdout)")
        #expect(load.stderr.contains("none.json: the file holds no rows; nothing loaded"), "\(load.stderr)")
    }

    @Test func exportWithAStartAndNoEndExportsToTheLastDay() throws {
        _ = try bmrs(["load", "--store", store, TestSupport.fixture("FUELHH_2018-10-28.csv")])
        let output = directory.file("out.csv")
        let result = try bmrs([
            "export", "--store", store, "--table", "bmrs_fuelhh", "--format", "csv", "--output", output, "--start",
            "2018-10-01",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 751)
    }

    @Test(arguments: ["inf", "nan", "0.0004", "0", "-1", "1e300"])
    func ingestRefusesATimeoutThatIsNotAFiniteMillisecondOrMore(value: String) throws {
        for flag in ["--timeout", "--connect-timeout"] {
            let result = try bmrs([
                "ingest", "FUELHH", "--store", store, "--api-base", "http://127.0.0.1:9", flag, value,
            ])
            #expect(result.status == 64, "\(flag) \(value): \(result.stderr)")
            #expect(result.stderr.contains(flag), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test(arguments: ["inf", "-inf", "nan", "-1", "1e300"])
    func ingestRefusesADelayThatIsNotAFiniteNumberOfSeconds(value: String) throws {
        for (flag, limit) in [("--backoff", "3600"), ("--max-retry-after", "86400")] {
            let result = try bmrs([
                "ingest", "FUELHH", "--store", store, "--api-base", "http://127.0.0.1:9", "--start", "2018-01-01",
                "--end", "2018-01-01", "--retries", "1", "\(flag)=\(value)",
            ])
            #expect(result.status == 64, "\(flag) \(value): \(result.stderr)")
            #expect(
                result.stderr.contains("\(flag) must be a number of seconds from 0 to \(limit)"),
                "\(flag) \(value): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: store))
    }
}
