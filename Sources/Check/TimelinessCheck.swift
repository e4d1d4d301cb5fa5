import Rows
import Store

/// The lag of the newest data against the schedule it is expected on, and the publish-to-ingest delay of the
/// newest data. Judged only when the range reaches the day still being published (a historical range asks
/// whether those days are right, not whether the feed is live).
struct TimelinessCheck {
    let config: CheckConfig
    let now: Int64
    let today: Int64

    func run(_ table: TableFacts, runs: [RunFacts], into outcome: inout CheckOutcome) {
        let ingests = runs.filter { $0.kind == RunKind.ingest.rawValue && $0.dataset == table.dataset }
        let schedule = config.schedule ?? Schedule.learnt(fromStarts: ingests.map(\.started))
        let labels = [("dataset", table.dataset)]
        outcome.metric(
            "bmrs_check_schedule_seconds", Double(schedule.seconds),
            "The ingest interval expected (given or learnt from the runs).", labels)
        let judged = config.end >= today - 1
        guard let newest = table.newestPublish else {
            if judged {
                outcome.findings.append(
                    Finding(
                        .timeliness, .critical, table: table.table,
                        "\(table.dataset): no data at all; run `bmrs ingest \(table.dataset)`"))
            }
            return
        }
        let lag = (now - newest) / 1_000_000
        outcome.metric(
            "bmrs_check_newest_publish_timestamp_seconds", Double(newest) / 1e6, "The newest publishTime held.", labels)
        outcome.metric("bmrs_check_data_lag_seconds", Double(lag), "Now minus the newest publishTime.", labels)
        let delay = table.newestPublishIngested.map { ($0 - newest) / 1_000_000 }
        if let delay {
            outcome.metric(
                "bmrs_check_processing_delay_seconds", Double(delay),
                "Publish-to-ingest delay of the newest data.", labels)
        }
        guard judged else { return }
        let margin = Double(schedule.seconds) / 60
        if let level = severity(
            of: Double(lag) / 60, warning: margin + config.delayWarningMinutes,
            critical: margin + config.delayCriticalMinutes)
        {
            var finding = Finding(
                .timeliness, level, table: table.table,
                "\(table.dataset): newest data published \(durationText(seconds: lag)) ago "
                    + "(\(Timestamp.isoString(newest))), more than the \(schedule) schedule allows")
            finding.fix = "bmrs ingest \(table.dataset)"
            outcome.findings.append(finding)
        }
        if let delay, !ingests.isEmpty,
            let level = severity(
                of: Double(delay) / 60, warning: config.delayWarningMinutes, critical: config.delayCriticalMinutes)
        {
            outcome.findings.append(
                Finding(
                    .timeliness, level, table: table.table,
                    "\(table.dataset): the newest data was ingested \(durationText(seconds: delay)) after it was "
                        + "published"))
        }
    }
}
