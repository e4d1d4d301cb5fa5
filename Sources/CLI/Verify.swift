import ArgumentParser
import Store

/// `bmrs verify`: check every partition and SQLite's integrity.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute every partition's content hash and row count, and run SQLite's integrity check.",
        discussion: """
            Exit status 0 when the store is sound, 1 when anything is wrong (each problem on its own line).

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
