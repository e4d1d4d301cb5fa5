import Foundation
import TestSupport
import Testing

/// The command line as people type it: SQL that starts with a comment, negative numbers as values, and help that
/// states every limit and never splits an example mid-command at 80 columns.
@Suite(.serialized) struct CommandLineTests {
    let directory = TemporaryDirectory()
    var store: String { directory.file("store.sqlite") }

    private func makeStore() throws {
        let migrate = try bmrs(["migrate", "--store", store])
        #expect(migrate.status == 0, "\(migrate.stderr)")
    }

    @Test func sqlThatStartsWithACommentIsTheQueryNotAnOption() throws {
        try makeStore()
        for arguments in [
            ["query", "--store", store, "--format", "csv", "-- a comment\nSELECT 1 AS one"],
            ["query", "--store", store, "-- a comment\nSELECT 1 AS one", "--format", "csv"],
            ["query", "--store", store, "--format", "csv", "--", "-- a comment\nSELECT 1 AS one"],
            ["query", "--store", store, "--format", "csv", "--sqlite", "--no space\nSELECT 1 AS one"],
        ] {
            let result = try bmrs(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout == "one\n1\n", "\(arguments)")
        }
    }

    @Test func aMisspelledOptionIsStillAnError() throws {
        try makeStore()
        let result = try bmrs(["query", "--store", store, "--fromat", "csv", "SELECT 1"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--fromat"), "\(result.stderr)")
    }

    @Test func negativeNumbersReachTheOptionsOwnCheck() throws {
        let cases: [([String], String)] = [
            (["ingest", "FUELHH", "--start", "2018-01-01", "--retries", "-1"], "cannot be negative"),
            (["ingest", "FUELHH", "--start", "2018-01-01", "--parallel", "-3"], "between 1 and 64"),
            (["ingest", "FUELHH", "--start", "2018-01-01", "--timeout", "-0.5"], "from 0.001 to 86400"),
        ]
        for (arguments, message) in cases {
            let result = try bmrs(arguments + ["--store", store])
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }

    @Test func helpStatesTheLimits() throws {
        let help = try bmrs(["ingest", "--help"], environment: ["COLUMNS": "200"])
        #expect(help.stdout.contains("Requests in flight at once, 1 to 64."), "\(help.stdout)")
        #expect(help.stdout.contains("a range spans at most 30 years"), "\(help.stdout)")
        // Every numeric option of ingest and compact states the range its own check enforces.
        for limit in [
            "Days per request, at least 1", "connection (a 429 does not use one up), 0 or more",
            "before it stops cleanly, 0 or more", "in seconds, 0 to 3600 (doubles",
            "Retry-After honoured, in seconds, 0 to 86400.",
            "Seconds allowed to connect, 0.001 to 86400.", "Seconds allowed for one request, 0.001 to 86400.",
            "older than this (0 or more)",
        ] {
            #expect(help.stdout.contains(limit), "bmrs ingest --help does not say '\(limit)'")
        }
        let compact = try bmrs(["compact", "--help"], environment: ["COLUMNS": "200"])
        for limit in [
            "this many days (0 or more) before today", "sealed blobs, 1 to 22.", "this many days (0 or more);",
        ] {
            #expect(compact.stdout.contains(limit), "bmrs compact --help does not say '\(limit)'")
        }
    }

    @Test(arguments: [
        "", "ingest", "load", "migrate", "query", "partitions", "compact", "verify", "backup", "export", "schema",
        "check", "sync",
    ])
    func examplesAreNeverSplitMidCommandAt80Columns(command: String) throws {
        let help = try bmrs((command.isEmpty ? [] : [command]) + ["--help"], environment: ["COLUMNS": "80"])
        #expect(help.status == 0)
        let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Example") }) else { return }
        for line in lines[(start + 1)...].prefix(while: { !$0.isEmpty }) {
            #expect(line.hasPrefix("  "), "bmrs \(command) --help splits an example: \(line)")
            #expect(line.count <= 80, "bmrs \(command) --help: \(line)")
        }
    }
}
