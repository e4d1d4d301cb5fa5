import Rows
import Store

/// Duplicates dropped, readings superseded and values revised, from the run records, and the revisions recorded
/// per day of the range.
enum DuplicationCheck {
    static func run(_ table: TableFacts, runs: [RunFacts], start: Int64, end: Int64, into outcome: inout CheckOutcome) {
        let mine = runs.filter { $0.table == table.table }
        let read = mine.reduce(0) { $0 + $1.rowsRead }
        let labels = [("table", table.table)]
        let counts: [(String, Int, String)] = [
            ("duplicates", mine.reduce(0) { $0 + $1.duplicates }, "Identical re-deliveries dropped."),
            ("superseded", mine.reduce(0) { $0 + $1.superseded }, "Readings replaced by a later reading."),
            ("revised", mine.reduce(0) { $0 + $1.revised }, "Values restated by a later publication."),
            ("stale", mine.reduce(0) { $0 + $1.stale }, "Older versions dropped."),
        ]
        outcome.metric("bmrs_check_rows_read_total", Double(read), "Rows read by the recorded runs.", labels)
        for (name, count, help) in counts {
            outcome.metric("bmrs_check_\(name)_total", Double(count), help + " (recorded runs)", labels)
            outcome.metric(
                "bmrs_check_\(name)_rate", read == 0 ? 0 : Double(count) / Double(read),
                help + " As a share of rows read.", labels)
        }
        let inRange = table.revisionsByDay.filter { $0.key >= start && $0.key <= end }
        let revisions = inRange.values.reduce(0, +)
        outcome.metric("bmrs_check_revisions", Double(revisions), "Revisions recorded for days in the range.", labels)
        guard revisions > 0 else { return }
        let most = inRange.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
        outcome.findings.append(
            Finding(
                .duplication, .info, table: table.table,
                "\(revisions) revision(s) in the range; most revised days: "
                    + most.map { "\(CivilDate.string($0.key)) (\($0.value))" }.joined(separator: ", ")))
    }
}
