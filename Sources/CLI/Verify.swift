import ArgumentParser
import Store

/// `bmrs verify`: check every partition and SQLite's integrity.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the whole store: every partition, the records that tie them together, and SQLite's integrity.",
        discussion: """
            Recomputes every partition's content hash, row count and BigQuery byte counts from its tier; checks
            that partition records, sealed blobs and hot rows agree (no orphan blob, no partition without its
            blob, no hot rows without a partition record, no empty table that load or ingest runs say received
            rows), that the applied migrations match the ones built into this bmrs, that the store is in WAL
            mode, and runs SQLite's integrity check. Exit status 0 when the store is sound, 1 when anything is
            wrong (each problem on its own line).

            Example:
              bmrs verify
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let report = try reportingErrors { try storeOptions.open(.read).verify() }
        for problem in report.problems { printError("bmrs: verify: \(problem)") }
        print(
            "checked \(report.partitionsChecked) partition(s), \(report.rowsChecked) rows: "
                + (report.problems.isEmpty ? "ok" : "\(report.problems.count) problem(s)"))
        if !report.problems.isEmpty { throw ExitCode.failure }
    }
}
