import BigQuerySQL
import Store

/// Prints BigQuery-typed results as `bq` does: csv, pretty (a boxed table), json; NULL empty in CSV, null in JSON.
struct TypedResultRenderer {
    let format: OutputFormat
    let columns: [ResultColumn]
    private let cells: [TypedCell]
    private var buffered: [[String?]] = []
    private var jsonRows: [String] = []
    private let output: StandardOutput

    /// A renderer printing to `output` (standard output unless given).
    init(format: OutputFormat, columns: [ResultColumn], output: StandardOutput = StandardOutput()) {
        self.format = format
        self.columns = columns
        self.output = output
        cells = columns.map { TypedCell($0.type) }
        if format == .csv { output.write(columns.map { CSV.field($0.name) }.joined(separator: ",") + "\n") }
    }

    /// Prints (CSV, NDJSON) or keeps (the other formats) the row a query stands on. CSV goes byte by byte from the
    /// row to the output buffer.
    mutating func add(row: borrowing ResultRow) {
        guard format != .csv else {
            row.withCells { Self.writeCSV($0, cells: cells, columns: columns, into: output) }
            return
        }
        add(row.withCells { $0.map(TypedCell.stored) })
    }

    /// Writes one row's cells as a CSV line, as `bq` prints it.
    static func writeCSV(
        _ row: UnsafeBufferPointer<ResultCell>, cells: [TypedCell], columns: [ResultColumn], into output: StandardOutput
    ) {
        cells.withUnsafeBufferPointer { cells in
            for index in 0..<min(cells.count, row.count) {
                if index > 0 { output.write(byte: UInt8(ascii: ",")) }
                cells[index].writeCSV(row[index], type: { columns[index].type }, into: output)
            }
        }
        output.write(byte: 10)
    }

    private mutating func add(_ row: [StoredValue]) {
        switch format {
        case .json, .ndjson:
            let object =
                "{"
                + zip(row, columns).map {
                    ResultValueFormatter.quote($1.name) + ":" + ResultValueFormatter.jsonValue($0, $1.type)
                }.joined(separator: ",") + "}"
            if format == .ndjson {
                output.write(object + "\n")
            } else {
                jsonRows.append(object)
            }
        default:
            buffered.append(zip(row, columns).map { ResultValueFormatter.text($0, $1.type) })
        }
    }

    mutating func finish() {
        switch format {
        case .csv, .ndjson:
            break
        case .json:
            output.write("[" + jsonRows.joined(separator: ",") + "]\n")
        case .markdown:
            output.write("| " + columns.map(\.name).joined(separator: " | ") + " |\n")
            output.write("|" + columns.map { _ in " --- |" }.joined() + "\n")
            for row in buffered {
                output.write(
                    "| "
                        + row.map { ($0 ?? "NULL").replacing("|", with: "\\|") }.joined(separator: " | ")
                        + " |\n")
            }
        case .table, .pretty:
            // bq's pretty format: a boxed table, NULL printed as NULL.
            let texts = buffered.map { $0.map { $0 ?? "NULL" } }
            var widths = columns.map(\.name.count)
            for row in texts {
                for (i, t) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], t.count) }
            }
            let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) + "+" }.joined()
            func line(_ cells: [String]) -> String {
                "|"
                    + cells.enumerated().map { i, c in
                        " " + c + String(repeating: " ", count: widths[i] - c.count) + " |"
                    }
                    .joined()
            }
            output.write(rule + "\n" + line(columns.map(\.name)) + "\n" + rule + "\n")
            for row in texts { output.write(line(row) + "\n") }
            output.write(rule + "\n")
        }
        output.flush()
    }
}
