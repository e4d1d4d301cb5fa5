import Hashing
import Testing

@testable import Sync

/// Choosing days and batches: changed days only, oldest first, within quotas, deterministic job ids.
@Suite struct SyncPlannerTests {
    static func year(hashSeed: String = "a") -> [SyncPartition] {
        (0..<365).map { index in
            let day = 17_532 + index  // 2018-01-01
            return SyncPartition(
                table: "bmrs_fuelhh", date: CivilTimeTestDates.string(day), rowCount: 720,
                contentHash: SHA256.hex(Array("\(hashSeed)\(index)".utf8)))
        }
    }

    @Test func aYearAtTheDefaultBatchSizeNeedsSixLoadsAndSixMerges() {
        let plan = SyncPlanner.plan(
            table: "bmrs_fuelhh", partitions: Self.year().reversed(), records: [:],
            options: SyncOptions(project: "p"))
        #expect(plan.batches.count == 6 && plan.neverSynced == 365)
        #expect(plan.batches.first?.partitions.first?.date == "2018-01-01")
        #expect(plan.batches.last?.partitions.last?.date == "2018-12-31")
        #expect(plan.batches.map(\.partitions.count) == [64, 64, 64, 64, 64, 45])
    }

    @Test func onlyChangedAndNewDaysArePlanned() {
        let partitions = Self.year()
        var records: [String: SyncRecord] = [:]
        for partition in partitions.prefix(300) {
            records[partition.date] = SyncRecord(
                target: "p.uk_energy_insights.bmrs_fuelhh", date: partition.date,
                contentHash: partition.date == "2018-02-01" ? "old" : partition.contentHash, jobID: "j", syncedAt: 0)
        }
        let plan = SyncPlanner.plan(
            table: "bmrs_fuelhh", partitions: partitions, records: records, options: SyncOptions(project: "p"))
        #expect(plan.inSync == 299 && plan.changed == 1 && plan.neverSynced == 65)
        #expect(plan.batches.first?.partitions.first?.date == "2018-02-01")
    }

    @Test func partitionLoadPlansOneJobPerDayAndDefersWhatTheDailyQuotaForbids() {
        var options = SyncOptions(project: "p")
        options.method = .partitionLoad
        let many = (0..<1_600).map {
            SyncPartition(table: "t", date: CivilTimeTestDates.string(10_000 + $0), rowCount: 1, contentHash: "\($0)")
        }
        let plan = SyncPlanner.plan(table: "t", partitions: many, records: [:], options: options)
        #expect(plan.batches.count == SyncPlanner.loadJobsPerTablePerDay && plan.deferred == 100)
        #expect(plan.batches.allSatisfy { $0.partitions.count == 1 })
    }

    @Test func jobIDsDependOnContentTargetAndAttemptOnly() {
        let options = SyncOptions(project: "p")
        let a = SyncPlanner.plan(table: "bmrs_fuelhh", partitions: Self.year(), records: [:], options: options)
        let b = SyncPlanner.plan(table: "bmrs_fuelhh", partitions: Self.year(), records: [:], options: options)
        let changed = SyncPlanner.plan(
            table: "bmrs_fuelhh", partitions: Self.year(hashSeed: "b"), records: [:], options: options)
        var elsewhere = options
        elsewhere.dataset = "other"
        let moved = SyncPlanner.plan(table: "bmrs_fuelhh", partitions: Self.year(), records: [:], options: elsewhere)
        let first = a.batches[0]
        #expect(first.jobID("load", attempt: 0) == b.batches[0].jobID("load", attempt: 0))
        #expect(first.jobID("load", attempt: 0) != first.jobID("load", attempt: 1))
        #expect(first.jobID("load", attempt: 0) != changed.batches[0].jobID("load", attempt: 0))
        #expect(first.jobID("load", attempt: 0) != moved.batches[0].jobID("load", attempt: 0))
        #expect(first.jobID("merge", attempt: 0).count < 100)
    }

    @Test func checksumsAndCivilTimeMatchBigQuerysDefinitions() {
        #expect(CivilTime.unixDate("1970-01-01") == 0)
        #expect(CivilTime.unixDate("2018-01-01") == 17_532)
        #expect(CivilTime.unixDate("1969-12-31") == -1)
        #expect(CivilTime.unixSeconds("2018-03-25 01:30:00") == 1_521_941_400)
        #expect(CivilTime.unixSeconds("2018-03-25T01:30:00.999+00:00") == 1_521_941_400)
        #expect(CivilTime.unixDate("2018-13-01") == nil && CivilTime.unixSeconds("2018-01-01 xx") == nil)
        #expect(Base64.decode(Base64.encode(Array("any carnal pleas".utf8))) == Array("any carnal pleas".utf8))
        #expect(Base64.encodeURL([0xfb, 0xff]) == "-_8")
        #expect(Base64.decode("not base64!") == nil)
    }

    @Test func errorsNeverCarryAnUploadSessionsQuery() {
        #expect(
            BigQueryClient.redacted("http://h/upload/x?uploadType=resumable&upload_id=secret") == "http://h/upload/x")
    }
}

/// Day numbers as dates for the tests (the inverse of `CivilTime.unixDate`).
enum CivilTimeTestDates {
    static func string(_ day: Int) -> String {
        var year = 1970
        var remaining = day
        func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
        while remaining >= (isLeap(year) ? 366 : 365) {
            remaining -= isLeap(year) ? 366 : 365
            year += 1
        }
        let lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var month = 0
        while remaining >= lengths[month] {
            remaining -= lengths[month]
            month += 1
        }
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(pad(month + 1))-\(pad(remaining + 1))"
    }
}
