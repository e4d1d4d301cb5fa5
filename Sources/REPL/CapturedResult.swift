import Glibc

/// The last result, kept for `.chart` while it is small enough to chart (a larger one is dropped, so a large
/// result streamed to a pipe is never held).
///
/// A result printed in CSV mode is kept as the CSV text it printed and read back into values only when charted,
/// so the CSV path makes no value per cell; the other modes keep the values.
struct CapturedResult {
    /// A result with more rows is not kept; a chart of it asks for an aggregate.
    static let rowLimit = 50_000
    /// CSV text past this size is not kept (400 bytes a row is generous for a result worth charting).
    static let csvByteLimit = rowLimit * 400

    let columns: [ResultColumn]
    private var values: [[QueryValue]] = []
    private var csv: [[UInt8]] = []
    private var csvLines = 0
    private var csvBytes = 0
    private var tooLarge = false

    init(columns: [ResultColumn], rows: [[QueryValue]] = []) {
        self.columns = columns
        self.values = rows
    }

    /// Whether the result was too large to keep (over `rowLimit` rows, or over `csvByteLimit` bytes of CSV).
    var isTruncated: Bool { tooLarge }

    /// The rows, in order (none when truncated); read back from the CSV text on each call when kept as CSV.
    var rows: [[QueryValue]] {
        guard !tooLarge else { return [] }
        guard !csv.isEmpty else { return values }
        return CSVValues.rows(Array(csv.joined()), columns: columns)
    }

    mutating func add(_ row: [QueryValue]) {
        guard !tooLarge else { return }
        if values.count < Self.rowLimit {
            values.append(row)
        } else {
            tooLarge = true
            values = []
        }
    }

    /// Takes the next piece of the CSV text (no header) as the CSV mode printed it.
    mutating func add(csvText bytes: UnsafeRawBufferPointer) {
        guard !tooLarge, let base = bytes.baseAddress else { return }
        // Line breaks count rows (one inside a quoted field counts too, so the count errs high).
        var offset = 0
        while offset < bytes.count, let found = memchr(base + offset, 10, bytes.count - offset) {
            csvLines += 1
            offset = base.distance(to: UnsafeRawPointer(found)) + 1
        }
        csvBytes += bytes.count
        if csvLines <= Self.rowLimit, csvBytes <= Self.csvByteLimit {
            // Kept as the pieces came, so no piece is copied twice as the text grows.
            csv.append(Array(bytes))
        } else {
            tooLarge = true
            csv = []
        }
    }
}

/// Reads back the CSV text the shell printed into values of the columns' types: INT64, FLOAT64 and BOOL as numbers
/// and booleans, an empty unquoted field as NULL (how CSV spells NULL), everything else as text.
enum CSVValues {
    static func rows(_ csv: [UInt8], columns: [ResultColumn]) -> [[QueryValue]] {
        var rows: [[QueryValue]] = []
        var row: [QueryValue] = []
        var field: [UInt8] = []
        var quoted = false
        var inQuotes = false
        var index = 0
        func endField() {
            let type = row.count < columns.count ? columns[row.count].type : "STRING"
            row.append(value(field, quoted: quoted, type: type))
            field.removeAll(keepingCapacity: true)
            quoted = false
        }
        while index < csv.count {
            let byte = csv[index]
            index += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < csv.count, csv[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inQuotes = true
                quoted = true
            case UInt8(ascii: ","):
                endField()
            case 10:
                endField()
                rows.append(fitted(row, columns.count))
                row = []
            default:
                field.append(byte)
            }
        }
        if !field.isEmpty || quoted || !row.isEmpty {
            endField()
            rows.append(fitted(row, columns.count))
        }
        return rows
    }

    /// `row` with exactly `count` values: a line with fewer fields gets NULLs, extra fields are dropped.
    private static func fitted(_ row: [QueryValue], _ count: Int) -> [QueryValue] {
        row.count == count ? row : Array((row + Array(repeating: .null, count: max(0, count - row.count)))[..<count])
    }

    private static func value(_ bytes: [UInt8], quoted: Bool, type: String) -> QueryValue {
        if bytes.isEmpty && !quoted { return .null }
        let text = String(decoding: bytes, as: UTF8.self)
        switch type {
        case "INT64", "INTEGER": return Int64(text).map(QueryValue.integer) ?? .text(text)
        case "FLOAT64", "FLOAT": return Double(text).map(QueryValue.real) ?? .text(text)
        case "BOOL", "BOOLEAN": return text == "true" ? .bool(true) : text == "false" ? .bool(false) : .text(text)
        default: return .text(text)
        }
    }
}
