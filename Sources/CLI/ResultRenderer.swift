import ArgumentParser
import FoundationEssentials
import Store

/// How query results and listings are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, pretty, csv, json, ndjson, markdown
}

extension ResultValue {
    /// The value as CSV, table and markdown print it: NULL empty, a BLOB as `x'…'` hexadecimal.
    var plain: String {
        switch self {
        case .null: return ""
        case .integer(let i): return String(i)
        case .real(let d): return formatReal(d)
        case .text(let s): return s
        case .blob(let b): return "x'" + NumberText.hex(b) + "'"
        }
    }

    /// The value as JSON prints it.
    var json: String {
        switch self {
        case .null: return "null"
        case .integer(let i): return String(i)
        case .real(let d): return d.isFinite ? formatReal(d) : "null"
        case .text, .blob: return jsonString(plain)
        }
    }

    /// Whether tables align the value right.
    var isNumber: Bool { kind == .integer || kind == .real }
}

func formatReal(_ d: Double) -> String {
    if d == d.rounded(), abs(d) < 1e15 { return NumberText.fixed(d, digits: 1) }
    return "\(d)"
}

/// Prints rows in one of the output formats. CSV and NDJSON stream; table, markdown and JSON buffer.
struct ResultRenderer {
    let format: OutputFormat
    let columns: [String]
    private var buffered: [[ResultValue]] = []
    private let output = StandardOutput()

    init(format: OutputFormat, columns: [String], blankLineFirst: Bool = false) {
        self.format = format
        self.columns = columns
        if blankLineFirst { output.write("\n") }
        if format == .csv { output.write(columns.map(CSV.field).joined(separator: ",") + "\n") }
    }

    /// Prints (CSV, NDJSON) or keeps (the other formats) the row a query stands on. CSV goes byte by byte from the
    /// row to the output buffer.
    mutating func add(row: borrowing ResultRow) {
        guard format == .csv else { return add(row.values) }
        row.withCells { cells in
            for index in cells.indices {
                if index > 0 { output.write(byte: UInt8(ascii: ",")) }
                let cell = cells[index]
                switch cell.kind {
                case .null: break
                case .integer: output.write(integer: cell.integer)
                case .real: output.write(formatReal(cell.real))
                case .text:
                    if !output.writeASCIICSVField(bytes: cell.bytes) {
                        output.writeCSVField(String(decoding: cell.bytes, as: UTF8.self))
                    }
                case .blob: output.writeCSVField(cell.value.plain)
                }
            }
        }
        output.write(byte: 10)
    }

    mutating func add(_ row: [ResultValue]) {
        switch format {
        case .csv: output.write(row.map { CSV.field($0.plain) }.joined(separator: ",") + "\n")
        case .ndjson: output.write(object(row) + "\n")
        default: buffered.append(row)
        }
    }

    mutating func finish() {
        switch format {
        case .csv, .ndjson: break
        case .json:
            output.write("[" + buffered.map(object).joined(separator: ",\n ") + "]\n")
        case .markdown:
            output.write("| " + columns.map(markdownCell).joined(separator: " | ") + " |\n")
            output.write("|" + columns.map { _ in " --- |" }.joined() + "\n")
            for row in buffered {
                output.write("| " + row.map { markdownCell($0.plain) }.joined(separator: " | ") + " |\n")
            }
        case .table, .pretty:
            var widths = columns.map(\.count)
            let texts = buffered.map { $0.map { $0.plain } }
            for row in texts {
                for (i, t) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], t.count) }
            }
            func line(_ cells: [String], numeric: [Bool]) -> String {
                cells.enumerated().map { i, c in
                    let pad = String(repeating: " ", count: widths[i] - c.count)
                    return numeric[i] ? pad + c : c + pad
                }.joined(separator: "  ")
            }
            let numeric = columns.indices.map { i in buffered.contains { $0[i].isNumber } }
            output.write(line(columns, numeric: numeric) + "\n")
            output.write(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n")
            for row in texts { output.write(line(row, numeric: numeric) + "\n") }
            output.write("(\(buffered.count) row\(buffered.count == 1 ? "" : "s"))\n")
        }
        output.flush()
    }

    private func object(_ row: [ResultValue]) -> String {
        "{" + zip(columns, row).map { jsonString($0) + ":" + $1.json }.joined(separator: ",") + "}"
    }

    private func markdownCell(_ s: String) -> String {
        s.replacing("|", with: "\\|").replacing("\n", with: " ")
    }
}
