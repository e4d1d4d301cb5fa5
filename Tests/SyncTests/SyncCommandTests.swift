import Foundation
import TestSupport
import Testing

/// `bmrs sync` as a user runs it (the built binary) against local-bigquery: dry run, --json summary, --status,
/// --verify, exit codes.
@Suite(.serialized, .enabled(if: LocalBigQuery.isAvailable, LocalBigQuery.skipReason))
struct SyncCommandTests {
    let directory = TemporaryDirectory()

    @Test func dryRunThenSyncThenStatusAndVerify() throws {
        let emulator = try LocalBigQuery.shared.get()
        let dataset = try emulator.makeDataset("sync_cli")
        let store = directory.file("store.sqlite")
        let loaded = try bmrs(
            ["load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018-01-01.json")])
        #expect(loaded.status == 0)
        let environment = ["BIGQUERY_EMULATOR_HOST": emulator.host]
        let common = ["sync", "--store", store, "--project", "test-project", "--dataset", dataset]

        let dry = try bmrs(common + ["--dry-run"], environment: environment)
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("bmrs_fuelhh 2018-01-01: 1 days, 720 rows"))
        #expect(dry.stdout.contains("1 days to push in 1 load jobs and 1 query jobs"))

        let sync = try bmrs(common + ["--json"], environment: environment)
        #expect(sync.status == 0, "\(sync.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(sync.stdout.utf8)) as? [String: Any]
        #expect(summary?["partitions"] as? Int == 1 && summary?["rows"] as? Int == 720)
        #expect(summary?["loadJobs"] as? Int == 1 && summary?["queryJobs"] as? Int == 1)

        let status = try bmrs(common + ["--status", "--table", "bmrs_fuelhh"], environment: environment)
        #expect(status.stdout.contains("1 days in sync, 0 changed since the last sync, 0 never synced"))

        let verify = try bmrs(common + ["--verify", "--table", "bmrs_fuelhh"], environment: environment)
        #expect(verify.status == 0 && verify.stdout.contains("every day matches"), "\(verify.stderr)")

        let missing = try bmrs(common + ["--table", "nope"], environment: environment)
        #expect(missing.status != 0 && missing.stderr.contains("no table named nope"))
    }
}
