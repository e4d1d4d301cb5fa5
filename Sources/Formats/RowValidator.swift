import Rows

/// Checks parsed rows against what the data can be: NOT NULL columns present, key text not blank, integer
/// bounds (generation within ±1,000,000 MW), the settlement period inside its day's 46/48/50, and `startTime`
/// where the settlement calendar (Europe/London) puts that period. The first bad row is an error naming the
/// row and field.
struct RowValidator {
    let dataset: Dataset
    let schema: TableSchema

    func validate(_ batch: RowBatch, source: String) throws {
        let required = schema.columns.indices.filter { schema.columns[$0].isRequired }
        let keyTexts = schema.keyIndices.filter { schema.columns[$0].kind == .text }
        let bounded = schema.columns.indices.compactMap { c -> (Int, ClosedRange<Int64>)? in
            guard
                let range = dataset.bounds.first(where: { $0.key.lowercased() == schema.columns[c].name.lowercased() })
            else { return nil }
            return (c, range.value)
        }
        let dateIndex = dataset.settlementDateColumn.flatMap(schema.columnIndex)
        let periodIndex = dataset.settlementPeriodColumn.flatMap(schema.columnIndex)
        let startIndex = dataset.startTimeRule == nil ? nil : schema.columnIndex("startTime")
        var lastDay: Int64 = .min
        var lastPeriods = 48
        func fail(_ message: String, _ row: Int, _ column: Int) -> InputError {
            InputError(message, file: source, row: row + 1, field: schema.columns[column].name)
        }
        for row in 0..<batch.count {
            for column in required where batch[row, column] == .null {
                throw fail("the value is null but the column is NOT NULL", row, column)
            }
            for column in keyTexts {
                if case .text(let s) = batch[row, column], s.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    throw fail("the value is empty but the column is part of the key", row, column)
                }
            }
            for (column, range) in bounded {
                if case .int(let v) = batch[row, column], !range.contains(v) {
                    throw fail("\(v) is outside \(range.lowerBound)…\(range.upperBound)", row, column)
                }
            }
            guard let dateIndex, let periodIndex, case .int(let day) = batch[row, dateIndex],
                case .int(let period) = batch[row, periodIndex]
            else { continue }
            if day != lastDay {
                lastDay = day
                lastPeriods = SettlementCalendar.periods(onDay: day)
            }
            guard period >= 1 && period <= lastPeriods else {
                throw fail(
                    "settlement period \(period) is outside 1…\(lastPeriods), the range for \(CivilDate.string(day))",
                    row, periodIndex)
            }
            if let startIndex, let rule = dataset.startTimeRule, case .int(let start) = batch[row, startIndex] {
                let periodStart = SettlementCalendar.start(ofPeriod: Int(period), on: day)
                let fits =
                    rule == .periodStart
                    ? start == periodStart
                    : start >= periodStart && start < periodStart + SettlementCalendar.periodMicros
                guard fits else {
                    let expected =
                        rule == .periodStart
                        ? Timestamp.isoString(periodStart)
                        : "from \(Timestamp.isoString(periodStart)) up to "
                            + Timestamp.isoString(periodStart + SettlementCalendar.periodMicros)
                    throw fail(
                        "\(Timestamp.isoString(start)) is not where \(CivilDate.string(day)) period \(period) "
                            + "starts (expected \(expected))", row, startIndex)
                }
            }
        }
    }
}
