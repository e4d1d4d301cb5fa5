import ArgumentParser
import FoundationEssentials
import SQLite
import Store

/// How query results and listings are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, pretty, csv, json, ndjson, markdown
}

/// One printed value.
enum ResultValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    init(_ value: SQLiteValue) {
        switch value {
        case .null: self = .null
        case .integer(let i): self = .integer(i)
        case .real(let d): self = .real(d)
        case .text(let s): self = .text(s)
        case .blob(let b): self = .text("x'" + NumberText.hex(b) + "'")
        }
    }

    var plain: String {
        switch self {
        case .null: return ""
        case .integer(let i): return String(i)
        case .real(let d): return formatReal(d)
        case .text(let s): return s
        }
    }

    var json: String {
        switch self {
        case .null: return "null"
        case .integer(let i): return String(i)
        case .real(let d): return d.isFinite ? formatReal(d) : "null"
        case .text(let s): return jsonString(s)
        }
    }
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
    private var output = StandardOutput()

    init(format: OutputFormat, columns: [String], blankLineFirst: Bool = false) {
        self.format = format
        self.columns = columns
        if blankLineFirst { output.write("\n") }
        if format == .csv { output.write(columns.map(csvField).joined(separator: ",") + "\n") }
    }

    mutating func add(_ row: [ResultValue]) {
        switch format {
        case .csv: output.write(row.map { csvField($0.plain) }.joined(separator: ",") + "\n")
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
            let numeric = columns.indices.map { i in
                buffered.contains {
                    if case .integer = $0[i] { return true }
                    if case .real = $0[i] { return true }
                    return false
                }
            }
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
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

/// Buffered standard output.
struct StandardOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        Console.writeOutput(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
