import Glibc
import Store
import Sync

/// Renders `bmrs sync` output: progress on a terminal, summaries, `--json` for scripts.
struct SyncReport {
    let json: Bool
    let isTerminal = isatty(2) == 1

    static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    func line(_ text: String) { Console.writeOutput(Array((text + "\n").utf8)) }

    func progress(_ event: SyncEvent) {
        guard !json else { return }
        switch event {
        case .schema(let table, let note): printError("bmrs: \(table): \(note)")
        case .loaded(let batch, let id, let reused) where isTerminal:
            printError("bmrs: \(batch.table) \(batch.range): loaded (\(reused ? "found job" : "job") \(id))")
        case .merged(let batch, let id, let reused) where isTerminal:
            printError("bmrs: \(batch.table) \(batch.range): merged (\(reused ? "found job" : "job") \(id))")
        case .failed(let batch, let error):
            printError("bmrs: \(batch.table) \(batch.range): failed: \(error)")
        default: break
        }
    }

    func summary(_ summary: SyncSummary, seconds: Double) {
        let counters = summary.counters
        let failedDays = summary.failures.flatMap { $0.batch.partitions.map { "\($0.table) \($0.date)" } }
        if json {
            let failures = summary.failures.map {
                "{\"table\":\(jsonString($0.batch.table)),\"days\":[\($0.batch.partitions.map { jsonString($0.date) }.joined(separator: ","))],\"error\":\(jsonString($0.error.description))}"
            }
            line(
                "{\"partitions\":\(summary.partitions),\"rows\":\(summary.rows),\"bytes\":\(counters.bytesUploaded),"
                    + "\"loadJobs\":\(counters.loadJobs),\"queryJobs\":\(counters.queryJobs),"
                    + "\"deferred\":\(summary.deferred),\"seconds\":\(NumberText.fixed(seconds, digits: 3)),"
                    + "\"failures\":[\(failures.joined(separator: ","))]}")
            return
        }
        line(
            "pushed \(summary.partitions) partitions, \(summary.rows) rows, \(counters.bytesUploaded) bytes in "
                + "\(counters.loadJobs) load jobs and \(counters.queryJobs) query jobs, "
                + "\(NumberText.fixed(seconds, digits: 1)) s")
        if summary.deferred > 0 {
            line("\(summary.deferred) days held back by the daily load-job quota: run sync again tomorrow")
        }
        if !failedDays.isEmpty { printError("bmrs: sync failed for: \(failedDays.joined(separator: ", "))") }
    }

    func status(_ plans: [TablePlan]) {
        for plan in plans {
            let changed = plan.batches.flatMap(\.partitions).count
            if json {
                line(
                    "{\"table\":\(jsonString(plan.table)),\"target\":\(jsonString(plan.target)),"
                        + "\"inSync\":\(plan.inSync),\"changed\":\(plan.changed),\"neverSynced\":\(plan.neverSynced)}")
            } else {
                line(
                    "\(plan.table) → \(plan.target): \(plan.inSync) days in sync, \(plan.changed) changed since the "
                        + "last sync, \(plan.neverSynced) never synced (\(changed + plan.deferred) to push)")
            }
        }
    }

    func dryRun(_ plans: [TablePlan], method: SyncMethod) {
        for plan in plans {
            let loads = plan.batches.count
            let queries = method == .merge ? plan.batches.count : 0
            for batch in plan.batches {
                if json {
                    line(
                        "{\"table\":\(jsonString(batch.table)),\"days\":\(batch.partitions.count),"
                            + "\"first\":\(jsonString(batch.partitions.first?.date ?? "")),"
                            + "\"last\":\(jsonString(batch.partitions.last?.date ?? "")),\"rows\":\(batch.rowCount),"
                            + "\"loadJob\":\(jsonString(batch.jobID("load", attempt: 0)))}")
                } else {
                    line("\(batch.table) \(batch.range): \(batch.partitions.count) days, \(batch.rowCount) rows")
                }
            }
            if !json {
                line(
                    "\(plan.table): \(plan.batches.flatMap(\.partitions).count) days to push in \(loads) load jobs and "
                        + "\(queries) query jobs; \(plan.inSync) in sync"
                        + (plan.deferred > 0 ? "; \(plan.deferred) more need later days (load-job quota)" : ""))
            }
        }
    }

    func verify(_ differences: [VerifyDifference]) {
        for difference in differences {
            if json {
                line(
                    "{\"table\":\(jsonString(difference.table)),\"date\":\(jsonString(difference.date)),"
                        + "\"local\":\(jsonString(difference.local)),\"remote\":\(jsonString(difference.remote))}")
            } else {
                line("\(difference.table) \(difference.date): local \(difference.local), remote \(difference.remote)")
            }
        }
        if !json { line(differences.isEmpty ? "every day matches" : "\(differences.count) days differ") }
    }
}
