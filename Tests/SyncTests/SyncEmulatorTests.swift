import BigQueryDDL
import Foundation
import Rows
import Store
import Sync
import TestSupport
import Testing

@testable import CLI

/// The merge method end to end against the local-bigquery emulator, read back through its query API.
@Suite(.serialized, .enabled(if: LocalBigQuery.isAvailable, LocalBigQuery.skipReason))
struct SyncEmulatorTests {
    let directory = TemporaryDirectory()
    static let fuelhh = Dataset.named("FUELHH")!

    /// A store holding two real FUELHH days (2018-01-01, 2018-10-28 with its 50 periods).
    func makeStore() throws -> Warehouse {
        let warehouse = try Warehouse(path: directory.file("store.sqlite"), access: .write)
        for name in ["FUELHH_2018-01-01.json", "FUELHH_2018-10-28.csv"] {
            _ = try warehouse.load(body: try TestSupport.fixtureBytes(name), source: name, dataset: Self.fuelhh)
        }
        return warehouse
    }

    /// Elexon restates one value of 2018-01-01 (a later publishTime, generation 9999 for period 1 CCGT).
    func restate(_ warehouse: Warehouse) throws {
        var text = String(decoding: try TestSupport.fixtureBytes("FUELHH_2018-01-01.json"), as: UTF8.self)
        text = text.replacingOccurrences(
            of: "\"publishTime\":\"2018-01-01T00:30:00.000+00:00\",\"startTime\":\"2018-01-01T00:00:00.000+00:00\","
                + "\"settlementDate\":\"2018-01-01\",\"settlementPeriod\":1,\"fuelType\":\"CCGT\",\"generation\":5361",
            with: "\"publishTime\":\"2018-01-02T00:30:00.000+00:00\",\"startTime\":\"2018-01-01T00:00:00.000+00:00\","
                + "\"settlementDate\":\"2018-01-01\",\"settlementPeriod\":1,\"fuelType\":\"CCGT\",\"generation\":9999")
        _ = try warehouse.load(body: Array(text.utf8), source: "restated", dataset: Self.fuelhh)
    }

    func emulator() throws -> LocalBigQuery { try LocalBigQuery.shared.get() }

    func runner(_ emulator: LocalBigQuery, _ source: any SyncSource, dataset: String) -> SyncRunner {
        var options = SyncOptions(project: "test-project")
        options.dataset = dataset
        options.tables = ["bmrs_fuelhh"]
        let client = BigQueryClient(
            endpoint: BigQueryEndpoint.fromEnvironment(["BIGQUERY_EMULATOR_HOST": emulator.host]),
            project: "test-project", location: nil, credentials: .anonymous)
        client.firstPoll = 0.05
        return SyncRunner(client: client, source: source, options: options)
    }

    /// Every row of the remote table, read back through the emulator's query API, as sorted text.
    func remoteRows(_ emulator: LocalBigQuery, dataset: String) throws -> [String] {
        let client = BigQueryClient(
            endpoint: BigQueryEndpoint.fromEnvironment(["BIGQUERY_EMULATOR_HOST": emulator.host]),
            project: "test-project", location: nil, credentials: .anonymous)
        return try client.queryRows(
            id: "read_\(UUID().uuidString)",
            sql: "SELECT CAST(settlementDate AS STRING), settlementPeriod, fuelType, generation, "
                + "UNIX_SECONDS(publishTime), UNIX_SECONDS(startTime) FROM `test-project.\(dataset).bmrs_fuelhh`"
        ).map { $0.map { $0 ?? "NULL" }.joined(separator: "|") }.sorted()
    }

    /// Every row of the local table as the same text.
    func localRows(_ warehouse: Warehouse) throws -> [String] {
        var rows: [String] = []
        try warehouse.query(
            sql: "SELECT settlementDate, settlementPeriod, fuelType, generation, "
                + "CAST(strftime('%s', publishTime) AS INTEGER), CAST(strftime('%s', startTime) AS INTEGER) "
                + "FROM bmrs_fuelhh", columns: { _ in },
            row: { values in
                rows.append(
                    values.map { value -> String in
                        switch value {
                        case .integer(let i): return String(i)
                        case .text(let s): return s
                        case .null: return "NULL"
                        default: return "\(value)"
                        }
                    }.joined(separator: "|"))
            })
        return rows.sorted()
    }

    @Test func pushesTheStoreAndASecondSyncPushesNothing() throws {
        let emulator = try emulator()
        let dataset = try emulator.makeDataset("sync_first")
        let warehouse = try makeStore()
        let source = StoreSyncSource(warehouse)
        let first = runner(emulator, source, dataset: dataset)
        let summary = try first.run(try first.plan())
        #expect(summary.partitions == 2 && summary.rows == 1_470 && summary.failures.isEmpty)
        #expect(summary.counters.loadJobs == 1 && summary.counters.queryJobs == 1)
        #expect(try remoteRows(emulator, dataset: dataset) == (try localRows(warehouse)))

        let second = runner(emulator, source, dataset: dataset)
        let again = try second.run(try second.plan())
        #expect(again.partitions == 0 && again.counters.loadJobs == 0 && again.counters.queryJobs == 0)
        #expect(try SyncVerifier(client: second.client, source: source, options: second.options).verify().isEmpty)
    }

    @Test func aChangedDayReplacesExactlyThatDay() throws {
        let emulator = try emulator()
        let dataset = try emulator.makeDataset("sync_changed")
        let warehouse = try makeStore()
        let source = StoreSyncSource(warehouse)
        let first = runner(emulator, source, dataset: dataset)
        _ = try first.run(try first.plan())
        try restate(warehouse)
        let verifier = SyncVerifier(client: first.client, source: source, options: first.options)
        #expect(try verifier.verify().map(\.date) == ["2018-01-01"])

        let second = runner(emulator, source, dataset: dataset)
        let plan = try second.plan()
        #expect(plan.flatMap(\.batches).flatMap(\.partitions).map(\.date) == ["2018-01-01"])
        let summary = try second.run(plan)
        #expect(summary.partitions == 1 && summary.rows == 720)
        let remote = try remoteRows(emulator, dataset: dataset)
        #expect(remote == (try localRows(warehouse)))
        #expect(remote.contains { $0.hasPrefix("2018-01-01|1|CCGT|9999|") })
        #expect(remote.filter { $0.hasPrefix("2018-10-28|") }.count == 750)
    }

    /// A crash between the load and the MERGE: the next run finds the load job, runs the MERGE once, and the
    /// remote table has each row exactly once.
    @Test func aCrashBetweenLoadAndMergeResumesCleanly() throws {
        struct Crash: Error {}
        let emulator = try emulator()
        let dataset = try emulator.makeDataset("sync_crash")
        let warehouse = try makeStore()
        let source = StoreSyncSource(warehouse)
        let crashing = runner(emulator, source, dataset: dataset)
        crashing.onEvent = { event in
            if case .loaded = event { throw Crash() }
        }
        #expect(throws: SyncError.self) { try crashing.run(try crashing.plan()) }
        #expect(try source.syncRecords(target: "test-project.\(dataset).bmrs_fuelhh").isEmpty)

        let resumed = runner(emulator, source, dataset: dataset)
        var reusedLoad = false
        resumed.onEvent = { event in
            if case .loaded(_, _, let reused) = event { reusedLoad = reused }
        }
        let summary = try resumed.run(try resumed.plan())
        #expect(reusedLoad)
        #expect(summary.partitions == 2 && summary.counters.loadJobs == 0 && summary.counters.queryJobs == 1)
        #expect(try remoteRows(emulator, dataset: dataset) == (try localRows(warehouse)))
    }

    /// A crash after the MERGE but before the state was written, then Elexon restates a day: the next run pushes
    /// the new content (a new batch, new job ids) and each day is there once, with the new values.
    @Test func aCrashAfterTheMergeThenALocalChangeStillEndsWithTheLocalContent() throws {
        struct Crash: Error {}
        let emulator = try emulator()
        let dataset = try emulator.makeDataset("sync_crash_changed")
        let warehouse = try makeStore()
        let source = StoreSyncSource(warehouse)
        let crashing = runner(emulator, source, dataset: dataset)
        crashing.onEvent = { event in
            if case .merged = event { throw Crash() }
        }
        #expect(throws: SyncError.self) { try crashing.run(try crashing.plan()) }
        try restate(warehouse)

        let resumed = runner(emulator, source, dataset: dataset)
        let summary = try resumed.run(try resumed.plan())
        #expect(summary.partitions == 2 && summary.counters.loadJobs == 1 && summary.counters.queryJobs == 1)
        let remote = try remoteRows(emulator, dataset: dataset)
        #expect(remote == (try localRows(warehouse)))
        #expect(remote.contains { $0.hasPrefix("2018-01-01|1|CCGT|9999|") })
    }

    /// A load job that fails (the upload is not NDJSON) is reported with BigQuery's message and its days are not
    /// recorded; the next run retries under the next attempt's job id and succeeds.
    @Test func aFailedJobIsReportedAndRetriedNextTime() throws {
        let emulator = try emulator()
        let dataset = try emulator.makeDataset("sync_failed")
        let warehouse = try makeStore()
        let broken = BrokenSource(StoreSyncSource(warehouse))
        let first = runner(emulator, broken, dataset: dataset)
        let failed = try first.run(try first.plan())
        #expect(failed.failures.count == 1 && failed.partitions == 0)
        let failure = try #require(failed.failures.first)
        #expect(failure.error.code == .jobFailed)
        #expect(failure.batch.partitions.map(\.date) == ["2018-01-01", "2018-10-28"])
        #expect(try broken.syncRecords(target: "test-project.\(dataset).bmrs_fuelhh").isEmpty)

        broken.isBroken = false
        let second = runner(emulator, broken, dataset: dataset)
        var loadJob = ""
        second.onEvent = { event in
            if case .loaded(_, let id, _) = event { loadJob = id }
        }
        let summary = try second.run(try second.plan())
        #expect(summary.failures.isEmpty && summary.partitions == 2)
        #expect(loadJob.hasSuffix("_1"))
        #expect(try remoteRows(emulator, dataset: dataset) == (try localRows(warehouse)))
    }
}

/// The real store, except that while `isBroken` its rows are not JSON (so BigQuery's load job fails).
final class BrokenSource: SyncSource {
    let base: StoreSyncSource
    var isBroken = true

    init(_ base: StoreSyncSource) { self.base = base }

    var catalog: BigQueryDDL.Catalog { base.catalog }
    func migrations() throws -> [MigrationScript] { try base.migrations() }
    func partitions(of table: String) throws -> [SyncPartition] { try base.partitions(of: table) }
    func writeRows(of table: String, date: String, into sink: inout [UInt8]) throws -> Int {
        var rows: [UInt8] = []
        let count = try base.writeRows(of: table, date: date, into: &rows)
        sink += isBroken ? Array("this is not json\n".utf8) : rows
        return count
    }
    func syncRecords(target: String) throws -> [String: SyncRecord] { try base.syncRecords(target: target) }
    func recordSynced(_ records: [SyncRecord]) throws { try base.recordSynced(records) }
}
