import BigQuerySQL
import Store

/// How one column of a BigQuery-typed result prints, decided once per column from its type: the byte-wise twin of
/// `ResultValueFormatter.text`, which it falls back to for the rare shapes (BYTES, DATETIME, ARRAY, STRUCT, text
/// that is not plain ASCII), so the output is the same byte for byte. A plain enum, so a row copies no type.
enum TypedCell {
    /// INT64: a REAL that holds an integer prints as that integer.
    case int64
    /// BOOL: an INTEGER prints as `true` or `false`.
    case bool
    /// FLOAT64: an INTEGER prints in FLOAT64's shortest round-trip form (`1.0`).
    case float64
    /// TIMESTAMP: stored text gets ` UTC` appended.
    case timestamp
    /// Every other scalar type: numbers and text print as stored.
    case plain
    /// DATETIME, ARRAY, STRUCT: through `ResultValueFormatter`.
    case formatted

    /// The printing of a column of BigQuery type `type`.
    init(_ type: SQLType) {
        switch type {
        case .int64: self = .int64
        case .bool: self = .bool
        case .float64: self = .float64
        case .timestamp: self = .timestamp
        case .datetime, .array, .structure: self = .formatted
        default: self = .plain
        }
    }

    /// Writes `cell` as one CSV field as `bq` prints it (NULL as an empty field); `type` (the column's type) is
    /// asked for only by the rare shapes.
    @inline(__always)
    func writeCSV(_ cell: ResultCell, type: () -> SQLType, into output: StandardOutput) {
        switch (cell.kind, self) {
        case (.null, _):
            return
        case (_, .formatted), (.blob, _):
            output.writeCSVField(ResultValueFormatter.text(Self.stored(cell), type()) ?? "")
        case (.integer, _):
            let number = cell.integer
            switch self {
            case .bool: output.write(number != 0 ? "true" : "false")
            case .float64: output.write(ResultValueFormatter.float(Double(number)))
            default: output.write(integer: number)
            }
        case (.real, _):
            let number = cell.real
            if case .int64 = self, let exact = Int64(exactly: number) {
                output.write(integer: exact)
            } else {
                output.write(ResultValueFormatter.float(number))
            }
        case (.text, _):
            let suffix: StaticString
            if case .timestamp = self { suffix = " UTC" } else { suffix = "" }
            if !output.writeASCIICSVField(bytes: cell.bytes, suffix: suffix) {
                // Not plain ASCII: through a String, which mends invalid UTF-8 as every other path does.
                var text = String(decoding: cell.bytes, as: UTF8.self)
                text.withUTF8 { output.writeCSVField(bytes: UnsafeRawBufferPointer($0), suffix: suffix) }
            }
        }
    }

    /// `cell` as the BigQuery front end's stored value.
    static func stored(_ cell: ResultCell) -> StoredValue {
        switch cell.value {
        case .null: return .null
        case .integer(let i): return .integer(i)
        case .real(let d): return .real(d)
        case .text(let s): return .text(s)
        case .blob(let b): return .blob(b)
        }
    }
}
