/// Prints one result in an output mode as its rows arrive. CSV, JSON, NDJSON, Markdown and line mode stream;
/// table mode keeps only the first and last rows it will show (`.maxrows`), so no mode holds a large result.
final class ResultPrinter {
    /// The output modes (`.mode`).
    enum Mode: String, CaseIterable {
        case table, csv, json, ndjson, markdown, line
    }

    private let mode: Mode
    private let columns: [ResultColumn]
    private let sink: OutputSink
    private let maxRows: Int
    private var head: [[QueryValue]] = []
    private var tail: [[QueryValue]] = []
    private var tailStart = 0
    private(set) var rowCount = 0
    private var line: [UInt8] = []

    /// A printer for a result with `columns`; table mode shows at most `maxRows` rows (0: all).
    init(mode: Mode, columns: [ResultColumn], sink: OutputSink, maxRows: Int) {
        self.mode = mode
        self.columns = columns
        self.sink = sink
        self.maxRows = maxRows
        switch mode {
        case .csv:
            for (i, column) in columns.enumerated() {
                if i > 0 { line.append(44) }
                ValueText.appendCSV(.text(column.name), to: &line)
            }
            line.append(10)
            sink.write(bytes: line)
        case .json: sink.write("[")
        case .markdown:
            sink.write("| " + columns.map { markdownCell($0.name) }.joined(separator: " | ") + " |\n")
            sink.write("|" + String(repeating: " --- |", count: columns.count) + "\n")
        default: break
        }
    }

    /// Takes one row.
    func add(_ row: [QueryValue]) {
        defer { rowCount += 1 }
        switch mode {
        case .csv:
            line.removeAll(keepingCapacity: true)
            for (i, value) in row.enumerated() {
                if i > 0 { line.append(44) }
                ValueText.appendCSV(value, to: &line)
            }
            line.append(10)
            sink.write(bytes: line)
        case .ndjson: sink.write(object(row) + "\n")
        case .json: sink.write((rowCount == 0 ? "" : ",\n ") + object(row))
        case .markdown:
            sink.write("| " + row.map { markdownCell(ValueText.plain($0)) }.joined(separator: " | ") + " |\n")
        case .line:
            let width = columns.map(\.name.count).max() ?? 0
            if rowCount > 0 { sink.write("\n") }
            for (column, value) in zip(columns, row) {
                let text = value == .null ? "NULL" : ValueText.plain(value)
                sink.write(String(repeating: " ", count: width - column.name.count) + column.name + " = " + text + "\n")
            }
        case .table: keep(row)
        }
    }

    /// Takes the next piece of CSV text in CSV mode (`StatementRunner.runCSV`).
    func add(csvText bytes: UnsafeRawBufferPointer) {
        sink.write(raw: bytes)
    }

    /// Ends the result (table mode prints here) and flushes.
    func finish() {
        switch mode {
        case .json: sink.write("]\n")
        case .table:
            let layout = TableLayout(
                columns: columns, head: head, tail: tailInOrder, totalRows: rowCount, width: sink.width,
                colour: sink.usesColour)
            sink.write(layout.render())
        default: break
        }
        sink.flush()
    }

    private func keep(_ row: [QueryValue]) {
        let headLimit = maxRows <= 0 ? Int.max : (maxRows + 1) / 2
        let tailLimit = maxRows <= 0 ? 0 : maxRows / 2
        if head.count < headLimit {
            head.append(row)
        } else if tailLimit > 0 {
            if tail.count < tailLimit {
                tail.append(row)
            } else {
                tail[tailStart] = row
                tailStart = (tailStart + 1) % tailLimit
            }
        }
    }

    private var tailInOrder: [[QueryValue]] {
        Array(tail[tailStart...] + tail[..<tailStart])
    }

    private func object(_ row: [QueryValue]) -> String {
        "{" + zip(columns, row).map { ValueText.jsonString($0.name) + ":" + ValueText.json($1) }.joined(separator: ",")
            + "}"
    }

    private func markdownCell(_ s: String) -> String {
        s.replacing("|", with: "\\|").replacing("\n", with: " ")
    }
}
